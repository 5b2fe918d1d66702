import type { CreateStageRequest, UpdateStageRequest } from '@aws-sdk/client-api-gateway';
import { Hono } from 'hono';
import { nowSeconds, type RestApiRecord, type StageRecord } from '../state.ts';
import { badRequest, conflict } from './errors.ts';
import { type ControlPlane, findApi, findStage } from './lookup.ts';
import {
  applyStagePatch,
  MISSING_DEPLOYMENT,
  validatedCacheClusterSize,
  validatedPercentTraffic,
  validatedVariables,
} from './stage-patch.ts';
import { readJson, stageJson } from './wire.ts';

/** How long a cache cluster stays in CREATE/DELETE_IN_PROGRESS (AWS takes minutes; tests poll). */
export const CACHE_CLUSTER_SETTLE_MS = 1000;
const STAGE_NAME = /^[A-Za-z0-9_-]{1,128}$/;

/** Moves `cacheClusterStatus` through AWS's in-progress states after enabling, resizing or disabling. */
function transitionCacheCluster(api: RestApiRecord, before: StageRecord | undefined, stage: StageRecord) {
  const wasOn = before?.cacheClusterEnabled ?? false;
  if (stage.cacheClusterEnabled) stage.cacheClusterSize ??= '0.5';
  let pending: string | undefined;
  let settled: string | undefined;
  if (stage.cacheClusterEnabled && (!wasOn || before?.cacheClusterSize !== stage.cacheClusterSize)) {
    [pending, settled] = ['CREATE_IN_PROGRESS', 'AVAILABLE'];
  } else if (!stage.cacheClusterEnabled && wasOn) {
    [pending, settled] = ['DELETE_IN_PROGRESS', 'NOT_AVAILABLE'];
  }
  if (!pending || !settled) return;
  stage.cacheClusterStatus = pending;
  const final = settled;
  setTimeout(() => {
    const current = api.stages.get(stage.stageName);
    if (current?.cacheClusterStatus === pending) current.cacheClusterStatus = final;
  }, CACHE_CLUSTER_SETTLE_MS).unref();
}

/** Creates a stage record (CreateStage, and CreateDeployment with a new stageName). */
export function createStageRecord(api: RestApiRecord, input: Partial<CreateStageRequest>): StageRecord {
  const stageName = input.stageName ?? '';
  // AWS's message (its answer to `$default`, quoted in klothoplatform/klotho#235) predates hyphens,
  // which stage names may contain today.
  if (!/^[A-Za-z0-9_-]*$/.test(stageName)) throw badRequest('Stage name only allows a-zA-Z0-9_');
  if (!STAGE_NAME.test(stageName)) {
    throw badRequest(
      `Invalid stage name "${stageName}": use 1 to 128 letters, digits, hyphens and underscores`,
    );
  }
  if (api.stages.has(stageName)) throw conflict('Stage already exists');
  const deploymentId = input.deploymentId ?? '';
  if (!api.deployments.has(deploymentId)) throw badRequest(MISSING_DEPLOYMENT);
  const canary = input.canarySettings;
  if (canary?.deploymentId !== undefined && !api.deployments.has(canary.deploymentId)) {
    throw badRequest(MISSING_DEPLOYMENT);
  }
  const now = nowSeconds();
  const stage: StageRecord = {
    stageName,
    deploymentId,
    description: input.description,
    createdDate: now,
    lastUpdatedDate: now,
    variables: validatedVariables(input.variables),
    cacheClusterEnabled: input.cacheClusterEnabled ?? false,
    cacheClusterSize: validatedCacheClusterSize(input.cacheClusterSize),
    cacheClusterStatus: 'NOT_AVAILABLE',
    methodSettings: {},
    canarySettings: canary
      ? {
          deploymentId: canary.deploymentId ?? deploymentId,
          percentTraffic: validatedPercentTraffic(canary.percentTraffic),
          stageVariableOverrides: canary.stageVariableOverrides
            ? validatedVariables(canary.stageVariableOverrides, 'canarySettings/stageVariableOverrides')
            : undefined,
          useStageCache: canary.useStageCache ?? false,
        }
      : undefined,
    tracingEnabled: input.tracingEnabled ?? false,
    tags: input.tags ?? {},
  };
  transitionCacheCluster(api, undefined, stage);
  api.stages.set(stageName, stage);
  return stage;
}

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
      return c.json(stageJson(createStageRecord(api, input)), 201);
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
