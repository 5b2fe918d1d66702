import type {
  CanaryVerdict,
  Rollout,
  RolloutEvent,
  RolloutGates,
  RolloutState,
  RolloutStep,
  RolloutTemplate,
} from '@gateway-console/contract';
import { and, asc, desc, eq, inArray } from 'drizzle-orm';
import type { Database } from '../db/database.ts';
import { rolloutEvents, rollouts } from '../db/schema.ts';
import { deliverWebhook } from './webhooks.ts';

export type RolloutRow = typeof rollouts.$inferSelect;

/** A rollout that is still deciding; at most one per stage. */
export const activeStates: RolloutState[] = ['running', 'paused', 'waiting'];
/** A rollout the runner drives (a paused one waits for a person). */
export const drivenStates: RolloutState[] = ['running', 'waiting'];

export const stepsOf = (row: RolloutRow) => row.steps as RolloutStep[];
export const gatesOf = (row: RolloutRow) => row.gates as RolloutGates;

/** Milliseconds of the current step's bake time still to go (frozen while paused); null before it starts. */
export function bakeMsLeft(row: RolloutRow, now: Date): number | null {
  if (row.state === 'paused') return row.pausedBakeMs ?? null;
  if (!row.stepStartedAt || (row.state !== 'running' && row.state !== 'waiting')) return null;
  const step = stepsOf(row)[row.step];
  if (!step) return null;
  return Math.max(0, row.stepStartedAt.getTime() + step.bakeSeconds * 1000 - now.getTime());
}

export async function rolloutRow(db: Database, id: string): Promise<RolloutRow | undefined> {
  const [row] = await db.select().from(rollouts).where(eq(rollouts.id, id));
  return row;
}

export async function activeRollout(db: Database, apiId: string, stage: string) {
  const [row] = await db
    .select()
    .from(rollouts)
    .where(and(eq(rollouts.apiId, apiId), eq(rollouts.stage, stage), inArray(rollouts.state, activeStates)));
  return row;
}

/** Changes a rollout and bumps its version (the controls' ETag). */
export async function updateRollout(
  db: Database,
  row: RolloutRow,
  change: Partial<RolloutRow>,
  now: Date,
): Promise<RolloutRow> {
  const [updated] = await db
    .update(rollouts)
    .set({ ...change, version: row.version + 1, updatedAt: now })
    .where(eq(rollouts.id, row.id))
    .returning();
  return updated!;
}

export interface NewEvent {
  kind: RolloutEvent['kind'];
  actor: string;
  step: number;
  detail: string;
  verdict?: CanaryVerdict;
}

/** Records an event and sends it to the rollout's webhook, if it has one (in the background, with retries). */
export async function recordEvent(db: Database, rolloutId: string, time: Date, event: NewEvent) {
  await db.insert(rolloutEvents).values({ rolloutId, time, ...event, verdict: event.verdict ?? null });
  const row = await rolloutRow(db, rolloutId);
  if (row?.webhookUrl && row.webhookSecret) {
    void deliverWebhook(row.webhookUrl, row.webhookSecret, {
      rolloutId,
      apiId: row.apiId,
      stage: row.stage,
      event: { time: time.toISOString(), ...event },
    });
  }
}

/** The rollout in the contract's shape, with its events oldest first. */
export async function rolloutView(db: Database, row: RolloutRow, now: Date): Promise<Rollout> {
  const events = await db
    .select()
    .from(rolloutEvents)
    .where(eq(rolloutEvents.rolloutId, row.id))
    .orderBy(asc(rolloutEvents.id));
  const left = bakeMsLeft(row, now);
  return {
    id: row.id,
    apiId: row.apiId,
    stage: row.stage,
    state: row.state as RolloutState,
    step: row.step,
    steps: stepsOf(row),
    gates: gatesOf(row),
    onFailure: row.onFailure as Rollout['onFailure'],
    onSuccess: row.onSuccess as Rollout['onSuccess'],
    template: (row.template as RolloutTemplate | null) ?? null,
    startedBy: row.startedBy,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
    stepStartedAt: row.stepStartedAt?.toISOString() ?? null,
    bakeSecondsLeft: left === null ? null : Math.ceil(left / 1000),
    reason: row.reason,
    appliedPercent: row.appliedPercent,
    lastVerdict: (row.lastVerdict as CanaryVerdict | null) ?? null,
    webhookUrl: row.webhookUrl,
    version: row.version,
    events: events.map((e) => ({
      time: e.time.toISOString(),
      kind: e.kind as RolloutEvent['kind'],
      actor: e.actor,
      step: e.step,
      detail: e.detail,
      ...(e.verdict ? { verdict: e.verdict as CanaryVerdict } : {}),
    })),
  };
}

/** The stage's rollouts, newest first. */
export async function stageRollouts(db: Database, apiId: string, stage: string, limit = 20) {
  return db
    .select()
    .from(rollouts)
    .where(and(eq(rollouts.apiId, apiId), eq(rollouts.stage, stage)))
    .orderBy(desc(rollouts.createdAt))
    .limit(limit);
}
