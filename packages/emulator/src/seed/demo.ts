import type {
  CreateStageRequest,
  PutIntegrationRequest,
  PutIntegrationResponseRequest,
  PutMethodRequest,
} from '@aws-sdk/client-api-gateway';
import {
  createDeployment,
  createStage,
  putIntegration,
  putIntegrationResponse,
  putMethod,
  putMethodResponse,
  resourceAtPath,
} from '../apigateway/service.ts';
import type { ApiKeyRecord, EmulatorState, RestApiRecord, StageRecord } from '../state.ts';
import { newId, nowSeconds } from '../state.ts';

/** Demo data: marks every seeded API so the console can say it is demo data. */
export const DEMO_TAG = { 'gateway-console:demo': 'true' };

const HOUR = 3600;

/** A method the seed adds: PutMethod's input, and the integration it gets. */
export interface SeedMethod extends Partial<PutMethodRequest> {
  httpMethod: string;
  integration: SeedIntegration;
}

/** PutIntegration's input, and the integration responses PutIntegrationResponse adds. */
export interface SeedIntegration extends Partial<PutIntegrationRequest> {
  responses?: Record<string, Omit<PutIntegrationResponseRequest, 'restApiId' | 'resourceId' | 'httpMethod'>>;
}

/** Adds a method at `path`, creating the resources on the way, as the control plane's calls would. */
export function addMethod(
  api: RestApiRecord,
  path: string,
  { httpMethod, integration, ...input }: SeedMethod,
) {
  const resource = resourceAtPath(api, path);
  const method = putMethod(api, resource, httpMethod, input);
  putMethodResponse(method, '200');
  const { responses = {}, ...integrationInput } = integration;
  const record = putIntegration(resource, method, integrationInput);
  for (const [statusCode, response] of Object.entries(responses)) {
    putIntegrationResponse(record, statusCode, response);
  }
}

/** A deployment of the API as it is now, made at `createdDate`; its id. */
export function deploy(api: RestApiRecord, description: string, createdDate: number): string {
  return createDeployment(api, { description, createdDate }).id;
}

/**
 * A stage running `deploymentId`, created with its deployment and its cache cluster settled; what
 * CreateStage does not take (method settings, access logs) as UpdateStage would set it.
 */
export function stage(
  api: RestApiRecord,
  name: string,
  deploymentId: string,
  extra: Partial<StageRecord> = {},
) {
  const {
    description = `${name} stage`,
    variables,
    cacheClusterEnabled,
    cacheClusterSize,
    canarySettings,
    tracingEnabled,
    tags,
    cacheClusterStatus: _settled,
    ...updated
  } = extra;
  const record = createStage(
    api,
    {
      stageName: name,
      deploymentId,
      description,
      variables,
      cacheClusterEnabled,
      // The record keeps the size as a string; CreateStage's shape names AWS's sizes.
      cacheClusterSize: cacheClusterSize as CreateStageRequest['cacheClusterSize'],
      canarySettings,
      tracingEnabled,
      tags,
    },
    { createdDate: api.deployments.get(deploymentId)?.createdDate, settled: true },
  );
  Object.assign(record, updated);
}

/** A 10 % canary on `deploymentId` with the demo backend's `version`, outside the stage cache. */
const tenPercentCanary = (deploymentId: string, version: string) => ({
  deploymentId,
  percentTraffic: 10,
  stageVariableOverrides: { version },
  useStageCache: false,
});

/** A MOCK integration answering `statusCode`. */
export const mock = (statusCode = 200): SeedIntegration => ({
  type: 'MOCK',
  requestTemplates: { 'application/json': `{"statusCode": ${statusCode}}` },
  responses: { '200': { statusCode: '200', responseTemplates: { 'application/json': '{"ok": true}' } } },
});

const httpProxy = (upstream: string, path: string, cacheKeyParameters: string[] = []): SeedIntegration => ({
  type: 'HTTP_PROXY',
  integrationHttpMethod: 'ANY',
  uri: `${upstream}${path}`,
  cacheKeyParameters,
});

/** A non-proxy HTTP integration: the backend's status is mapped through integration responses. */
const http = (upstream: string, path: string): SeedIntegration => ({
  type: 'HTTP',
  integrationHttpMethod: 'GET',
  uri: `${upstream}${path}`,
  requestParameters: { 'integration.request.path.sku': 'method.request.path.sku' },
  responses: {
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
    canarySettings: tenPercentCanary(petV2, 'v2'),
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
    canarySettings: tenPercentCanary(invV11, 'v3'),
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
