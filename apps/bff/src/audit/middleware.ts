import type { ErrorCode } from '@gateway-console/contract';
import type { Context, MiddlewareHandler } from 'hono';
import type { AppEnv, AuditNote, Deps } from '../context.ts';
import { ProblemError, toProblem } from '../http/problem.ts';
import { type AuditEntry, type AuditOutcome, finishAudit, recordAudit } from './log.ts';

// Problems that mean "the console said no" rather than "it tried and failed".
const refusals = new Set<ErrorCode>([
  'UNAUTHENTICATED',
  'FORBIDDEN',
  'VALIDATION_FAILED',
  'PRECONDITION_FAILED',
  'PRECONDITION_REQUIRED',
  'CANARY_ACTIVE',
  'NO_CANARY',
  'REASON_REQUIRED',
  'ROLLOUT_CONFLICT',
  'RATE_LIMITED',
]);

/** Writes the row ahead of the change; set by {@link audited} for the request it wraps. */
const writersAhead = new WeakMap<AuditNote, () => Promise<void>>();

/**
 * Records the mutation `action`. A change that passed its checks is written ahead as `pending` by
 * {@link auditAhead} before AWS is asked and completed afterwards; anything refused earlier is one row
 * written after. Handlers add before/after to `c.var.audit`.
 */
export function audited(deps: Deps, action: string): MiddlewareHandler<AppEnv> {
  const clock = deps.clock ?? (() => new Date());
  return async (c, next) => {
    const note: AuditNote = {};
    c.set('audit', note);
    const entry = (): Omit<AuditEntry, 'outcome' | 'detail'> => {
      const user = c.get('user');
      const apiId = c.req.param('apiId') ?? null;
      const stage = c.req.param('stage') ?? note.stage ?? null;
      return {
        time: clock(),
        actor: user?.username ?? note.actor ?? 'anonymous',
        role: user?.role ?? 'none',
        action,
        apiId,
        stage,
        target: [apiId && `apis/${apiId}`, stage && `stages/${stage}`].filter(Boolean).join('/') || action,
        before: note.before ?? null,
        after: null,
        requestId: c.get('requestId'),
      };
    };
    let pendingRow: number | undefined;
    writersAhead.set(note, async () => {
      if (pendingRow !== undefined) return;
      try {
        pendingRow = await recordAudit(deps.storage.db, { ...entry(), outcome: 'pending', detail: null });
      } catch (err) {
        // No change without its record: if the row cannot be written, AWS is not asked.
        console.error(`[bff] ${c.get('requestId')} audit write failed for ${action}`, err);
        throw new ProblemError(
          503,
          'AUDIT_UNAVAILABLE',
          'The audit log is unavailable',
          'The change was not made, because it could not be recorded first. Try again shortly.',
        );
      }
    });

    await next();

    const problem = c.error ? toProblem(c.error) : undefined;
    const outcome: AuditOutcome =
      c.res.status < 400 ? 'success' : problem && refusals.has(problem.code) ? 'refused' : 'failure';
    const ending = {
      before: note.before ?? null,
      after: note.after ?? null,
      outcome,
      detail: problem
        ? `${problem.status} ${problem.code}: ${problem.detail ?? problem.title}`
        : (note.detail ?? null),
    };
    try {
      if (pendingRow === undefined) {
        // The write-ahead itself failed: nothing was changed, and the database is unlikely to take this either.
        if (problem?.code === 'AUDIT_UNAVAILABLE') return;
        await recordAudit(deps.storage.db, { ...entry(), ...ending });
      } else if (!(await finishAudit(deps.storage.db, pendingRow, ending))) {
        console.error(
          `[bff] ${c.get('requestId')} audit row ${pendingRow} was no longer pending for ${action}`,
        );
      }
    } catch (err) {
      // The change itself already happened (or was refused); losing its record must be loud.
      console.error(`[bff] ${c.get('requestId')} audit write failed for ${action}`, err);
    }
  };
}

/**
 * Call right before asking AWS to change something: writes the audit row as `pending`, so a crash
 * between AWS's change and the final row still leaves a record that the next start reconciles.
 */
export async function auditAhead(c: Context<AppEnv>): Promise<void> {
  const writeAhead = writersAhead.get(c.var.audit);
  if (!writeAhead) throw new Error('auditAhead outside an audited route');
  await writeAhead();
}
