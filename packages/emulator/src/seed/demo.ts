import type { ApiKeyRecord, EmulatorState, MethodRecord, RestApiRecord, StageRecord } from '../state.ts';
import { newId, nowSeconds, snapshotResources } from '../state.ts';

/** Demo data: marks every seeded API so the console can say it is demo data. */
export const DEMO_TAG = { 'gateway-console:demo': 'true' };

const HOUR = 3600;

/** Adds a method at `path`, creating the resources on the way. */
export function addMethod(api: RestApiRecord, path: string, method: Omit<MethodRecord, 'methodResponses'>) {
  let parent = [...api.resources.values()].find((r) => r.path === '/')!;
  let current = '';
  for (const part of path.split('/').filter(Boolean)) {
    current += `/${part}`;
    let resource = [...api.resources.values()].find((r) => r.path === current);
    if (!resource) {
      resource = { id: newId(), parentId: parent.id, pathPart: part, path: current, methods: {} };
      api.resources.set(resource.id, resource);
    }
    parent = resource;
  }
  parent.methods[method.httpMethod] = { ...method, methodResponses: { '200': { statusCode: '200' } } };
}

/** A deployment of the API as it is now; its id. */
export function deploy(api: RestApiRecord, description: string, createdDate: number): string {
  const id = newId();
  api.deployments.set(id, { id, description, createdDate, resources: snapshotResources(api) });
  return id;
}

/** A stage running `deploymentId`. */
export function stage(
  api: RestApiRecord,
  name: string,
  deploymentId: string,
  extra: Partial<StageRecord> = {},
) {
  const created = api.deployments.get(deploymentId)!.createdDate;
  api.stages.set(name, {
    stageName: name,
    deploymentId,
    description: `${name} stage`,
    createdDate: created,
    lastUpdatedDate: created,
    variables: {},
    cacheClusterEnabled: false,
    cacheClusterStatus: 'NOT_AVAILABLE',
    methodSettings: {},
    tracingEnabled: false,
    tags: {},
    ...extra,
  });
}

/** A MOCK integration answering `statusCode`. */
export const mock = (statusCode = 200) => ({
  type: 'MOCK' as const,
  timeoutInMillis: 29000,
  requestTemplates: { 'application/json': `{"statusCode": ${statusCode}}` },
  cacheKeyParameters: [],
  integrationResponses: {
    '200': { statusCode: '200', responseTemplates: { 'application/json': '{"ok": true}' } },
  },
});

const httpProxy = (upstream: string, path: string, cacheKeyParameters: string[] = []) => ({
  type: 'HTTP_PROXY' as const,
  httpMethod: 'ANY',
  uri: `${upstream}${path}`,
  timeoutInMillis: 29000,
  cacheKeyParameters,
  integrationResponses: {},
});

/** A non-proxy HTTP integration: the backend's status is mapped through integration responses. */
const http = (upstream: string, path: string) => ({
  type: 'HTTP' as const,
  httpMethod: 'GET',
  uri: `${upstream}${path}`,
  timeoutInMillis: 29000,
  requestParameters: { 'integration.request.path.sku': 'method.request.path.sku' },
  cacheKeyParameters: [],
  integrationResponses: {
    '200': { statusCode: '200' },
    '404': { statusCode: '404', selectionPattern: '4\\d{2}' },
    '502': { statusCode: '502', selectionPattern: '5\\d{2}' },
  },
});

/** What the demo traffic needs to know about the seeded world. */
export interface DemoApis {
  petstore: RestApiRecord;
  payments: RestApiRecord;
  inventory: RestApiRecord;
  partnerKey: ApiKeyRecord;
}

/** Seeds three APIs of different endpoint types and auth, each with dev/staging/prod stages. */
export function seedDemo(state: EmulatorState, options: { upstreamUrl: string }): DemoApis {
  const now = nowSeconds();
  const upstream = `${options.upstreamUrl}/\${stageVariables.version}`;

  const petstore = state.createRestApi({
    name: 'PetStore',
    description: 'Public pet catalogue: open reads, MOCK health check.',
    endpointTypes: ['EDGE'],
    tags: { ...DEMO_TAG, team: 'catalogue' },
  });
  petstore.createdDate = now - 40 * 24 * HOUR;
  addMethod(petstore, '/health', {
    httpMethod: 'GET',
    authorizationType: 'NONE',
    apiKeyRequired: false,
    integration: mock(),
  });
  addMethod(petstore, '/static/{proxy+}', {
    httpMethod: 'ANY',
    authorizationType: 'NONE',
    apiKeyRequired: false,
    requestParameters: { 'method.request.path.proxy': true },
    integration: mock(),
  });
  addMethod(petstore, '/pets', {
    httpMethod: 'GET',
    authorizationType: 'NONE',
    apiKeyRequired: false,
    integration: httpProxy(upstream, '/pets'),
  });
  addMethod(petstore, '/pets/{petId}', {
    httpMethod: 'GET',
    authorizationType: 'NONE',
    apiKeyRequired: false,
    requestParameters: { 'method.request.path.petId': true },
    integration: httpProxy(upstream, '/pets/{petId}'),
  });
  const petV1 = deploy(petstore, 'v1: catalogue launch', now - 30 * 24 * HOUR);
  const petV2 = deploy(petstore, 'v2: faster search', now - 2 * 24 * HOUR);
  stage(petstore, 'dev', petV2, { variables: { version: 'v2' } });
  stage(petstore, 'staging', petV2, { variables: { version: 'v2' } });
  stage(petstore, 'prod', petV1, {
    variables: { version: 'v1' },
    canarySettings: {
      deploymentId: petV2,
      percentTraffic: 10,
      stageVariableOverrides: { version: 'v2' },
      useStageCache: false,
    },
  });

  const payments = state.createRestApi({
    name: 'Payments',
    description: 'Card payments for partners: every method needs an API key.',
    endpointTypes: ['REGIONAL'],
    tags: { ...DEMO_TAG, team: 'payments' },
  });
  payments.createdDate = now - 90 * 24 * HOUR;
  addMethod(payments, '/payments', {
    httpMethod: 'POST',
    authorizationType: 'NONE',
    apiKeyRequired: true,
    integration: httpProxy(upstream, '/payments'),
  });
  addMethod(payments, '/payments/{paymentId}', {
    httpMethod: 'GET',
    authorizationType: 'NONE',
    apiKeyRequired: true,
    requestParameters: { 'method.request.path.paymentId': true },
    integration: httpProxy(upstream, '/payments/{paymentId}', ['method.request.path.paymentId']),
  });
  const payV1 = deploy(payments, 'v1: initial release', now - 60 * 24 * HOUR);
  const payV2 = deploy(payments, 'v2: idempotency keys', now - 5 * 24 * HOUR);
  const cached = {
    cacheClusterEnabled: true,
    cacheClusterSize: '0.5',
    cacheClusterStatus: 'AVAILABLE',
    methodSettings: {
      '*/*': {
        cachingEnabled: true,
        cacheTtlInSeconds: 300,
        cacheDataEncrypted: false,
        // Low on purpose: the demo traffic's bursts trip it now and then.
        throttlingRateLimit: 10,
        throttlingBurstLimit: 20,
        metricsEnabled: true,
        loggingLevel: 'ERROR',
        dataTraceEnabled: false,
        requireAuthorizationForCacheControl: true,
        unauthorizedCacheControlHeaderStrategy: 'SUCCEED_WITH_RESPONSE_HEADER' as const,
      },
    },
  };
  stage(payments, 'dev', payV2, { variables: { version: 'v2' } });
  stage(payments, 'staging', payV2, { variables: { version: 'v2' }, ...cached });
  stage(payments, 'prod', payV1, { variables: { version: 'v1' }, ...cached });

  const inventory = state.createRestApi({
    name: 'Inventory',
    description: 'Warehouse stock levels for internal services, behind a Lambda authorizer.',
    endpointTypes: ['PRIVATE'],
    tags: { ...DEMO_TAG, team: 'fulfilment' },
  });
  inventory.createdDate = now - 20 * 24 * HOUR;
  const authorizerId = newId(6);
  inventory.authorizers.set(authorizerId, {
    id: authorizerId,
    name: 'token-authorizer',
    type: 'TOKEN',
    identitySource: 'method.request.header.Authorization',
    authorizerResultTtlInSeconds: 300,
  });
  addMethod(inventory, '/items', {
    httpMethod: 'GET',
    authorizationType: 'CUSTOM',
    authorizerId,
    apiKeyRequired: false,
    integration: httpProxy(upstream, '/items'),
  });
  addMethod(inventory, '/items/{sku}', {
    httpMethod: 'GET',
    authorizationType: 'CUSTOM',
    authorizerId,
    apiKeyRequired: false,
    requestParameters: { 'method.request.path.sku': true },
    integration: http(upstream, '/items/{sku}'),
  });
  addMethod(inventory, '/items/{sku}', {
    httpMethod: 'PUT',
    authorizationType: 'CUSTOM',
    authorizerId,
    apiKeyRequired: false,
    integration: httpProxy(upstream, '/items/{sku}'),
  });
  const invV1 = deploy(inventory, 'v1: read and update stock', now - 10 * 24 * HOUR);
  stage(inventory, 'dev', invV1, { variables: { version: 'v2' } });
  const invV11 = deploy(inventory, 'v1.1: stock reads from the replica', now - 3 * HOUR);
  stage(inventory, 'staging', invV11, { variables: { version: 'v3' } });
  // The healthy canary to try a rollout on (PetStore prod's is the failing one).
  stage(inventory, 'prod', invV1, {
    variables: { version: 'v1' },
    canarySettings: {
      deploymentId: invV11,
      percentTraffic: 10,
      stageVariableOverrides: { version: 'v3' },
      useStageCache: false,
    },
  });

  const partnerKey: ApiKeyRecord = {
    id: newId(),
    name: 'demo-partner',
    description: 'Demo key the demo traffic uses for Payments.',
    value: `demo${newId(36)}`,
    enabled: true,
    createdDate: now - 60 * 24 * HOUR,
    lastUpdatedDate: now - 60 * 24 * HOUR,
    stageKeys: ['dev', 'staging', 'prod'].map((s) => `${payments.id}/${s}`),
    tags: { ...DEMO_TAG },
  };
  state.apiKeys.set(partnerKey.id, partnerKey);
  return { petstore, payments, inventory, partnerKey };
}
