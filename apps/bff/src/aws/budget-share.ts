import { randomUUID } from 'node:crypto';
import { count, eq, gt, lt, sql } from 'drizzle-orm';
import type { Storage } from '../db/database.ts';
import { consoleReplicas } from '../db/schema.ts';
import type { CallBudget } from './budget.ts';

/** How often a replica says it is alive and counts the others. */
export const REPLICA_HEARTBEAT_MS = 2_000;
/** A replica not seen for this long has stopped: its part of the budget goes back to the others. */
const REPLICA_GONE_MS = 3 * REPLICA_HEARTBEAT_MS;

export interface BudgetShare {
  /** This process's name in `console_replicas`. */
  readonly replicaId: string;
  /** Says alive and counts the replicas now (the loop does this every heartbeat). */
  beat(): Promise<number>;
  /** Stops the loop and leaves: the other replicas take this one's part at their next heartbeat. */
  stop(): Promise<void>;
}

/**
 * Splits `budget` between the console's processes sharing `storage`: each says it is alive every
 * heartbeat and spends budget / (replicas seen lately). A replica that starts counts itself before its
 * first call; the others notice it within a heartbeat. On PGlite the database belongs to one process,
 * which finds itself alone and keeps the whole budget.
 */
export async function shareBudget(storage: Storage, budget: CallBudget): Promise<BudgetShare> {
  const replicaId = randomUUID();
  const { db } = storage;
  // The database's clock, not the replicas': theirs may disagree by more than a heartbeat.
  const ago = (ms: number) => sql`now() - make_interval(secs => ${ms / 1000})`;
  const beat = async () => {
    await db
      .insert(consoleReplicas)
      .values({ id: replicaId, seenAt: sql`now()` })
      .onConflictDoUpdate({ target: consoleReplicas.id, set: { seenAt: sql`now()` } });
    await db.delete(consoleReplicas).where(lt(consoleReplicas.seenAt, ago(60_000)));
    const [row] = await db
      .select({ n: count() })
      .from(consoleReplicas)
      .where(gt(consoleReplicas.seenAt, ago(REPLICA_GONE_MS)));
    const replicas = Math.max(1, row?.n ?? 1);
    budget.share(replicas);
    return replicas;
  };
  await beat();
  const timer = setInterval(() => {
    beat().catch((err) => console.error('[bff] counting the console replicas failed', err));
  }, REPLICA_HEARTBEAT_MS).unref();
  return {
    replicaId,
    beat,
    async stop() {
      clearInterval(timer);
      await db.delete(consoleReplicas).where(eq(consoleReplicas.id, replicaId));
    },
  };
}
