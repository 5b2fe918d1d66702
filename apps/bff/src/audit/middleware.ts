import type { ErrorCode } from '@gateway-console/contract';
import type { Context, MiddlewareHandler } from 'hono';
import type { AppEnv, AuditNote, Deps } from '../context.ts';
import { BoundedMap } from '../http/bounded-map.ts';
import { clientAddress } from '../http/client.ts';
import { toProblem } from '../http/problem.ts';
import { ProblemError } from '../problem.ts';
import { type AuditEntry, type AuditOutcome, finishAudit, recordAudit } from './log.ts';

/** Refusals of anonymous callers recorded per client and minute; beyond, they are counted, not written. */
export const ANONYMOUS_REFUSALS_PER_MINUTE = 20;

/**
 * Keeps nobody-signed-in noise from flooding the audit log (and pushing real events off its first page):
 * each client may leave ANONYMOUS_REFUSALS_PER_MINUTE refusal rows a minute; the next row it is allowed
 * says how many were left out meanwhile. Per process.
 */
class AnonymousRefusals {
  private readonly byClient = new BoundedMap<
    string,
    { windowStart: number; written: number; skipped: number }
  >(10_000);

  /** undefined: do not write; else a note on rows left out before this one ('' when none). */
  admit(client: string, now: number): string | undefined {
    let entry = this.byClient.get(client);
    if (!entry || now - entry.windowStart >= 60_000)
      entry = { windowStart: now, written: 0, skipped: entry?.skipped ?? 0 };
    if (entry.written >= ANONYMOUS_REFUSALS_PER_MINUTE) {
      this.byClient.set(client, { ...entry, skipped: entry.skipped + 1 });
      return undefined;
    }
    this.byClient.set(client, { ...entry, written: entry.written + 1, skipped: 0 });
    return entry.skipped > 0 ? ` (${entry.skipped} more refusals of this client were not recorded)` : '';
  }
}
const anonymousRefusals = new AnonymousRefusals();

/** Whether to write a refusal row: always for a signed-in caller; for anonymous ones, within the budget. */
const refusalNote = (c: Context<AppEnv>, deps: Deps, now: Date) =>
  c.get('user') ? '' : anonymousRefusals.admit(clientAddress(c, deps), now.getTime());

// Problems that mean "the console said no" rather than "it tried and failed".
const refusals = new Set<ErrorCode>([
  'UNAUTHENTICATED',
  'FORBIDDEN',
  'CSRF_REJECTED',
  'UNSUPPORTED_MEDIA_TYPE',
  'PAYLOAD_TOO_LARGE',
  'REQUEST_TIMEOUT',
  'VALIDATION_FAILED',
  'PRECONDITION_FAILED',
  'PRECONDITION_REQUIRED',
  'CANARY_ACTIVE',
  'NO_CANARY',
  'REASON_REQUIRED',
  'ROLLOUT_CONFLICT',
  'RATE_LIMITED',
  'PASSWORD_CHANGE_REQUIRED',
  'LAST_ADMIN',
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
        target:
          note.target ??
          ([apiId && `apis/${apiId}`, stage && `stages/${stage}`].filter(Boolean).join('/') || action),
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
        const refusal = outcome === 'refused' ? refusalNote(c, deps, clock()) : '';
        if (refusal === undefined) return;
        if (note.findActor) note.actor = await note.findActor();
        await recordAudit(deps.storage.db, {
          ...entry(),
          ...ending,
          detail: ending.detail === null ? null : ending.detail + refusal,
        });
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

/**
 * Records changes refused before any route saw them — a CSRF 403, an anonymous 401, a 413, 415 or 408 —
 * which {@link audited} never wraps (ASVS 7.2.2): one bounded row each, anonymous ones within the same
 * per-client budget.
 */
export function auditRefusedEarly(deps: Deps): MiddlewareHandler<AppEnv> {
  const clock = deps.clock ?? (() => new Date());
  return async (c, next) => {
    await next();
    if (c.req.method === 'GET' || c.req.method === 'HEAD' || c.req.method === 'OPTIONS') return;
    if (!c.error || c.get('audit') !== undefined) return;
    const problem = toProblem(c.error);
    if (!refusals.has(problem.code)) return;
    const note = refusalNote(c, deps, clock());
    if (note === undefined) return;
    const user = c.get('user');
    try {
      await recordAudit(deps.storage.db, {
        time: clock(),
        actor: user?.username ?? 'anonymous',
        role: user?.role ?? 'none',
        action: 'request.refused',
        apiId: null,
        stage: null,
        target: `${c.req.method} ${c.req.path}`,
        before: null,
        after: null,
        outcome: 'refused',
        requestId: c.get('requestId'),
        detail: `${problem.status} ${problem.code}: ${problem.detail ?? problem.title}${note}`,
      });
    } catch (err) {
      console.error(`[bff] ${c.get('requestId')} audit write failed for a refused request`, err);
    }
  };
}
