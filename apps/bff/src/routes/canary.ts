import { type PromoteResult, PutCanaryRequest, type StepResult } from '@gateway-console/contract';
import { Hono } from 'hono';
import type { AppEnv, Deps } from '../app.ts';
import { audited } from '../audit/middleware.ts';
import { requireRole } from '../auth/middleware.ts';
import { canaryPatch, promotionSteps, removeCanary } from '../aws/stage-patch.ts';
import { ProblemError, toProblem } from '../http/problem.ts';
import { stageAsSeen, stageResponse } from '../http/stale.ts';
import { jsonBody } from '../http/validate.ts';
import { stageOf } from './params.ts';

const noCanary = (stageName: string) =>
  new ProblemError(409, 'NO_CANARY', 'No canary', `Stage ${stageName} has no canary.`);

/** Canary: create or adjust, promote, roll back. AWS's patch operations stay behind these routes. */
export const canaryRoutes = (deps: Deps) =>
  new Hono<AppEnv>()
    .put('/:apiId/stages/:stage/canary', audited(deps, 'canary.set'), requireRole('operator'), async (c) => {
      const { apiId, stageName } = stageOf(c);
      const change = await jsonBody(c, PutCanaryRequest);
      const current = await stageAsSeen(c, deps, apiId, stageName);
      if (!current.canary && change.deploymentId === undefined) {
        throw new ProblemError(
          400,
          'VALIDATION_FAILED',
          'Invalid input',
          'deploymentId: required to start a canary',
          {
            errors: [{ path: 'deploymentId', message: 'Required to start a canary' }],
          },
        );
      }
      const operations = canaryPatch(current.canary, change);
      const stage = operations.length
        ? await deps.gateway.updateStage(apiId, stageName, operations)
        : current;
      c.var.audit.after = stage;
      return stageResponse(c, stage);
    })
    .post(
      '/:apiId/stages/:stage/canary/promote',
      audited(deps, 'canary.promote'),
      requireRole('operator'),
      async (c) => {
        const { apiId, stageName } = stageOf(c);
        const current = await stageAsSeen(c, deps, apiId, stageName);
        if (!current.canary) throw noCanary(stageName);
        const promotion = promotionSteps(current.canary);
        const operations = promotion.flatMap((s) => (s.operation ? [s.operation] : []));
        const steps: StepResult[] = [];
        // AWS applies the promotion's operations in one UpdateStage, all or none.
        try {
          await deps.gateway.updateStage(apiId, stageName, operations);
          for (const s of promotion) steps.push({ step: s.step, status: s.operation ? 'done' : 'skipped' });
        } catch (err) {
          const problem = toProblem(err);
          throw new ProblemError(
            problem.status,
            problem.code,
            'Promotion failed; the stage is unchanged',
            problem.detail,
          );
        }
        try {
          const stage = await deps.gateway.updateStage(apiId, stageName, [removeCanary]);
          steps.push({ step: 'Canary settings removed', status: 'done' });
          c.var.audit.after = stage;
          c.var.audit.detail = steps.map((s) => `${s.step}: ${s.status}`).join('; ');
          c.header('ETag', stage.etag);
          return c.json({ steps, stage } satisfies PromoteResult, 200);
        } catch (err) {
          const problem = toProblem(err);
          const stage = await deps.gateway.getStage(apiId, stageName).catch(() => undefined);
          c.var.audit.after = stage;
          throw new ProblemError(
            problem.status,
            problem.code,
            'Promoted, but the canary settings are still there (at 0 %)',
            `${problem.detail ?? problem.title} Roll back the canary to remove them.`,
            { current: stage },
          );
        }
      },
    )
    .delete(
      '/:apiId/stages/:stage/canary',
      audited(deps, 'canary.rollback'),
      requireRole('operator'),
      async (c) => {
        const { apiId, stageName } = stageOf(c);
        const current = await stageAsSeen(c, deps, apiId, stageName);
        if (!current.canary) throw noCanary(stageName);
        const stage = await deps.gateway.updateStage(apiId, stageName, [removeCanary]);
        c.var.audit.after = stage;
        return stageResponse(c, stage);
      },
    );
