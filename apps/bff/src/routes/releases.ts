import {
  type DeploymentDiff,
  DeploymentDiffQuery,
  type FieldChange,
  type Stage,
  type StageDrift,
} from '@gateway-console/contract';
import { Hono } from 'hono';
import { diffDefinitions } from '../aws/definitions.ts';
import type { AppEnv, Deps } from '../context.ts';
import { queryParams } from '../http/validate.ts';
import { apiIdOf, freshnessOf, stageOf } from './params.ts';

/** The variables a stage's requests get from its canary's overrides: what promoting or starting it brings. */
function canaryVariables(stage: Stage): FieldChange[] {
  return Object.entries(stage.canary?.stageVariableOverrides ?? {})
    .filter(([name, value]) => stage.variables[name] !== value)
    .map(([name, value]) => ({ name, from: stage.variables[name] ?? null, to: value }))
    .sort((a, b) => a.name.localeCompare(b.name));
}

/** Releases: the difference between two deployments, and what a stage does not run yet. */
export const releasesRoutes = (deps: Deps) =>
  new Hono<AppEnv>()
    .get('/:apiId/deployments/diff', async (c) => {
      const apiId = apiIdOf(c);
      const { from, to, stage: stageName } = queryParams(c, DeploymentDiffQuery);
      const [before, after, stage] = await Promise.all([
        deps.gateway.deploymentDefinition(apiId, from),
        deps.gateway.deploymentDefinition(apiId, to),
        stageName ? deps.gateway.getStage(apiId, stageName, freshnessOf(c)) : undefined,
      ]);
      const variables = stage && stage.canary?.deploymentId === to ? canaryVariables(stage) : [];
      return c.json({ ...diffDefinitions(before, after), variables } satisfies DeploymentDiff, 200);
    })
    .get('/:apiId/stages/:stage/drift', async (c) => {
      const { apiId, stageName } = stageOf(c);
      const stage = await deps.gateway.getStage(apiId, stageName, freshnessOf(c));
      const [deployed, current] = await Promise.all([
        deps.gateway.deploymentDefinition(apiId, stage.deploymentId),
        deps.gateway.currentDefinition(apiId, freshnessOf(c)),
      ]);
      return c.json(
        {
          ...diffDefinitions(deployed, current),
          variables: [],
          deploymentId: stage.deploymentId,
        } satisfies StageDrift,
        200,
      );
    });
