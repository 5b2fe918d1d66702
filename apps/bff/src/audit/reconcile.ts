import type { Stage } from '@gateway-console/contract';
import type { Gateway } from '../aws/gateway.ts';
import type { Database } from '../db/database.ts';
import { toProblem } from '../http/problem.ts';
import { finishAudit, pendingAudit } from './log.ts';

/**
 * Longer than any change can take (AWS calls time out and give up well before), so a `pending` row
 * older than this belongs to a console process that stopped, not to one still at work.
 */
export const LONGEST_CHANGE_MS = 2 * 60_000;

const stopped =
  'The console stopped during this change (a crash or a forced restart), so its outcome was never recorded.';

/**
 * Closes the audit rows a stopped console left `pending`: each becomes `interrupted`, with `after` the
 * stage as read back from AWS now, so the log and the stage agree again. Returns how many it closed.
 */
export async function reconcileInterruptedChanges(
  db: Database,
  gateway: Pick<Gateway, 'getStage'>,
  writtenBefore: Date,
): Promise<number> {
  let closed = 0;
  for (const row of await pendingAudit(db, writtenBefore)) {
    let after: Stage | null = null;
    let detail: string;
    if (row.apiId && row.stage) {
      try {
        after = await gateway.getStage(row.apiId, row.stage);
        detail = `${stopped} After: stage ${row.stage} as read back from AWS when the console started again.`;
      } catch (err) {
        const problem = toProblem(err);
        detail =
          problem.code === 'NOT_FOUND'
            ? `${stopped} Stage ${row.stage} no longer exists in AWS.`
            : `${stopped} AWS could not be read back when the console started again (${problem.title}): check stage ${row.stage} before changing it.`;
      }
    } else {
      detail = `${stopped} Whether AWS made the change is unknown: check the API's stages and deployments.`;
    }
    if (await finishAudit(db, row.id, { before: row.before, after, outcome: 'interrupted', detail })) {
      closed += 1;
    }
  }
  return closed;
}
