import type {
  ApiKey,
  Authorizer,
  Deployment,
  Integration,
  IntegrationResponse,
  Method,
  MethodResponse,
  MethodSnapshot,
  Resource,
  RestApi,
  Stage,
} from '@aws-sdk/client-api-gateway';
import type { Context } from 'hono';
import type {
  ApiKeyRecord,
  AuthorizerRecord,
  DeploymentRecord,
  IntegrationRecord,
  IntegrationResponseRecord,
  MethodRecord,
  MethodResponseRecord,
  ResourceRecord,
  RestApiRecord,
  StageRecord,
} from '../state.ts';
import { badRequest } from './errors.ts';

/** An SDK shape as it travels on the wire: timestamps are epoch seconds, not `Date`s. */
export type Wire<T> = {
  [K in keyof T]: NonNullable<T[K]> extends Date ? number | undefined : T[K];
};

const nonEmpty = <T extends object>(value: T | undefined): T | undefined =>
  value && Object.keys(value).length > 0 ? value : undefined;

/** What AWS answers for an API whose `ipAddressType` was never set: dualstack for PRIVATE, else ipv4. */
export const defaultIpAddressType = (types: readonly string[]): 'ipv4' | 'dualstack' =>
  types.includes('PRIVATE') ? 'dualstack' : 'ipv4';

/** The JSON API Gateway returns for a REST API. */
export function restApiJson(api: RestApiRecord): Wire<RestApi> {
  const root = [...api.resources.values()].find((r) => r.path === '/');
  return {
    id: api.id,
    name: api.name,
    description: api.description,
    createdDate: api.createdDate,
    version: api.version,
    apiKeySource: api.apiKeySource,
    endpointConfiguration: {
      types: api.endpointTypes,
      ipAddressType: api.ipAddressType ?? defaultIpAddressType(api.endpointTypes),
    },
    binaryMediaTypes: api.binaryMediaTypes?.length ? api.binaryMediaTypes : undefined,
    minimumCompressionSize: api.minimumCompressionSize,
    tags: nonEmpty(api.tags),
    rootResourceId: root?.id,
    disableExecuteApiEndpoint: api.disableExecuteApiEndpoint ?? false,
  };
}

export function stageJson(stage: StageRecord): Wire<Stage> {
  return {
    stageName: stage.stageName,
    deploymentId: stage.deploymentId,
    description: stage.description,
    createdDate: stage.createdDate,
    lastUpdatedDate: stage.lastUpdatedDate,
    variables: nonEmpty(stage.variables),
    cacheClusterEnabled: stage.cacheClusterEnabled,
    cacheClusterSize: stage.cacheClusterSize as Stage['cacheClusterSize'],
    cacheClusterStatus: stage.cacheClusterStatus as Stage['cacheClusterStatus'],
    methodSettings: stage.methodSettings,
    canarySettings: stage.canarySettings,
    accessLogSettings: stage.accessLogSettings,
    tracingEnabled: stage.tracingEnabled,
    tags: nonEmpty(stage.tags),
  };
}

/** What `embed=apisummary` shows: path → method → how it is authorized. */
export function apiSummaryOf(resources: ResourceRecord[]): Record<string, Record<string, MethodSnapshot>> {
  const summary: Record<string, Record<string, MethodSnapshot>> = {};
  for (const resource of resources) {
    const methods = Object.values(resource.methods);
    if (methods.length === 0) continue;
    summary[resource.path] = Object.fromEntries(
      methods.map((m) => [
        m.httpMethod,
        { authorizationType: m.authorizationType, apiKeyRequired: m.apiKeyRequired },
      ]),
    );
  }
  return summary;
}

export function deploymentJson(deployment: DeploymentRecord, embedSummary = false): Wire<Deployment> {
  return {
    id: deployment.id,
    description: deployment.description,
    createdDate: deployment.createdDate,
    apiSummary: embedSummary ? apiSummaryOf(deployment.resources) : undefined,
  };
}

export function integrationResponseJson(response: IntegrationResponseRecord): IntegrationResponse {
  return {
    statusCode: response.statusCode,
    selectionPattern: response.selectionPattern,
    responseTemplates: response.responseTemplates,
    responseParameters: response.responseParameters,
  };
}

export function integrationJson(integration: IntegrationRecord): Integration {
  return {
    type: integration.type,
    httpMethod: integration.httpMethod,
    uri: integration.uri,
    connectionType: integration.connectionType as Integration['connectionType'],
    credentials: integration.credentials,
    requestParameters: integration.requestParameters,
    requestTemplates: integration.requestTemplates,
    passthroughBehavior: integration.passthroughBehavior,
    contentHandling: integration.contentHandling as Integration['contentHandling'],
    timeoutInMillis: integration.timeoutInMillis,
    cacheNamespace: integration.cacheNamespace,
    cacheKeyParameters: integration.cacheKeyParameters,
    integrationResponses: nonEmpty(
      Object.fromEntries(
        Object.entries(integration.integrationResponses).map(([code, r]) => [
          code,
          integrationResponseJson(r),
        ]),
      ),
    ),
  };
}

export function methodResponseJson(response: MethodResponseRecord): MethodResponse {
  return {
    statusCode: response.statusCode,
    responseModels: response.responseModels,
    responseParameters: response.responseParameters,
  };
}

export function methodJson(method: MethodRecord): Method {
  return {
    httpMethod: method.httpMethod,
    authorizationType: method.authorizationType,
    authorizerId: method.authorizerId,
    apiKeyRequired: method.apiKeyRequired,
    operationName: method.operationName,
    authorizationScopes: method.authorizationScopes,
    requestParameters: method.requestParameters,
    requestModels: method.requestModels,
    methodResponses: nonEmpty(
      Object.fromEntries(
        Object.entries(method.methodResponses).map(([code, r]) => [code, methodResponseJson(r)]),
      ),
    ),
    methodIntegration: method.integration ? integrationJson(method.integration) : undefined,
  };
}

export function resourceJson(resource: ResourceRecord, embedMethods = false): Resource {
  const methods = Object.values(resource.methods);
  return {
    id: resource.id,
    parentId: resource.parentId,
    pathPart: resource.pathPart,
    path: resource.path,
    resourceMethods:
      methods.length === 0
        ? undefined
        : Object.fromEntries(methods.map((m) => [m.httpMethod, embedMethods ? methodJson(m) : {}])),
  };
}

export function authorizerJson(authorizer: AuthorizerRecord): Authorizer {
  return {
    id: authorizer.id,
    name: authorizer.name,
    type: authorizer.type,
    providerARNs: authorizer.providerARNs,
    authType: authorizer.authType,
    authorizerUri: authorizer.authorizerUri,
    authorizerCredentials: authorizer.authorizerCredentials,
    identitySource: authorizer.identitySource,
    identityValidationExpression: authorizer.identityValidationExpression,
    authorizerResultTtlInSeconds: authorizer.authorizerResultTtlInSeconds,
  };
}

export function apiKeyJson(key: ApiKeyRecord, includeValue: boolean): Wire<ApiKey> {
  return {
    id: key.id,
    value: includeValue ? key.value : undefined,
    // AWS has no `name` member for a key created without one (or with an empty one).
    name: key.name || undefined,
    description: key.description,
    customerId: key.customerId,
    enabled: key.enabled,
    createdDate: key.createdDate,
    lastUpdatedDate: key.lastUpdatedDate,
    stageKeys: key.stageKeys,
    tags: nonEmpty(key.tags),
  };
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

/** The JSON body of a request; the SDK omits it when no member is set. */
export async function readJson<T extends object>(c: Context): Promise<Partial<T>> {
  const text = await c.req.text();
  if (text.trim() === '') return {};
  try {
    const parsed: unknown = JSON.parse(text);
    if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed))
      throw new Error('not an object');
    return parsed as Partial<T>;
  } catch {
    throw badRequest('Could not parse request body into json: the body must be a JSON object');
  }
}

/** `~1` in a patch path stands for `/`, `~0` for `~` (JSON pointer escaping, e.g. `image~1png`). */
export const unescapePointer = (segment: string) => segment.replaceAll('~1', '/').replaceAll('~0', '~');

/** Query values that repeat (`embed=methods&embed=…`), the SDK's list-in-query encoding. */
export function queryList(c: Context, name: string): string[] {
  return (c.req.queries(name) ?? []).flatMap((v) => v.split(','));
}
