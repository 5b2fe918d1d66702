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

/**
 * The status and title every answer with a code gives by default: one wording per code, so the BFF's
 * titles do not drift. A route may give a more specific title (`Stage not found`); `{service}` is the
 * AWS service that failed.
 */
export const problemDefaults = {
  VALIDATION_FAILED: { status: 400, title: 'Invalid input' },
  UNAUTHENTICATED: { status: 401, title: 'Not signed in' },
  FORBIDDEN: { status: 403, title: 'Not allowed' },
  CSRF_REJECTED: { status: 403, title: 'Request refused' },
  NOT_FOUND: { status: 404, title: 'Not found' },
  CONFLICT: { status: 409, title: 'Conflict' },
  CANARY_ACTIVE: { status: 409, title: 'A canary is in progress' },
  NO_CANARY: { status: 409, title: 'No canary' },
  REASON_REQUIRED: { status: 409, title: 'The canary is failing' },
  ROLLOUT_CONFLICT: { status: 409, title: 'Not possible now' },
  PRECONDITION_FAILED: { status: 412, title: 'The stage changed meanwhile' },
  PRECONDITION_REQUIRED: { status: 428, title: 'If-Match required' },
  UNSUPPORTED_MEDIA_TYPE: { status: 415, title: 'JSON only' },
  PAYLOAD_TOO_LARGE: { status: 413, title: 'Body too large' },
  REQUEST_TIMEOUT: { status: 408, title: 'Request too slow' },
  RATE_LIMITED: { status: 429, title: 'Too many requests' },
  PASSWORD_CHANGE_REQUIRED: { status: 403, title: 'Change your password first' },
  LAST_ADMIN: { status: 409, title: 'The last admin must stay' },
  AWS_ACCESS_DENIED: { status: 403, title: 'AWS denied the console a permission' },
  AWS_BAD_REQUEST: { status: 400, title: '{service} rejected the request' },
  AWS_THROTTLED: { status: 429, title: 'AWS is throttling requests to {service}' },
  AWS_UNAVAILABLE: { status: 503, title: '{service} is unavailable' },
  AWS_CREDENTIALS: { status: 502, title: 'AWS rejected the console’s credentials' },
  AWS_TIMEOUT: { status: 504, title: '{service} did not answer in time' },
  AUDIT_UNAVAILABLE: { status: 503, title: 'The audit log is unavailable' },
  INTERNAL: { status: 500, title: 'Internal error' },
} as const satisfies Record<ErrorCode, { status: number; title: string }>;

/** The AWS services the console calls, by the IAM prefix of their actions. */
export type AwsService = 'apigateway' | 'cloudwatch' | 'logs' | 'sts';

/** Each AWS service as operators know it. */
export const awsServiceNames: Record<AwsService, string> = {
  apigateway: 'API Gateway',
  cloudwatch: 'CloudWatch',
  logs: 'CloudWatch Logs',
  sts: 'STS',
};

/**
 * How each kind of AWS failure is answered, whichever service failed. Two kinds keep their code at a
 * different status: a request the console itself built that AWS refused is AWS_BAD_REQUEST at 502 (the
 * operator cannot fix it), and an AWS server error is AWS_UNAVAILABLE at 502 (AWS answered, badly).
 */
export const awsFailures = {
  accessDenied: { code: 'AWS_ACCESS_DENIED', status: 403 },
  credentials: { code: 'AWS_CREDENTIALS', status: 502 },
  notFound: { code: 'NOT_FOUND', status: 404 },
  conflict: { code: 'CONFLICT', status: 409 },
  badRequest: { code: 'AWS_BAD_REQUEST', status: 400 },
  refused: { code: 'AWS_BAD_REQUEST', status: 502 },
  throttled: { code: 'AWS_THROTTLED', status: 429 },
  unavailable: { code: 'AWS_UNAVAILABLE', status: 503 },
  failed: { code: 'AWS_UNAVAILABLE', status: 502 },
  timeout: { code: 'AWS_TIMEOUT', status: 504 },
} as const satisfies Record<string, { code: ErrorCode; status: number }>;
export type AwsFailure = keyof typeof awsFailures;

/** A code's default title, naming the AWS service where the title speaks of one (`AWS` when unknown). */
export const problemTitle = (code: ErrorCode, service?: AwsService): string =>
  problemDefaults[code].title.replace('{service}', service ? awsServiceNames[service] : 'AWS');
