import { randomUUID } from 'node:crypto';
import {
  type RolloutControl,
  RolloutGates,
  type RolloutList,
  rolloutControls,
  rolloutTemplates,
  StartRolloutRequest,
} from '@gateway-console/contract';
import { type Context, Hono } from 'hono';
import { z } from 'zod';
import { auditAhead, audited } from '../audit/middleware.ts';
import { guard } from '../auth/middleware.ts';
import type { AppEnv, Deps } from '../context.ts';
import { rollouts } from '../db/schema.ts';
import { stageLockKey } from '../http/stage-lock.ts';
import { requireIfMatch, stageAsSeen } from '../http/stale.ts';
import { jsonBody, pathParam } from '../http/validate.ts';
import { ProblemError } from '../problem.ts';
import {
  activeRollout,
  type RolloutRow,
  recordEvent,
  rolloutRow,
  rolloutView,
  stageRollouts,
  stepsOf,
  updateRollout,
} from '../rollouts/store.ts';
import { stageOf } from './params.ts';

const RolloutId = z.uuid();
const etagOf = (row: RolloutRow) => `"rollout-${row.version}"`;
const clockOf = (deps: Deps) => () => deps.clock?.() ?? new Date();

const conflict = (detail: string) => new ProblemError(409, 'ROLLOUT_CONFLICT', 'Not possible now', detail);

/** Which states each control applies to, and what it does to the row. */
const controls: Record<
  RolloutControl,
  {
    from: string[];
    verb: string;
    apply: (row: RolloutRow, deps: Deps, now: Date) => Promise<Partial<RolloutRow>>;
  }
> = {
  pause: {
    from: ['running', 'waiting'],
    verb: 'Paused',
    apply: async (row, _deps, now) => {
      const step = stepsOf(row)[row.step]!;
      const left = row.stepStartedAt
        ? Math.max(0, row.stepStartedAt.getTime() + step.bakeSeconds * 1000 - now.getTime())
        : null;
      return { state: 'paused', pausedBakeMs: left, reason: 'Paused by a person' };
    },
  },
  resume: {
    from: ['paused'],
    verb: 'Resumed',
    apply: async (row, deps, now) => {
      // The stage as it is now becomes what the rollout expects: a person's change that paused it is accepted.
      const stage = await deps.gateway.getStage(row.apiId, row.stage);
      if (!stage.canary && row.stepStartedAt) {
        throw conflict(`Stage ${row.stage} has no canary any more: start a new rollout instead.`);
      }
      const step = stepsOf(row)[row.step]!;
      const left = row.pausedBakeMs ?? step.bakeSeconds * 1000;
      return {
        state: 'running',
        reason: null,
        pausedBakeMs: null,
        lastEvaluatedAt: null,
        stepStartedAt: row.stepStartedAt ? new Date(now.getTime() - (step.bakeSeconds * 1000 - left)) : null,
        appliedPercent: stage.canary?.percentTraffic ?? row.appliedPercent,
        appliedDeploymentId: stage.canary?.deploymentId ?? row.appliedDeploymentId,
      };
    },
  },
  abort: {
    from: ['running', 'paused', 'waiting'],
    verb: 'Aborted',
    apply: async () => ({
      state: 'aborted',
      reason: 'Aborted by a person; the canary stays as it is (roll it back or promote it)',
      leaseOwner: null,
    }),
  },
  approve: {
    from: ['waiting'],
    verb: 'Approved',
    apply: async () => ({ approved: 1 }),
  },
  skip: {
    from: ['running'],
    verb: 'Skip requested for',
    apply: async () => ({ skipRequested: 1 }),
  },
};

async function answer(c: Context<AppEnv>, deps: Deps, row: RolloutRow, status: 200 | 201 = 200) {
  c.header('ETag', etagOf(row));
  return c.json(await rolloutView(deps.storage.db, row, clockOf(deps)()), status);
}

/** Rollouts of a stage: list and start (under /apis, so the stage's change lock covers the start). */
export const stageRolloutRoutes = (deps: Deps) =>
  new Hono<AppEnv>()
    .get('/:apiId/stages/:stage/rollouts', async (c) => {
      const { apiId, stageName } = stageOf(c);
      const now = clockOf(deps)();
      const rows = await stageRollouts(deps.storage.db, apiId, stageName);
      const body: RolloutList = {
        items: await Promise.all(rows.map((row) => rolloutView(deps.storage.db, row, now))),
      };
      return c.json(body, 200);
    })
    .post(
      '/:apiId/stages/:stage/rollouts',
      audited(deps, 'rollout.start'),
      guard('startRollout'),
      async (c) => {
        const { apiId, stageName } = stageOf(c);
        const request = await jsonBody(c, StartRolloutRequest);
        const current = await stageAsSeen(c, deps, apiId, stageName);
        const running = await activeRollout(deps.storage.db, apiId, stageName);
        if (running) {
          throw conflict(`Stage ${stageName} already has a rollout (${running.id}, ${running.state}).`);
        }
        if (!current.canary && !request.deploymentId) {
          throw new ProblemError(
            409,
            'NO_CANARY',
            'No canary to roll out',
            `Stage ${stageName} has no canary: start one, or name the deployment to roll out.`,
          );
        }
        if (current.canary && request.deploymentId && request.deploymentId !== current.canary.deploymentId) {
          throw new ProblemError(
            409,
            'CANARY_ACTIVE',
            'The stage has another canary',
            `Stage ${stageName} already runs a canary on deployment ${current.canary.deploymentId}.`,
          );
        }
        const steps = request.template ? rolloutTemplates[request.template].steps : request.steps!;
        const gates = RolloutGates.parse(request.gates ?? {});
        const user = c.get('user')!;
        const now = clockOf(deps)();
        await auditAhead(c);
        const [row] = await deps.storage.db
          .insert(rollouts)
          .values({
            id: randomUUID(),
            apiId,
            stage: stageName,
            state: 'running',
            step: 0,
            steps,
            gates,
            onFailure: request.onFailure,
            onSuccess: request.onSuccess,
            template: request.template ?? null,
            deploymentId: request.deploymentId ?? current.canary?.deploymentId ?? null,
            webhookUrl: request.webhook?.url ?? null,
            webhookSecret: request.webhook?.secret ?? null,
            startedBy: user.username,
            startedByRole: user.role,
            createdAt: now,
            updatedAt: now,
          })
          .returning();
        const plan = steps.map((s) => `${s.percentTraffic} % for ${s.bakeSeconds} s`).join(' → ');
        await recordEvent(deps.storage.db, row!.id, now, {
          kind: 'started',
          actor: user.username,
          step: 0,
          detail: `Started by ${user.username}: ${plan}; then ${request.onSuccess}; on failure ${request.onFailure}`,
        });
        c.var.audit.after = {
          rollout: row!.id,
          steps,
          gates,
          onFailure: request.onFailure,
          onSuccess: request.onSuccess,
        };
        c.var.audit.detail = `Rollout ${row!.id}: ${plan}`;
        return answer(c, deps, row!, 201);
      },
    );

/** One rollout: read, and the controls (each inside the stage's change lock, If-Match = the rollout's ETag). */
export const rolloutRoutes = (deps: Deps) => {
  const app = new Hono<AppEnv>().get('/:id', async (c) => {
    const row = await rolloutRow(deps.storage.db, pathParam(c, 'id', RolloutId));
    if (!row) throw new ProblemError(404, 'NOT_FOUND', 'Rollout not found', 'There is no such rollout.');
    return answer(c, deps, row);
  });
  for (const control of rolloutControls) {
    const route = `${control}Rollout` as const;
    app.post(`/:id/${control}`, audited(deps, `rollout.${control}`), guard(route), async (c) => {
      const id = pathParam(c, 'id', RolloutId);
      const seen = requireIfMatch(c, 'Send the ETag of the rollout you are controlling as If-Match.');
      const first = await rolloutRow(deps.storage.db, id);
      if (!first) throw new ProblemError(404, 'NOT_FOUND', 'Rollout not found', 'There is no such rollout.');
      c.var.audit.stage = first.stage;
      const row = await deps.storage.exclusive(stageLockKey(first.apiId, first.stage), async () => {
        const current = (await rolloutRow(deps.storage.db, id))!;
        c.var.audit.before = { rollout: id, state: current.state, step: current.step };
        if (seen !== etagOf(current)) {
          throw new ProblemError(
            412,
            'PRECONDITION_FAILED',
            'The rollout changed meanwhile',
            `Rollout ${id} moved on since you loaded it (now ${current.state}, step ${current.step + 1}). Review it and try again.`,
            { current: await rolloutView(deps.storage.db, current, clockOf(deps)()) },
          );
        }
        const { from, verb, apply } = controls[control];
        if (!from.includes(current.state)) {
          throw conflict(`A ${current.state} rollout cannot be told to ${control}.`);
        }
        const now = clockOf(deps)();
        const change = await apply(current, deps, now);
        await auditAhead(c);
        const updated = await updateRollout(deps.storage.db, current, change, now);
        const user = c.get('user')!;
        await recordEvent(deps.storage.db, id, now, {
          kind: (
            {
              pause: 'paused',
              resume: 'resumed',
              abort: 'aborted',
              approve: 'approved',
              skip: 'skipped',
            } as const
          )[control],
          actor: user.username,
          step: current.step,
          detail: `${verb} step ${current.step + 1} by ${user.username}`,
        });
        c.var.audit.after = { rollout: id, state: updated.state, step: updated.step };
        c.var.audit.detail = `Rollout ${id}: ${verb.toLowerCase()} at step ${current.step + 1}`;
        return updated;
      });
      return answer(c, deps, row);
    });
  }
  return app;
};
