// The one place that makes an API's resources, methods, integrations, deployments and stages, with the
// rules and defaults AWS applies: the control-plane handlers, the OpenAPI import and the seeds all call it,
// so a seeded world holds exactly what the same calls against AWS would have left.
import type {
  CreateStageRequest,
  PutIntegrationRequest,
  PutIntegrationResponseRequest,
  PutMethodRequest,
  PutMethodResponseRequest,
} from '@aws-sdk/client-api-gateway';
import {
  type DeploymentRecord,
  findResourceByPath,
  type IntegrationRecord,
  type IntegrationResponseRecord,
  type MethodRecord,
  type MethodResponseRecord,
  newId,
  nowSeconds,
  type ResourceRecord,
  type RestApiRecord,
  type StageRecord,
  snapshotResources,
} from '../state.ts';
import { badRequest, conflict } from './errors.ts';
import {
  MISSING_DEPLOYMENT,
  validatedCacheClusterSize,
  validatedPercentTraffic,
  validatedVariables,
} from './stage-patch.ts';

/** In the order AWS lists them in its error message. */
export const HTTP_METHODS = ['GET', 'PUT', 'POST', 'DELETE', 'PATCH', 'OPTIONS', 'HEAD', 'ANY'];
export const AUTHORIZATION_TYPES = ['NONE', 'AWS_IAM', 'CUSTOM', 'COGNITO_USER_POOLS'];
/** In the order AWS lists them in its validation message. */
export const INTEGRATION_TYPES: IntegrationRecord['type'][] = [
  'HTTP',
  'MOCK',
  'AWS_PROXY',
  'HTTP_PROXY',
  'AWS',
];
export const MIN_INTEGRATION_TIMEOUT_MS = 50;
export const MAX_INTEGRATION_TIMEOUT_MS = 29000;
/** How long a cache cluster stays in CREATE/DELETE_IN_PROGRESS (AWS takes minutes; tests poll). */
export const CACHE_CLUSTER_SETTLE_MS = 1000;
const PATH_PART = /^(\{[A-Za-z0-9._-]+\+?\}|[A-Za-z0-9._:@~-]+)$/;
const STAGE_NAME = /^[A-Za-z0-9_-]{1,128}$/;

function validatedHttpMethod(httpMethod: string): string {
  if (!HTTP_METHODS.includes(httpMethod)) {
    throw badRequest(`Invalid HttpMethod specified. Valid options are ${HTTP_METHODS.join(',')}`);
  }
  return httpMethod;
}

/** A resource's name: a literal or one `{variable}` / greedy `{variable+}`, in AWS's characters. */
export function checkPathPart(pathPart: string): void {
  if (!PATH_PART.test(pathPart)) {
    throw badRequest(
      `Resource's path part only allow a-zA-Z0-9._- and curly braces at the beginning and the end and an optional plus sign before the closing brace. Got "${pathPart}"`,
    );
  }
}

/** AWS's rules for a resource's name among its siblings: unique, and at most one variable part. */
export function checkSiblings(api: RestApiRecord, parentId: string, pathPart: string, self?: string): void {
  const siblings = [...api.resources.values()].filter((r) => r.parentId === parentId && r.id !== self);
  if (siblings.some((r) => r.pathPart === pathPart)) {
    throw conflict(`Another resource with the same parent already has this name: ${pathPart}`);
  }
  const variable = siblings.find((r) => r.pathPart?.startsWith('{'));
  if (pathPart.startsWith('{') && variable) {
    throw badRequest(
      `A sibling (${variable.pathPart}) of this resource already has a variable path part -- only one is allowed`,
    );
  }
}

/** `method.request.{querystring|header|path}.{name}`: AWS wants each name once across the three. */
function checkUniqueParameterNames(requestParameters: Record<string, boolean> | undefined) {
  const names = Object.keys(requestParameters ?? {}).map((key) =>
    key.replace(/^method\.request\.(querystring|header|path|multivaluequerystring|multivalueheader)\./, ''),
  );
  if (new Set(names).size !== names.length)
    throw badRequest('Parameter names must be unique across querystring, header and path');
}

/** CreateResource: a child of `parent` named `pathPart`. */
export function addResource(api: RestApiRecord, parent: ResourceRecord, pathPart: string): ResourceRecord {
  checkPathPart(pathPart);
  if (parent.pathPart?.endsWith('+}')) {
    throw badRequest(`Cannot create a child of a resource with a greedy path variable: ${parent.pathPart}`);
  }
  checkSiblings(api, parent.id, pathPart);
  const resource: ResourceRecord = {
    id: newId(),
    parentId: parent.id,
    pathPart,
    path: `${parent.path === '/' ? '' : parent.path}/${pathPart}`,
    methods: {},
  };
  api.resources.set(resource.id, resource);
  return resource;
}

/** The resource at `path` (`/pets/{petId}`), creating the missing ones on the way as CreateResource would. */
export function resourceAtPath(api: RestApiRecord, path: string): ResourceRecord {
  let resource = findResourceByPath(api, '/');
  if (!resource) throw badRequest('The API has no root resource');
  for (const part of path.split('/').filter(Boolean)) {
    const childPath: string = `${resource.path === '/' ? '' : resource.path}/${part}`;
    resource = findResourceByPath(api, childPath) ?? addResource(api, resource, part);
  }
  return resource;
}

/** PutMethod's validation and record, not yet on a resource (ImportRestApi builds it up first). */
export function methodRecord(
  api: RestApiRecord,
  httpMethod: string,
  input: Partial<PutMethodRequest>,
): MethodRecord {
  const authorizationType = input.authorizationType ?? '';
  if (!AUTHORIZATION_TYPES.includes(authorizationType)) {
    throw badRequest(
      `Invalid authorization type "${authorizationType}". Must be one of: ${AUTHORIZATION_TYPES.join(', ')}`,
    );
  }
  if (authorizationType === 'CUSTOM' || authorizationType === 'COGNITO_USER_POOLS') {
    if (!input.authorizerId || !api.authorizers.has(input.authorizerId)) {
      throw badRequest(
        'Invalid authorizer ID specified. Setting the authorization type to CUSTOM or COGNITO_USER_POOLS requires a valid authorizer.',
      );
    }
  }
  checkUniqueParameterNames(input.requestParameters);
  return {
    httpMethod: validatedHttpMethod(httpMethod),
    authorizationType,
    authorizerId: input.authorizerId,
    apiKeyRequired: input.apiKeyRequired ?? false,
    operationName: input.operationName,
    authorizationScopes: input.authorizationScopes,
    requestParameters: input.requestParameters,
    requestModels: input.requestModels,
    methodResponses: {},
  };
}

/** PutMethod: a new method on `resource` (the caller has checked that none is there, if it must). */
export function putMethod(
  api: RestApiRecord,
  resource: ResourceRecord,
  httpMethod: string,
  input: Partial<PutMethodRequest>,
): MethodRecord {
  const method = methodRecord(api, httpMethod, input);
  resource.methods[method.httpMethod] = method;
  return method;
}

/** PutMethodResponse: kept as sent (an empty map is echoed, a missing one stays missing, as on AWS). */
export function putMethodResponse(
  method: MethodRecord,
  statusCode: string,
  input: Partial<PutMethodResponseRequest> = {},
): MethodResponseRecord {
  const response = {
    statusCode,
    responseModels: input.responseModels,
    responseParameters: input.responseParameters,
  };
  method.methodResponses[statusCode] = response;
  return response;
}

/** PutIntegration's validation and record, with AWS's defaults (29 s, WHEN_NO_MATCH, the resource's cache namespace). */
export function integrationRecord(
  input: Partial<PutIntegrationRequest>,
  resourceId: string,
): IntegrationRecord {
  const type = input.type as IntegrationRecord['type'];
  if (!INTEGRATION_TYPES.includes(type)) {
    throw badRequest(
      `Invalid integration type "${input.type ?? ''}". Must be one of: ${INTEGRATION_TYPES.join(', ')}`,
    );
  }
  if (type !== 'MOCK') {
    if (!input.integrationHttpMethod) throw badRequest('Enumeration value for HttpMethod must be non-empty');
    validatedHttpMethod(input.integrationHttpMethod);
    if (!input.uri) throw badRequest('Invalid HTTP endpoint specified for URI');
    if (
      (type === 'HTTP' || type === 'HTTP_PROXY') &&
      !/^(https?:\/\/|\$\{stageVariables\.)/.test(input.uri)
    ) {
      throw badRequest(`Invalid HTTP endpoint specified for URI: ${input.uri}`);
    }
  }
  const timeout = input.timeoutInMillis ?? MAX_INTEGRATION_TIMEOUT_MS;
  if (
    !Number.isInteger(timeout) ||
    timeout < MIN_INTEGRATION_TIMEOUT_MS ||
    timeout > MAX_INTEGRATION_TIMEOUT_MS
  ) {
    throw badRequest(
      `Timeout should be between ${MIN_INTEGRATION_TIMEOUT_MS} ms and ${MAX_INTEGRATION_TIMEOUT_MS} ms, got ${timeout}`,
    );
  }
  return {
    type,
    httpMethod: input.integrationHttpMethod,
    uri: input.uri,
    connectionType: input.connectionType,
    credentials: input.credentials,
    requestParameters: input.requestParameters,
    requestTemplates: input.requestTemplates,
    passthroughBehavior: input.passthroughBehavior ?? 'WHEN_NO_MATCH',
    contentHandling: input.contentHandling,
    // AWS namespaces the cache keys by the resource unless told otherwise.
    cacheNamespace: input.cacheNamespace ?? resourceId,
    cacheKeyParameters: input.cacheKeyParameters ?? [],
    timeoutInMillis: timeout,
    integrationResponses: {},
  };
}

/** PutIntegration: the method's integration, replacing any it had. */
export function putIntegration(
  resource: ResourceRecord,
  method: MethodRecord,
  input: Partial<PutIntegrationRequest>,
): IntegrationRecord {
  method.integration = integrationRecord(input, resource.id);
  return method.integration;
}

/** PutIntegrationResponse: how a backend status (by selection pattern) maps to a method response. */
export function putIntegrationResponse(
  integration: IntegrationRecord,
  statusCode: string,
  input: Partial<PutIntegrationResponseRequest> = {},
): IntegrationResponseRecord {
  const response = {
    statusCode,
    selectionPattern: input.selectionPattern,
    responseTemplates: input.responseTemplates,
    responseParameters: input.responseParameters,
  };
  integration.integrationResponses[statusCode] = response;
  return response;
}

/** AWS deploys only an API with at least one method. */
export function checkDeployable(api: RestApiRecord): void {
  const hasMethods = [...api.resources.values()].some((r) => Object.keys(r.methods).length > 0);
  if (!hasMethods) throw badRequest("The REST API doesn't contain any methods");
}

/** CreateDeployment's snapshot: the API's resources and methods as they are now, frozen. */
export function createDeployment(
  api: RestApiRecord,
  input: { description?: string; createdDate?: number } = {},
): DeploymentRecord {
  checkDeployable(api);
  const deployment: DeploymentRecord = {
    id: newId(),
    description: input.description,
    createdDate: input.createdDate ?? nowSeconds(),
    resources: snapshotResources(api),
  };
  api.deployments.set(deployment.id, deployment);
  return deployment;
}

/**
 * Moves `cacheClusterStatus` through AWS's in-progress states after enabling, resizing or disabling;
 * `settled`: straight to where it ends (a world that has been running a while, as a seed builds it).
 */
export function transitionCacheCluster(
  api: RestApiRecord,
  before: StageRecord | undefined,
  stage: StageRecord,
  settled = false,
): void {
  const wasOn = before?.cacheClusterEnabled ?? false;
  if (stage.cacheClusterEnabled) stage.cacheClusterSize ??= '0.5';
  let pending: string | undefined;
  let final: string | undefined;
  if (stage.cacheClusterEnabled && (!wasOn || before?.cacheClusterSize !== stage.cacheClusterSize)) {
    [pending, final] = ['CREATE_IN_PROGRESS', 'AVAILABLE'];
  } else if (!stage.cacheClusterEnabled && wasOn) {
    [pending, final] = ['DELETE_IN_PROGRESS', 'NOT_AVAILABLE'];
  }
  if (!pending || !final) return;
  if (settled) {
    stage.cacheClusterStatus = final;
    return;
  }
  stage.cacheClusterStatus = pending;
  const settledStatus = final;
  setTimeout(() => {
    const current = api.stages.get(stage.stageName);
    if (current?.cacheClusterStatus === pending) current.cacheClusterStatus = settledStatus;
  }, CACHE_CLUSTER_SETTLE_MS).unref();
}

/**
 * CreateStage (and CreateDeployment with a new stageName). `createdDate` backdates it and `settled`
 * skips the cache cluster's minutes in progress, for seeds that build a world with a past.
 */
export function createStage(
  api: RestApiRecord,
  input: Partial<CreateStageRequest>,
  options: { createdDate?: number; settled?: boolean } = {},
): StageRecord {
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
  const created = options.createdDate ?? nowSeconds();
  const stage: StageRecord = {
    stageName,
    deploymentId,
    description: input.description,
    createdDate: created,
    lastUpdatedDate: created,
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
  transitionCacheCluster(api, undefined, stage, options.settled);
  api.stages.set(stageName, stage);
  return stage;
}
