import type { ErrorCode } from '@gateway-console/contract';
import type { MiddlewareHandler } from 'hono';
import type { AppEnv, Deps } from '../app.ts';
import { toProblem } from '../http/problem.ts';
import { type AuditOutcome, recordAudit } from './log.ts';

/** What a handler tells the audit log about its mutation. */
export interface AuditNote {
  /** Who acted when nobody is signed in yet (the username of a sign-in attempt). */
  actor?: string;
  before?: unknown;
  after?: unknown;
  detail?: string;
}

// Problems that mean "the console said no" rather than "it tried and failed".
const refusals = new Set<ErrorCode>([
  'UNAUTHENTICATED',
  'FORBIDDEN',
  'VALIDATION_FAILED',
  'PRECONDITION_FAILED',
  'PRECONDITION_REQUIRED',
  'CANARY_ACTIVE',
  'NO_CANARY',
  'RATE_LIMITED',
]);

/** Records the mutation `action` after it ran, whatever the outcome; handlers add before/after to `c.var.audit`. */
export function audited(deps: Deps, action: string): MiddlewareHandler<AppEnv> {
  const clock = deps.clock ?? (() => new Date());
  return async (c, next) => {
    const note: AuditNote = {};
    c.set('audit', note);
    await next();
    const user = c.get('user');
    const problem = c.error ? toProblem(c.error) : undefined;
    const outcome: AuditOutcome =
      c.res.status < 400 ? 'success' : problem && refusals.has(problem.code) ? 'refused' : 'failure';
    const apiId = c.req.param('apiId') ?? null;
    const stage = c.req.param('stage') ?? null;
    try {
      await recordAudit(deps.storage.db, {
        time: clock(),
        actor: user?.username ?? note.actor ?? 'anonymous',
        role: user?.role ?? 'none',
        action,
        apiId,
        stage,
        target: [apiId && `apis/${apiId}`, stage && `stages/${stage}`].filter(Boolean).join('/') || action,
        before: note.before ?? null,
        after: note.after ?? null,
        outcome,
        requestId: c.get('requestId'),
        detail: problem
          ? `${problem.status} ${problem.code}: ${problem.detail ?? problem.title}`
          : (note.detail ?? null),
      });
    } catch (err) {
      // The change itself already happened (or was refused); losing its record must be loud.
      console.error(`[bff] ${c.get('requestId')} audit write failed for ${action}`, err);
    }
  };
}
