import { z } from 'zod';
import { StepResult } from './schemas.ts';

/** Machine-readable error codes carried in every problem+json body. */
export const errorCodes = [
  'VALIDATION_FAILED',
  'UNAUTHENTICATED',
  'FORBIDDEN',
  'CSRF_REJECTED',
  'NOT_FOUND',
  'CONFLICT',
  /** The stage has a canary; promote it or roll it back first. */
  'CANARY_ACTIVE',
  /** The stage has no canary to adjust, promote or roll back. */
  'NO_CANARY',
  /** Promoting a canary the judge calls failing: say why (a typed reason) or roll it back. */
  'REASON_REQUIRED',
  /** The stage already has a rollout in progress, or the rollout is not in a state for this control. */
  'ROLLOUT_CONFLICT',
  'PRECONDITION_FAILED',
  'PRECONDITION_REQUIRED',
  'UNSUPPORTED_MEDIA_TYPE',
  'PAYLOAD_TOO_LARGE',
  /** The body did not arrive in time. */
  'REQUEST_TIMEOUT',
  'RATE_LIMITED',
  /** Signed in with a temporary password: change it (POST /api/session/password) before anything else. */
  'PASSWORD_CHANGE_REQUIRED',
  /** The change would leave the console without an enabled admin. */
  'LAST_ADMIN',
  /** AWS refused the console's IAM identity an action; `detail` names it. */
  'AWS_ACCESS_DENIED',
  'AWS_BAD_REQUEST',
  'AWS_THROTTLED',
  'AWS_UNAVAILABLE',
  'AWS_CREDENTIALS',
  'AWS_TIMEOUT',
  /** The audit row could not be written ahead, so the change was not made. */
  'AUDIT_UNAVAILABLE',
  'INTERNAL',
] as const;
export const ErrorCode = z.enum(errorCodes);
export type ErrorCode = z.infer<typeof ErrorCode>;

/** RFC 9457 problem details, extended with our code and the request id. */
export const Problem = z.object({
  type: z.string(),
  title: z.string(),
  status: z.number().int(),
  detail: z.string().optional(),
  code: ErrorCode,
  requestId: z.string(),
  /** Field-level validation failures: where, and what is wrong. */
  errors: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
  /** On 412: the state as it is now, so the operator can see what changed. */
  current: z.unknown().optional(),
  /** A change of several steps that stopped part-way: which steps happened and which did not. */
  steps: z.array(StepResult).optional(),
});
export type Problem = z.infer<typeof Problem>;
