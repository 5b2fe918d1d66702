import type { CreateDeploymentRequest } from '@aws-sdk/client-api-gateway';
import { Hono } from 'hono';
import { nowSeconds } from '../state.ts';
import { badRequest, notFound } from './errors.ts';
import { type ControlPlane, findApi } from './lookup.ts';
import { checkDeployable, createDeployment, createStage } from './service.ts';
import { validatedPercentTraffic, validatedVariables } from './stage-patch.ts';
import { deploymentJson, page, queryList, readJson } from './wire.ts';

const canaryDeploymentError = (detail: string) =>
  badRequest(`Invalid deployment content specified.${detail}`);

/** Deployments: immutable snapshots of an API's resources and methods, optionally put on a stage or its canary. */
export function deploymentRoutes({ state, faults }: ControlPlane) {
  return new Hono()
    .post('/restapis/:restApiId/deployments', faults.for('CreateDeployment'), async (c) => {
      const api = findApi(state, c.req.param('restApiId'));
      const input = await readJson<CreateDeploymentRequest>(c);
      checkDeployable(api);

      const { stageName, canarySettings } = input;
      const existingStage = stageName ? api.stages.get(stageName) : undefined;
      if (canarySettings) {
        if (!stageName) {
          throw canaryDeploymentError(
            'Non null and non empty stageName must be provided for canary deployment. Provided value is null',
          );
        }
        if (!existingStage) {
          throw canaryDeploymentError(
            `Stage ${stageName} must already be created before making a canary release deployment`,
          );
        }
      }
      if (!canarySettings && existingStage?.canarySettings) {
        // AWS's wording (quoted from its answer in serverless/serverless#11518).
        throw canaryDeploymentError(
          `Non canary deployment not supported on stage ${stageName} because Canary is enabled. Provide CanarySettings in deploymentInput.`,
        );
      }
      // Validate everything before anything changes: a failed call leaves no half-made deployment.
      const percentTraffic = canarySettings ? validatedPercentTraffic(canarySettings.percentTraffic) : 0;
      const overrides = canarySettings?.stageVariableOverrides
        ? validatedVariables(canarySettings.stageVariableOverrides, 'canarySettings/stageVariableOverrides')
        : undefined;
      const variables = validatedVariables(input.variables);

      const deployment = createDeployment(api, { description: input.description });

      if (stageName && existingStage && canarySettings) {
        api.stages.set(stageName, {
          ...existingStage,
          lastUpdatedDate: nowSeconds(),
          canarySettings: {
            deploymentId: deployment.id,
            percentTraffic,
            stageVariableOverrides: overrides,
            useStageCache: canarySettings.useStageCache ?? false,
          },
        });
      } else if (stageName && existingStage) {
        api.stages.set(stageName, {
          ...existingStage,
          deploymentId: deployment.id,
          description: input.stageDescription ?? existingStage.description,
          variables: { ...existingStage.variables, ...variables },
          lastUpdatedDate: nowSeconds(),
        });
      } else if (stageName) {
        try {
          createStage(api, {
            stageName,
            deploymentId: deployment.id,
            description: input.stageDescription,
            variables,
            cacheClusterEnabled: input.cacheClusterEnabled,
            cacheClusterSize: input.cacheClusterSize,
            tracingEnabled: input.tracingEnabled,
          });
        } catch (error) {
          api.deployments.delete(deployment.id);
          throw error;
        }
      }
      return c.json(deploymentJson(deployment), 201);
    })
    .get('/restapis/:restApiId/deployments', faults.for('GetDeployments'), (c) => {
      const api = findApi(state, c.req.param('restApiId'));
      // Creation order: the map keeps insertion order, which is also the order of createdDate.
      const deployments = [...api.deployments.values()];
      return c.json(
        page(
          deployments.map((d) => deploymentJson(d)),
          c.req.query(),
        ),
      );
    })
    .get('/restapis/:restApiId/deployments/:deploymentId', faults.for('GetDeployment'), (c) => {
      const api = findApi(state, c.req.param('restApiId'));
      const deployment = api.deployments.get(c.req.param('deploymentId'));
      if (!deployment) throw notFound('Deployment identifier');
      return c.json(deploymentJson(deployment, queryList(c, 'embed').includes('apisummary')));
    })
    .delete('/restapis/:restApiId/deployments/:deploymentId', faults.for('DeleteDeployment'), (c) => {
      const api = findApi(state, c.req.param('restApiId'));
      const id = c.req.param('deploymentId');
      if (!api.deployments.has(id)) throw notFound('Deployment identifier');
      const inUse = [...api.stages.values()].some(
        (s) => s.deploymentId === id || s.canarySettings?.deploymentId === id,
      );
      if (inUse) throw badRequest('Active stages pointing to this deployment must be moved or deleted');
      api.deployments.delete(id);
      return c.body(null, 202);
    });
}
