import {
  CreateStageRequest,
  RollbackRequest,
  type StageList,
  UpdateStageRequest,
} from '@gateway-console/contract';
import { Hono } from 'hono';
import { auditAhead, audited } from '../audit/middleware.ts';
import { guard } from '../auth/middleware.ts';
import { stageSettingsPatch } from '../aws/stage-patch.ts';
import type { AppEnv, Deps } from '../context.ts';
import { stageAsSeen, stageResponse } from '../http/stale.ts';
import { jsonBody } from '../http/validate.ts';
import { ProblemError, problem } from '../problem.ts';
import { apiIdOf, freshnessOf, stageOf } from './params.ts';

/** Stages: list, create, read (with ETag), change settings, delete, roll back, flush the cache. */
export const stagesRoutes = (deps: Deps) =>
  new Hono<AppEnv>()
    .get('/:apiId/stages', async (c) =>
      c.json({ items: await deps.gateway.listStages(apiIdOf(c), freshnessOf(c)) } satisfies StageList, 200),
    )
    .post('/:apiId/stages', audited(deps, 'stage.create'), guard('createStage'), async (c) => {
      const apiId = apiIdOf(c);
      const request = await jsonBody(c, CreateStageRequest);
      c.var.audit.stage = request.name;
      await auditAhead(c);
      const stage = await deps.gateway.createStage(apiId, request);
      c.var.audit.after = stage;
      return stageResponse(c, stage, 201);
    })
    .get('/:apiId/stages/:stage', async (c) => {
      const { apiId, stageName } = stageOf(c);
      return stageResponse(c, await deps.gateway.getStage(apiId, stageName, freshnessOf(c)));
    })
    .patch('/:apiId/stages/:stage', audited(deps, 'stage.update'), guard('updateStage'), async (c) => {
      const { apiId, stageName } = stageOf(c);
      const change = await jsonBody(c, UpdateStageRequest);
      const operations = stageSettingsPatch(change);
      if (operations.length === 0) {
        throw problem('VALIDATION_FAILED', 'Nothing to change.');
      }
      await stageAsSeen(c, deps, apiId, stageName);
      await auditAhead(c);
      const stage = await deps.gateway.updateStage(apiId, stageName, operations);
      c.var.audit.after = stage;
      return stageResponse(c, stage);
    })
    .delete('/:apiId/stages/:stage', audited(deps, 'stage.delete'), guard('deleteStage'), async (c) => {
      const { apiId, stageName } = stageOf(c);
      await stageAsSeen(c, deps, apiId, stageName);
      await auditAhead(c);
      await deps.gateway.deleteStage(apiId, stageName);
      return c.body(null, 204);
    })
    .post(
      '/:apiId/stages/:stage/rollback',
      audited(deps, 'stage.rollback'),
      guard('rollBackStage'),
      async (c) => {
        const { apiId, stageName } = stageOf(c);
        const { deploymentId } = await jsonBody(c, RollbackRequest);
        const current = await stageAsSeen(c, deps, apiId, stageName);
        if (current.canary) {
          throw new ProblemError(
            409,
            'CANARY_ACTIVE',
            'A canary is in progress',
            `Stage ${stageName} has a canary on deployment ${current.canary.deploymentId}. Promote it or roll it back before moving the stage to another deployment.`,
          );
        }
        // Fails with 404 for a deployment that does not exist, before the stage is touched.
        await deps.gateway.getDeployment(apiId, deploymentId);
        let stage = current;
        if (deploymentId !== current.deploymentId) {
          await auditAhead(c);
          stage = await deps.gateway.updateStage(apiId, stageName, [
            { op: 'replace', path: '/deploymentId', value: deploymentId },
          ]);
        }
        c.var.audit.after = stage;
        return stageResponse(c, stage);
      },
    )
    .post(
      '/:apiId/stages/:stage/cache/flush',
      audited(deps, 'stage.flushCache'),
      guard('flushStageCache'),
      async (c) => {
        const { apiId, stageName } = stageOf(c);
        // Flushing does not depend on the stage's settings, so it needs no If-Match.
        await auditAhead(c);
        await deps.gateway.flushStageCache(apiId, stageName);
        return c.body(null, 202);
      },
    );
