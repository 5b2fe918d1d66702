import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import type {
  AccessLogSettings,
  CanarySettings,
  EndpointType,
  MethodSetting,
} from '@aws-sdk/client-api-gateway';

/** Ids as API Gateway shapes them: ten lowercase letters and digits. */
export function newId(length = 10): string {
  const alphabet = 'abcdefghijklmnopqrstuvwxyz0123456789';
  const bytes = randomBytes(length);
  let id = '';
  for (const byte of bytes) id += alphabet[byte % alphabet.length];
  return id;
}

/** Epoch seconds, the control plane's timestamp unit. */
export const nowSeconds = () => Math.floor(Date.now() / 1000);

export interface IntegrationRecord {
  type: 'MOCK' | 'HTTP' | 'HTTP_PROXY' | 'AWS' | 'AWS_PROXY';
  httpMethod?: string;
  uri?: string;
  timeoutInMillis: number;
  requestTemplates?: Record<string, string>;
  requestParameters?: Record<string, string>;
  passthroughBehavior?: string;
  contentHandling?: string;
  credentials?: string;
  connectionType?: string;
  cacheNamespace?: string;
  cacheKeyParameters: string[];
  integrationResponses: Record<string, IntegrationResponseRecord>;
}

export interface IntegrationResponseRecord {
  statusCode: string;
  selectionPattern?: string;
  responseTemplates?: Record<string, string>;
  responseParameters?: Record<string, string>;
}

export interface MethodResponseRecord {
  statusCode: string;
  responseModels?: Record<string, string>;
  responseParameters?: Record<string, boolean>;
}

export interface MethodRecord {
  httpMethod: string;
  authorizationType: string;
  authorizerId?: string;
  apiKeyRequired: boolean;
  operationName?: string;
  authorizationScopes?: string[];
  requestParameters?: Record<string, boolean>;
  requestModels?: Record<string, string>;
  integration?: IntegrationRecord;
  methodResponses: Record<string, MethodResponseRecord>;
}

export interface ResourceRecord {
  id: string;
  parentId?: string;
  pathPart?: string;
  path: string;
  methods: Record<string, MethodRecord>;
}

/** A deployment freezes the API's resources as they were when it was created. */
export interface DeploymentRecord {
  id: string;
  description?: string;
  createdDate: number;
  resources: ResourceRecord[];
}

export interface StageRecord {
  stageName: string;
  deploymentId: string;
  description?: string;
  createdDate: number;
  lastUpdatedDate: number;
  variables: Record<string, string>;
  cacheClusterEnabled: boolean;
  cacheClusterSize?: string;
  cacheClusterStatus: string;
  methodSettings: Record<string, MethodSetting>;
  canarySettings?: CanarySettings;
  /** Where the data plane writes one line per request, and in which `$context` format. */
  accessLogSettings?: AccessLogSettings;
  tracingEnabled: boolean;
  tags: Record<string, string>;
}

export interface AuthorizerRecord {
  id: string;
  name: string;
  type: 'TOKEN' | 'REQUEST' | 'COGNITO_USER_POOLS';
  providerARNs?: string[];
  authorizerUri?: string;
  identitySource?: string;
  identityValidationExpression?: string;
  authorizerCredentials?: string;
  authType?: string;
  authorizerResultTtlInSeconds?: number;
}

/** An API key: the data plane accepts it in `x-api-key` for methods with `apiKeyRequired` while it is enabled. */
export interface ApiKeyRecord {
  id: string;
  value: string;
  name: string;
  description?: string;
  customerId?: string;
  enabled: boolean;
  createdDate: number;
  lastUpdatedDate: number;
  /** `{restApiId}/{stageName}` pairs the key was created for. */
  stageKeys: string[];
  tags: Record<string, string>;
}

export interface RestApiRecord {
  id: string;
  name: string;
  description?: string;
  createdDate: number;
  version?: string;
  apiKeySource: 'HEADER' | 'AUTHORIZER';
  endpointTypes: EndpointType[];
  /** `endpointConfiguration.ipAddressType`; unset means AWS's default for the endpoint type. */
  ipAddressType?: 'ipv4' | 'dualstack';
  binaryMediaTypes?: string[];
  minimumCompressionSize?: number;
  disableExecuteApiEndpoint?: boolean;
  tags: Record<string, string>;
  resources: Map<string, ResourceRecord>;
  deployments: Map<string, DeploymentRecord>;
  stages: Map<string, StageRecord>;
  authorizers: Map<string, AuthorizerRecord>;
}

/** Everything the emulated account holds, in memory. */
/** The account the emulator plays, as LocalStack does: twelve zeros. */
export const EMULATOR_ACCOUNT_ID = '000000000000';

export class EmulatorState {
  readonly restApis = new Map<string, RestApiRecord>();
  readonly apiKeys = new Map<string, ApiKeyRecord>();
  /** Called by FlushStageCache (control plane); the data plane registers the stage caches here. */
  readonly stageCacheFlushers = new Set<(restApiId: string, stageName: string) => void>();

  constructor(
    readonly region: string,
    readonly accountId = EMULATOR_ACCOUNT_ID,
  ) {}

  createRestApi(input: {
    name: string;
    description?: string;
    endpointTypes?: EndpointType[];
    apiKeySource?: 'HEADER' | 'AUTHORIZER';
    tags?: Record<string, string>;
  }): RestApiRecord {
    const rootId = newId();
    const api: RestApiRecord = {
      id: newId(),
      name: input.name,
      description: input.description,
      createdDate: nowSeconds(),
      apiKeySource: input.apiKeySource ?? 'HEADER',
      endpointTypes: input.endpointTypes ?? ['EDGE'],
      tags: input.tags ?? {},
      resources: new Map([[rootId, { id: rootId, path: '/', methods: {} }]]),
      deployments: new Map(),
      stages: new Map(),
      authorizers: new Map(),
    };
    this.restApis.set(api.id, api);
    return api;
  }

  /** Empties one stage's response cache (FlushStageCache). */
  flushStageCache(restApiId: string, stageName: string): void {
    for (const flush of this.stageCacheFlushers) flush(restApiId, stageName);
  }

  /** The enabled API key with this value, if any: what the data plane checks `x-api-key` against. */
  findEnabledApiKey(value: string): ApiKeyRecord | undefined {
    for (const key of this.apiKeys.values()) if (key.enabled && key.value === value) return key;
    return undefined;
  }
}

/** The resource at `path` (`/`, `/pets/{petId}`), if the API has one. */
export function findResourceByPath(api: RestApiRecord, path: string): ResourceRecord | undefined {
  for (const resource of api.resources.values()) if (resource.path === path) return resource;
  return undefined;
}

/** Deep copy of an API's resources: what a deployment freezes. */
export function snapshotResources(api: RestApiRecord): ResourceRecord[] {
  return structuredClone([...api.resources.values()]);
}

/** The account as JSON: what `--state-file` holds between runs. */
export interface StateSnapshot {
  version: 1;
  region: string;
  restApis: (Omit<RestApiRecord, 'resources' | 'deployments' | 'stages' | 'authorizers'> & {
    resources: ResourceRecord[];
    deployments: DeploymentRecord[];
    stages: StageRecord[];
    authorizers: AuthorizerRecord[];
  })[];
  apiKeys: ApiKeyRecord[];
}

export function stateSnapshot(state: EmulatorState): StateSnapshot {
  return structuredClone({
    version: 1,
    region: state.region,
    restApis: [...state.restApis.values()].map((api) => ({
      ...api,
      resources: [...api.resources.values()],
      deployments: [...api.deployments.values()],
      stages: [...api.stages.values()],
      authorizers: [...api.authorizers.values()],
    })),
    apiKeys: [...state.apiKeys.values()],
  });
}

/** Replaces the account's APIs and keys with a snapshot's; a cache cluster in transition has settled meanwhile. */
export function restoreState(state: EmulatorState, snapshot: StateSnapshot): void {
  if (snapshot.version !== 1) throw new Error(`Unsupported state file version ${String(snapshot.version)}`);
  state.restApis.clear();
  state.apiKeys.clear();
  for (const api of structuredClone(snapshot.restApis)) {
    for (const stage of api.stages) {
      if (stage.cacheClusterStatus === 'CREATE_IN_PROGRESS') stage.cacheClusterStatus = 'AVAILABLE';
      if (stage.cacheClusterStatus === 'DELETE_IN_PROGRESS') stage.cacheClusterStatus = 'NOT_AVAILABLE';
    }
    state.restApis.set(api.id, {
      ...api,
      resources: new Map(api.resources.map((r) => [r.id, r])),
      deployments: new Map(api.deployments.map((d) => [d.id, d])),
      stages: new Map(api.stages.map((s) => [s.stageName, s])),
      authorizers: new Map(api.authorizers.map((a) => [a.id, a])),
    });
  }
  for (const key of structuredClone(snapshot.apiKeys)) state.apiKeys.set(key.id, key);
}

/** Loads `path` into the state if the file exists; true when it did. */
export function loadStateFile(state: EmulatorState, path: string): boolean {
  if (!existsSync(path)) return false;
  restoreState(state, JSON.parse(readFileSync(path, 'utf8')) as StateSnapshot);
  return true;
}

/** Writes the state to `path` atomically (temp file, then rename), so a crash never leaves half a file. */
export function saveStateFile(state: EmulatorState, path: string): void {
  mkdirSync(dirname(path), { recursive: true });
  const temp = `${path}.${process.pid}.tmp`;
  writeFileSync(temp, JSON.stringify(stateSnapshot(state)));
  renameSync(temp, path);
}
