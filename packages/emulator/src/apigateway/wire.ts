import type { DeploymentRecord, RestApiRecord, StageRecord } from '../state.ts';
import { badRequest } from './errors.ts';

/** The JSON API Gateway returns for a REST API. */
export function restApiJson(api: RestApiRecord) {
  const root = [...api.resources.values()].find((r) => r.path === '/');
  return {
    id: api.id,
    name: api.name,
    description: api.description,
    createdDate: api.createdDate,
    version: api.version,
    apiKeySource: api.apiKeySource,
    endpointConfiguration: { types: api.endpointTypes },
    tags: api.tags,
    rootResourceId: root?.id,
    disableExecuteApiEndpoint: false,
  };
}

export function stageJson(stage: StageRecord) {
  return {
    stageName: stage.stageName,
    deploymentId: stage.deploymentId,
    description: stage.description,
    createdDate: stage.createdDate,
    lastUpdatedDate: stage.lastUpdatedDate,
    variables: Object.keys(stage.variables).length ? stage.variables : undefined,
    cacheClusterEnabled: stage.cacheClusterEnabled,
    cacheClusterSize: stage.cacheClusterSize,
    cacheClusterStatus: stage.cacheClusterStatus,
    methodSettings: stage.methodSettings,
    canarySettings: stage.canarySettings,
    tracingEnabled: stage.tracingEnabled,
    tags: stage.tags,
  };
}

export function deploymentJson(deployment: DeploymentRecord) {
  return { id: deployment.id, description: deployment.description, createdDate: deployment.createdDate };
}

/** AWS's list paging: `limit` (default 25, at most 500) and an opaque `position`. */
export function page<T>(items: T[], query: { limit?: string; position?: string }) {
  const limit = query.limit === undefined ? 25 : Number(query.limit);
  if (!Number.isInteger(limit) || limit < 1 || limit > 500) {
    throw badRequest(
      "1 validation error detected: Value at 'limit' failed to satisfy constraint: Member must have value less than or equal to 500",
    );
  }
  let start = 0;
  if (query.position !== undefined) {
    start = Number.parseInt(Buffer.from(query.position, 'base64url').toString('utf8'), 10);
    if (!Number.isInteger(start) || start < 0) throw badRequest('Invalid position parameter');
  }
  const item = items.slice(start, start + limit);
  const next =
    start + limit < items.length ? Buffer.from(String(start + limit)).toString('base64url') : undefined;
  return { item, position: next };
}
