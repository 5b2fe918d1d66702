import { randomUUID } from 'node:crypto';
import type { CanaryVerdict, Stage } from '@gateway-console/contract';
import { and, eq, inArray, isNull, lt, or } from 'drizzle-orm';
import { finishAudit, recordAudit } from '../audit/log.ts';
import { promoteCanary } from '../aws/promotion.ts';
import { canaryPatch, removeCanary } from '../aws/stage-patch.ts';
import type { Deps } from '../context.ts';
import { rollouts } from '../db/schema.ts';
import { toProblem } from '../http/problem.ts';
import { stageLockKey } from '../http/stage-lock.ts';
import { judgeStages } from './evaluate.ts';
import { defaultJudgeSettings, type JudgeSettings } from './judge.ts';
import {
  bakeMsLeft,
  drivenStates,
  gatesOf,
  type NewEvent,
  type RolloutRow,
  recordEvent,
  rolloutRow,
  stepsOf,
  updateRollout,
} from './store.ts';

export interface RunnerOptions {
  /** How often the runner looks at its rollouts (real time). Default 2 s. */
  tickMs?: number;
  /** How long a replica's claim on a rollout lasts without renewal (clock time). Default 30 s. */
  leaseMs?: number;
  /** How often a running step is judged (clock time); always at the end of its bake. Default 30 s. */
  evaluateEveryMs?: number;
}

export interface RolloutRunner {
  /** This replica's lease name. */
  owner: string;
  /** One pass over the rollouts this replica may drive (the loop calls it; tests too). */
  tick(): Promise<void>;
  /** Stops the loop and gives up this replica's leases, so another replica takes over at once. */
  stop(): Promise<void>;
  /** Stops the loop as a crash would: the leases stay until they expire. */
  halt(): void;
}

const samePercent = (a: number, b: number) => Math.abs(a - b) < 0.01;
const pct = (value: number) => `${Number(value.toFixed(2))} %`;

/**
 * When CloudWatch has published every minute of the current step's bake (the judge reads a minute once
 * it is `publishDelaySeconds` old): until then an inconclusive step waits rather than pauses.
 */
function stepPublishedAt(row: RolloutRow, settings: JudgeSettings): number {
  const bakeEnd = (row.stepStartedAt?.getTime() ?? 0) + (stepsOf(row)[row.step]?.bakeSeconds ?? 0) * 1000;
  return Math.floor(bakeEnd / 60_000) * 60_000 + 60_000 + settings.publishDelaySeconds * 1000;
}

function describeVerdict(verdict: CanaryVerdict): string {
  const checks = verdict.checks
    .map((check) => {
      const shown = (v: number) => (check.metric.endsWith('-rate') ? pct(v * 100) : `${Math.round(v)} ms`);
      return `${check.metric} ${shown(check.canary)} vs ${shown(check.base)} (p=${
        check.pValue === undefined ? 'n/a' : check.pValue.toPrecision(2)
      }, α=${check.alpha.toPrecision(2)}, threshold ×${check.threshold}) ${check.passed ? 'passed' : 'FAILED'}`;
    })
    .join('; ');
  return `${verdict.verdict}: ${verdict.canaryRequests} canary and ${verdict.baseRequests} base requests (minimum ${verdict.minRequests}); ${checks}`;
}

/**
 * The rollout runner: a small loop, not a scheduling library. Every decision is a read of the rollout's
 * row, the stage and one GetMetricData, so the row is the whole schedule; the job queues that run on
 * both PGlite and PostgreSQL (pg-boss and graphile-worker need PostgreSQL's LISTEN/NOTIFY or a separate
 * worker pool) would add a second copy of that state. Exactly one replica drives a rollout: a lease on
 * the row (owner + expiry, claimed with one conditional UPDATE), and every change of the stage inside the
 * stage's change lock (a PostgreSQL advisory lock across replicas).
 */
export function startRolloutRunner(deps: Deps, options: RunnerOptions = {}): RolloutRunner {
  const owner = randomUUID();
  const clock = () => deps.clock?.() ?? new Date();
  const tickMs = options.tickMs ?? 2_000;
  const leaseMs = options.leaseMs ?? 30_000;
  const evaluateEveryMs = options.evaluateEveryMs ?? 30_000;
  const db = deps.storage.db;
  let timer: NodeJS.Timeout | undefined;
  let stopped = false;
  let running: Promise<void> = Promise.resolve();

  const event = (row: RolloutRow, e: Omit<NewEvent, 'actor' | 'step'> & { step?: number }) =>
    recordEvent(db, row.id, clock(), { actor: `rollout ${row.id.slice(0, 8)}`, step: row.step, ...e });

  /** One change of the stage, audited ahead like every change: a pending row before AWS is asked. */
  async function auditedChange(
    row: RolloutRow,
    action: string,
    before: Stage,
    detail: string,
    change: () => Promise<Stage>,
  ): Promise<Stage> {
    const auditId = await recordAudit(db, {
      time: clock(),
      actor: row.startedBy,
      role: row.startedByRole,
      action,
      apiId: row.apiId,
      stage: row.stage,
      target: `apis/${row.apiId}/stages/${row.stage}`,
      before,
      after: null,
      outcome: 'pending',
      requestId: `rollout-${row.id}`,
      detail: `Rollout ${row.id}: ${detail}`,
    });
    try {
      const after = await change();
      await finishAudit(db, auditId, {
        before,
        after,
        outcome: 'success',
        detail: `Rollout ${row.id}: ${detail}`,
      });
      return after;
    } catch (err) {
      const problem = toProblem(err);
      await finishAudit(db, auditId, {
        before,
        after: null,
        outcome: 'failure',
        detail: `Rollout ${row.id}: ${detail} — ${problem.status} ${problem.code}: ${problem.detail ?? problem.title}`,
      });
      throw err;
    }
  }

  async function pause(row: RolloutRow, reason: string) {
    const left = bakeMsLeft(row, clock());
    await updateRollout(
      db,
      row,
      { state: 'paused', reason, pausedBakeMs: left, applyingStep: null },
      clock(),
    );
    await event(row, { kind: 'paused', detail: reason });
  }

  async function applyStep(row: RolloutRow, stage: Stage, index: number): Promise<void> {
    const target = stepsOf(row)[index]!;
    const deploymentId = stage.canary?.deploymentId ?? row.deploymentId;
    if (!deploymentId) {
      await pause(row, `Stage ${row.stage} has no canary to move to ${pct(target.percentTraffic)}.`);
      return;
    }
    const operations = canaryPatch(stage.canary, { percentTraffic: target.percentTraffic, deploymentId });
    // Written before AWS is asked: after a crash the next run reads the stage to know whether it happened.
    row = await updateRollout(db, row, { applyingStep: index }, clock());
    const detail = `step ${index + 1} of ${stepsOf(row).length}: canary ${pct(
      stage.canary?.percentTraffic ?? 0,
    )} → ${pct(target.percentTraffic)} for ${target.bakeSeconds} s`;
    const after = await auditedChange(row, 'rollout.step', stage, detail, () =>
      deps.gateway.updateStage(row.apiId, row.stage, operations),
    );
    await stepApplied(row, index, after);
    await event(row, { kind: 'step', step: index, detail: `Step ${detail}` });
  }

  async function stepApplied(row: RolloutRow, index: number, stage: Stage) {
    await updateRollout(
      db,
      row,
      {
        step: index,
        stepStartedAt: clock(),
        appliedPercent: stage.canary?.percentTraffic ?? null,
        appliedDeploymentId: stage.canary?.deploymentId ?? null,
        applyingStep: null,
        skipRequested: 0,
      },
      clock(),
    );
  }

  async function rollBack(row: RolloutRow, stage: Stage, why: string) {
    await auditedChange(row, 'rollout.rollback', stage, `rolled back: ${why}`, () =>
      deps.gateway.updateStage(row.apiId, row.stage, [removeCanary]),
    );
    await updateRollout(db, row, { state: 'rolled_back', reason: why, leaseOwner: null }, clock());
    await event(row, { kind: 'rolled_back', detail: `Canary rolled back: ${why}` });
  }

  async function promote(row: RolloutRow, stage: Stage) {
    const canary = stage.canary!;
    const promotion = await auditedChange(row, 'rollout.promote', stage, 'promoted to 100 %', async () => {
      const result = await promoteCanary(deps.gateway, row.apiId, row.stage, stage, canary);
      if (!result.ok) throw result.error;
      return result.stage;
    });
    await updateRollout(
      db,
      row,
      { state: 'promoted', reason: 'Every step passed its gates', leaseOwner: null },
      clock(),
    );
    await event(row, {
      kind: 'promoted',
      detail: `Promoted: stage ${row.stage} now runs deployment ${promotion.deploymentId}`,
    });
  }

  /** After the last step: promote, or wait for a person's approval. */
  async function finish(row: RolloutRow, stage: Stage) {
    if (row.onSuccess === 'promote' || row.approved) {
      await promote(row, stage);
      return;
    }
    if (row.state !== 'waiting') {
      await updateRollout(
        db,
        row,
        { state: 'waiting', reason: 'Every step passed: approve to promote' },
        clock(),
      );
      await event(row, {
        kind: 'waiting',
        detail: 'Every step passed its gates; waiting for approval to promote',
      });
    }
  }

  async function nextStep(row: RolloutRow, stage: Stage) {
    if (row.step + 1 < stepsOf(row).length) await applyStep(row, stage, row.step + 1);
    else await finish(row, stage);
  }

  /** Advances one rollout by what is due now. Runs inside the stage's change lock. */
  async function advance(id: string): Promise<void> {
    let row = await rolloutRow(db, id);
    if (!row || !drivenStates.includes(row.state as never) || row.leaseOwner !== owner) return;
    const now = clock();
    const stage = await deps.gateway.getStage(row.apiId, row.stage);

    if (row.applyingStep !== null) {
      // A run stopped between asking AWS and recording the answer: the stage says whether it happened.
      const target = stepsOf(row)[row.applyingStep]!;
      if (stage.canary && samePercent(stage.canary.percentTraffic, target.percentTraffic)) {
        await stepApplied(row, row.applyingStep, stage);
        await event(row, {
          kind: 'step',
          step: row.applyingStep,
          detail: `Step ${row.applyingStep + 1} found applied after a restart (canary at ${pct(
            stage.canary.percentTraffic,
          )}); not applied again`,
        });
        return;
      }
      row = await updateRollout(db, row, { applyingStep: null }, now);
    }
    if (!row.stepStartedAt) {
      await applyStep(row, stage, row.step);
      return;
    }
    // A rollout never overwrites a change it did not see: a person's change to the canary pauses it.
    if (
      !stage.canary ||
      row.appliedPercent === null ||
      !samePercent(stage.canary.percentTraffic, row.appliedPercent) ||
      stage.canary.deploymentId !== row.appliedDeploymentId
    ) {
      const now = stage.canary
        ? `the canary is at ${pct(stage.canary.percentTraffic)} on deployment ${stage.canary.deploymentId}`
        : 'the canary was removed';
      await pause(
        row,
        `Someone else changed the canary: the rollout had set ${pct(row.appliedPercent ?? 0)} on deployment ${
          row.appliedDeploymentId
        }, now ${now}.`,
      );
      return;
    }
    if (row.state === 'waiting') {
      if (row.approved) await promote(row, stage);
      return;
    }
    if (row.skipRequested) {
      // The person's skip is already in the events (the control's route wrote it).
      await nextStep(row, stage);
      return;
    }

    const settings: JudgeSettings = { ...defaultJudgeSettings, ...gatesOf(row) };
    const bakeOver = (bakeMsLeft(row, now) ?? 0) === 0;
    // Baked, but CloudWatch may still be publishing the bake's last minutes: judged at the usual pace.
    const publishing = bakeOver && now.getTime() < stepPublishedAt(row, settings);
    const due = !row.lastEvaluatedAt || now.getTime() - row.lastEvaluatedAt.getTime() >= evaluateEveryMs;
    if (!due && (!bakeOver || publishing)) return;
    const apiId = row.apiId;
    const apiName = (await deps.gateway.listApis('recent')).find((api) => api.id === apiId)?.name;
    if (!apiName) {
      await pause(row, `API ${row.apiId} is gone.`);
      return;
    }
    // The canary's deployment is the same at every step: the judge reads every minute since the rollout began.
    const verdicts = await judgeStages(deps, apiName, [row.stage], now, settings, row.createdAt);
    const verdict = verdicts.get(row.stage)!;
    const changed = (row.lastVerdict as CanaryVerdict | null)?.verdict !== verdict.verdict;
    row = await updateRollout(db, row, { lastVerdict: verdict, lastEvaluatedAt: now }, now);
    // Waiting for the last minutes is no decision: the verdict goes to the events when it changes or decides.
    const waiting = publishing && verdict.verdict === 'inconclusive';
    if (changed || (bakeOver && !waiting) || verdict.verdict === 'failing') {
      await event(row, { kind: 'verdict', detail: describeVerdict(verdict), verdict });
    }
    if (verdict.verdict === 'failing') {
      const why = `The canary judge says failing at step ${row.step + 1}: ${verdict.reason}`;
      if (row.onFailure === 'rollback') await rollBack(row, stage, why);
      else await pause(row, why);
      return;
    }
    if (!bakeOver) return;
    if (verdict.verdict === 'inconclusive') {
      if (waiting) return;
      await pause(row, `Paused at the end of step ${row.step + 1}: ${verdict.reason}`);
      return;
    }
    await nextStep(row, stage);
  }

  async function tick() {
    const now = clock();
    // Claim what is free, expired or already ours, in one conditional UPDATE: two replicas cannot both win.
    const claimed = await db
      .update(rollouts)
      .set({ leaseOwner: owner, leaseExpiresAt: new Date(now.getTime() + leaseMs) })
      .where(
        and(
          inArray(rollouts.state, drivenStates),
          or(isNull(rollouts.leaseOwner), eq(rollouts.leaseOwner, owner), lt(rollouts.leaseExpiresAt, now)),
        ),
      )
      .returning({ id: rollouts.id, apiId: rollouts.apiId, stage: rollouts.stage });
    for (const { id, apiId, stage } of claimed) {
      if (stopped) return;
      try {
        await deps.storage.exclusive(stageLockKey(apiId, stage), () => advance(id));
      } catch (err) {
        // AWS or CloudWatch said no for now: the row is unchanged (or says what is in flight); retried next tick.
        console.error(`[bff] rollout ${id}: ${toProblem(err).detail ?? String(err)}`);
        const row = await rolloutRow(db, id).catch(() => undefined);
        if (row)
          await event(row, { kind: 'failed', detail: toProblem(err).detail ?? toProblem(err).title }).catch(
            () => {},
          );
      }
    }
  }

  const loop = () => {
    if (stopped) return;
    running = tick()
      .catch((err) => console.error('[bff] rollout runner', err))
      .finally(() => {
        if (!stopped) timer = setTimeout(loop, tickMs);
      });
  };
  timer = setTimeout(loop, tickMs);

  return {
    owner,
    tick: () => {
      running = running.then(tick);
      return running;
    },
    halt() {
      stopped = true;
      clearTimeout(timer);
    },
    async stop() {
      stopped = true;
      clearTimeout(timer);
      await running.catch(() => {});
      await db
        .update(rollouts)
        .set({ leaseOwner: null, leaseExpiresAt: null })
        .where(eq(rollouts.leaseOwner, owner))
        .catch(() => {});
    },
  };
}
