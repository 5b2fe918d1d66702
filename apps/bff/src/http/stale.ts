import type { Stage } from '@gateway-console/contract';
import type { Context } from 'hono';
import type { AppEnv, Deps } from '../context.ts';
import { ProblemError } from '../problem.ts';

/** The request's If-Match, or a 428 that says what to send (`detail`). */
export function requireIfMatch(c: Context<AppEnv>, detail: string): string {
  const seen = c.req.header('If-Match');
  if (!seen) throw new ProblemError(428, 'PRECONDITION_REQUIRED', 'If-Match required', detail);
  return seen;
}

/**
 * The stage as it is now, provided the caller saw this version (`If-Match` = the `ETag` of its
 * read). 428 without If-Match; 412 with the current state when it changed meanwhile.
 */
export async function stageAsSeen(
  c: Context<AppEnv>,
  deps: Deps,
  apiId: string,
  stageName: string,
): Promise<Stage> {
  const seen = requireIfMatch(
    c,
    'Send the ETag of the stage you are changing as If-Match, so changes made meanwhile are not overwritten.',
  );
  const current = await deps.gateway.getStage(apiId, stageName);
  c.var.audit.before = current;
  if (seen !== current.etag) {
    throw new ProblemError(
      412,
      'PRECONDITION_FAILED',
      'The stage changed meanwhile',
      `Stage ${stageName} was changed since you loaded it. Review its current state and try again.`,
      { current },
    );
  }
  return current;
}

/** Answers with a stage and its ETag. */
export function stageResponse(c: Context<AppEnv>, stage: Stage, status: 200 | 201 = 200) {
  c.header('ETag', stage.etag);
  return c.json(stage, status);
}
