import type { CreateStageRequest, UpdateStageRequest } from '@aws-sdk/client-api-gateway';
import { Hono } from 'hono';
import { nowSeconds } from '../state.ts';
import { badRequest } from './errors.ts';
import { type ControlPlane, findApi, findStage } from './lookup.ts';
import { createStage, transitionCacheCluster } from './service.ts';
import { applyStagePatch } from './stage-patch.ts';
import { readJson, stageJson } from './wire.ts';

/** Stages: CreateStage, GetStage(s), UpdateStage, DeleteStage, FlushStageCache. */
export function stageRoutes({ state, faults }: ControlPlane) {
  return new Hono()
    .get('/restapis/:restApiId/stages', faults.for('GetStages'), (c) => {
      const api = findApi(state, c.req.param('restApiId'));
      const deploymentId = c.req.query('deploymentId');
      const stages = [...api.stages.values()].filter((s) => !deploymentId || s.deploymentId === deploymentId);
      return c.json({ item: stages.map(stageJson) });
    })
    .post('/restapis/:restApiId/stages', faults.for('CreateStage'), async (c) => {
      const api = findApi(state, c.req.param('restApiId'));
      const input = await readJson<CreateStageRequest>(c);
      return c.json(stageJson(createStage(api, input)), 201);
    })
    .get('/restapis/:restApiId/stages/:stageName', faults.for('GetStage'), (c) => {
      const api = findApi(state, c.req.param('restApiId'));
      return c.json(stageJson(findStage(api, c.req.param('stageName'))));
    })
    .patch('/restapis/:restApiId/stages/:stageName', faults.for('UpdateStage'), async (c) => {
      const api = findApi(state, c.req.param('restApiId'));
      const before = findStage(api, c.req.param('stageName'));
      const { patchOperations } = await readJson<UpdateStageRequest>(c);
      const stage = applyStagePatch(before, api, patchOperations);
      stage.lastUpdatedDate = nowSeconds();
      transitionCacheCluster(api, before, stage);
      api.stages.set(stage.stageName, stage);
      return c.json(stageJson(stage));
    })
    .delete('/restapis/:restApiId/stages/:stageName', faults.for('DeleteStage'), (c) => {
      const api = findApi(state, c.req.param('restApiId'));
      findStage(api, c.req.param('stageName'));
      api.stages.delete(c.req.param('stageName'));
      return c.body(null, 202);
    })
    .delete(
      '/restapis/:restApiId/stages/:stageName/cache/authorizers',
      faults.for('FlushStageAuthorizersCache'),
      (c) => {
        // The emulator caches no authorizer results, so there is nothing to drop; AWS answers 202.
        findStage(findApi(state, c.req.param('restApiId')), c.req.param('stageName'));
        return c.body(null, 202);
      },
    )
    .delete('/restapis/:restApiId/stages/:stageName/cache/data', faults.for('FlushStageCache'), (c) => {
      const api = findApi(state, c.req.param('restApiId'));
      const stage = findStage(api, c.req.param('stageName'));
      if (!stage.cacheClusterEnabled) {
        throw badRequest(
          `Cannot flush the cache of stage ${stage.stageName}: its cache cluster is not enabled`,
        );
      }
      state.flushStageCache(api.id, stage.stageName);
      return c.body(null, 202);
    });
}
