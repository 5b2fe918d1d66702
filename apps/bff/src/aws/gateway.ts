import { createHash } from 'node:crypto';
import {
  APIGatewayClient,
  type APIGatewayClientConfig,
  CreateDeploymentCommand,
  CreateStageCommand,
  DeleteStageCommand,
  FlushStageCacheCommand,
  GetAuthorizersCommand,
  GetDeploymentCommand,
  GetExportCommand,
  GetRestApiCommand,
  GetRestApisCommand,
  GetStageCommand,
  GetStagesCommand,
  type PatchOperation,
  paginateGetDeployments,
  paginateGetResources,
  paginateGetRestApis,
  type RestApi,
  type Deployment as SdkDeployment,
  type MethodSetting as SdkMethodSetting,
  type Resource as SdkResource,
  type Stage as SdkStage,
  UpdateStageCommand,
} from '@aws-sdk/client-api-gateway';
import type {
  ApiDetail,
  ApiOverview,
  ApiSummary,
  CacheClusterSize,
  Deployment,
  EndpointType,
  Method,
  MethodSetting,
  Resource,
  Stage,
} from '@gateway-console/contract';
import { stageLimits } from '@gateway-console/contract';
import { deniedAction, namesDeniedActions } from './access-denied.ts';
import { CallBudget, type CallPriority } from './budget.ts';
import {
  type Definition,
  definitionFromResources,
  definitionFromSummary,
  withExport,
} from './definitions.ts';
import { logGroupOfArn } from './logs.ts';
import { type Aged, ReadCache } from './read-cache.ts';
import { awsRequestHandler } from './timeouts.ts';

const iso = (date: Date | undefined) => (date ?? new Date(0)).toISOString();

function toApiSummary(api: RestApi, stageCount?: number): ApiSummary {
  return {
    id: api.id ?? '',
    name: api.name ?? '',
    description: api.description ?? '',
    endpointType: (api.endpointConfiguration?.types?.[0] ?? 'EDGE') as EndpointType,
    createdDate: iso(api.createdDate),
    apiKeySource: api.apiKeySource,
    stageCount,
    tags: api.tags ?? {},
  };
}

function toMethodSetting(setting: SdkMethodSetting): MethodSetting {
  return {
    cachingEnabled: setting.cachingEnabled ?? false,
    cacheTtlInSeconds: setting.cacheTtlInSeconds ?? stageLimits.cacheTtlSeconds.default,
    cacheDataEncrypted: setting.cacheDataEncrypted ?? false,
    throttlingRateLimit: setting.throttlingRateLimit ?? stageLimits.throttlingRate.max,
    throttlingBurstLimit: setting.throttlingBurstLimit ?? stageLimits.throttlingBurst.max,
    metricsEnabled: setting.metricsEnabled ?? false,
    loggingLevel: setting.loggingLevel ?? 'OFF',
  };
}

/**
 * A version of the stage as the operator saw it: any change to its settings changes the tag. The cache
 * cluster's provisioning status is AWS's progress, not a setting: it moves on by itself after a change,
 * and must not turn the operator's view stale.
 */
export function stageETag(stage: Omit<Stage, 'etag'>): string {
  const { cacheClusterStatus: _progress, ...settings } = stage;
  return `"${createHash('sha256').update(JSON.stringify(settings)).digest('base64url').slice(0, 22)}"`;
}

function toDeployment(deployment: SdkDeployment): Deployment {
  return {
    id: deployment.id ?? '',
    description: deployment.description ?? '',
    createdDate: iso(deployment.createdDate),
  };
}

/** The read cache's key of one stage; every key of an API starts with `{apiId}/`. */
const stageKey = (apiId: string, stageName: string) => `${apiId}/stages/${stageName}`;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Whether a failed create may nevertheless have happened: no answer at all (timeout, dropped
 * connection) or a server-side failure. A 4xx answer means AWS did not create anything.
 */
function outcomeUnknown(err: unknown): boolean {
  const status = (err as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode;
  return status === undefined || status >= 500;
}

// How long to keep reading back after an ambiguous create before giving up: a slow create lands late.
/** How many deployments' definitions one process keeps (a few MB for large APIs). */
const MAX_DEFINITIONS = 2_000;

const RECONCILE_WAITS_MS = [250, 500, 1000, 2000];

export interface GatewayOptions extends APIGatewayClientConfig {
  /** The region as a plain string: invoke URLs are built from it. */
  region: string;
  /** How long a read's answer is shared with other `recent` reads (default 2 s). */
  readCacheMs?: number;
  /** Every API Gateway call of this process, retries included, waits for its turn in this budget. */
  budget?: CallBudget;
}

/** Every attempt of every command sent by `client` takes its turn in `budget` first. */
function spendFrom(
  client: APIGatewayClient,
  budget: CallBudget,
  priority: CallPriority = 'normal',
): APIGatewayClient {
  client.middlewareStack.add(
    (next, context) => async (args) => {
      await budget.take(context.commandName?.replace(/Command$/, '') ?? 'unknown', priority);
      return next(args);
    },
    // The deserialize step runs inside the SDK's retry loop: each retry of a throttled call queues again.
    { step: 'deserialize', name: 'awsCallBudget', priority: 'high' },
  );
  return client;
}

/** Every page of an SDK paginator's `items`. */
async function allItems<T>(pages: AsyncIterable<{ items?: T[] }>): Promise<T[]> {
  const items: T[] = [];
  for await (const page of pages) items.push(...(page.items ?? []));
  return items;
}

/**
 * `recent`: an answer at most the read cache's age old, for views (changes made through this process
 * show at once), or older with its age while the call budget is spent. `revalidate`: at most the read
 * cache's age old, never older (a person's "reload": however many ask, AWS is asked once per period).
 * `fresh`: asked of AWS now, for decisions such as If-Match checks.
 */
export type Freshness = 'recent' | 'revalidate' | 'fresh';

export interface CreateDeploymentInput {
  description?: string;
  stageName?: string;
  canary?: {
    percentTraffic: number;
    stageVariableOverrides?: Record<string, string>;
    useStageCache?: boolean;
  };
}

export interface CreateStageInput {
  name: string;
  deploymentId: string;
  description?: string;
  variables?: Record<string, string>;
  cacheClusterEnabled?: boolean;
  cacheClusterSize?: CacheClusterSize;
}

/** API Gateway, in the console's terms: a thin typed wrapper over the SDK client. */
export class Gateway {
  /** Reads and idempotent updates: the SDK's standard retry with backoff on throttling. */
  private readonly client: APIGatewayClient;
  /** CreateDeployment / CreateStage: one attempt, then reconcile by reading, so nothing is created twice. */
  private readonly singleAttemptClient: APIGatewayClient;
  private readonly region: string;
  private readonly endpoint: string | undefined;
  private readonly recent: ReadCache;
  /** Deployments never change: what each one runs is read once (`full` once a stage's export was read too). */
  private readonly definitions = new Map<string, { definition: Definition; full: boolean }>();
  /** Each API's name as the last full list gave it. */
  private apiNames = new Map<string, string>();

  /** Every API Gateway call of this process waits its turn here (its part of the account's budget). */
  readonly budget: CallBudget;
  /** The APIs list's per-row lookups: they let every other call of the budget go first. */
  private readonly lowPriorityClient: APIGatewayClient;

  constructor({ readCacheMs = 2_000, budget = new CallBudget(), ...config }: GatewayOptions) {
    this.budget = budget;
    // Every client spends from the one budget and names the IAM action AWS denied.
    const client = (priority?: CallPriority, attempts?: { maxAttempts: number }) =>
      namesDeniedActions(
        spendFrom(
          new APIGatewayClient({
            retryMode: 'standard',
            maxAttempts: 3,
            requestHandler: awsRequestHandler,
            ...config,
            ...attempts,
          }),
          budget,
          priority,
        ),
        'apigateway',
      );
    this.client = client();
    this.singleAttemptClient = client('normal', { maxAttempts: 1 });
    this.lowPriorityClient = client('low');
    this.region = config.region;
    this.endpoint = typeof config.endpoint === 'string' ? config.endpoint.replace(/\/$/, '') : undefined;
    this.recent = new ReadCache(readCacheMs);
  }

  private async read<T>(freshness: Freshness, key: string, load: () => Promise<T>): Promise<T> {
    return (await this.readAged(freshness, key, load)).value;
  }

  private readAged<T>(freshness: Freshness, key: string, load: () => Promise<T>): Promise<Aged<T>> {
    if (freshness === 'recent') return this.recent.readAged(key, load, () => this.budget.exhausted);
    if (freshness === 'revalidate') return this.recent.readAged(key, load);
    return load().then((value) => {
      this.recent.remember(key, value);
      return { value, ageSeconds: 0 };
    });
  }

  /** After a change to `apiId` through this process (or an attempt at one), its views are read again. */
  private changed(apiId: string): void {
    this.recent.forget(`${apiId}/`, 'apis');
  }

  /** Whether API Gateway answers with the configured credentials (the readiness check). */
  /** Whether API Gateway answers the console; when it refuses, the IAM action it refused. */
  async reachability(): Promise<{ reachable: boolean; missingPermission?: string }> {
    try {
      await this.client.send(new GetRestApisCommand({ limit: 1 }));
      return { reachable: true };
    } catch (err) {
      const missingPermission = deniedAction(err);
      return { reachable: false, ...(missingPermission ? { missingPermission } : {}) };
    }
  }

  /** Every REST API of the account (all pages of GetRestApis, nothing per API). */
  async listApis(freshness: Freshness = 'fresh'): Promise<ApiSummary[]> {
    return (await this.apisView(freshness)).value;
  }

  /** {@link listApis} with the answer's age. */
  apisView(freshness: Freshness): Promise<Aged<ApiSummary[]>> {
    return this.readAged(freshness, 'apis', async () => {
      const apis = (await allItems(paginateGetRestApis({ client: this.client, pageSize: 500 }, {}))).map(
        (api) => toApiSummary(api),
      );
      this.apiNames = new Map(apis.map((api) => [api.id, api.name]));
      return apis;
    });
  }

  /**
   * The name the last list gave this API (CloudWatch keys metrics by name), without asking AWS: the APIs
   * page lists the APIs before it asks for their rows' health. Undefined for an API not listed yet.
   */
  knownApiName(apiId: string): string | undefined {
    return this.apiNames.get(apiId);
  }

  /** One API by id, in one GetRestApi call; undefined when the account has none with that id. */
  findApi(apiId: string): Promise<ApiSummary | undefined> {
    return this.read('recent', `${apiId}/summary`, async () => {
      try {
        return toApiSummary(await this.client.send(new GetRestApiCommand({ restApiId: apiId })));
      } catch (err) {
        if ((err as Error).name === 'NotFoundException') return undefined;
        throw err;
      }
    });
  }

  /** What the APIs list shows of the rows on screen beyond GetRestApis: one (cached) GetStages each. */
  apiOverviews(apiIds: string[]): Promise<ApiOverview[]> {
    return Promise.all(
      apiIds.map(async (apiId) => {
        const stages = await this.readStages(apiId, 'recent', this.lowPriorityClient);
        return {
          apiId,
          stageCount: stages.length,
          canaries: stages.flatMap((s) =>
            s.canary ? [{ stage: s.name, percentTraffic: s.canary.percentTraffic }] : [],
          ),
        };
      }),
    );
  }

  /** One API with its resources and how each method is authorized and integrated. */
  async getApi(apiId: string, freshness: Freshness = 'fresh'): Promise<ApiDetail> {
    return (await this.apiView(apiId, freshness)).value;
  }

  /** {@link getApi} with the answer's age. */
  apiView(apiId: string, freshness: Freshness): Promise<Aged<ApiDetail>> {
    return this.readAged(freshness, `${apiId}/api`, () => this.readApi(apiId));
  }

  private async readApi(apiId: string): Promise<ApiDetail> {
    const [api, stages, resources, authorizers] = await Promise.all([
      this.client.send(new GetRestApiCommand({ restApiId: apiId })),
      this.client.send(new GetStagesCommand({ restApiId: apiId })),
      this.allResources(apiId),
      this.client.send(new GetAuthorizersCommand({ restApiId: apiId, limit: 500 })),
    ]);
    const authorizerNames = new Map((authorizers.items ?? []).map((a) => [a.id, a.name]));
    const toResource = (resource: SdkResource): Resource => ({
      id: resource.id ?? '',
      path: resource.path ?? '/',
      methods: Object.entries(resource.resourceMethods ?? {})
        .map(
          ([verb, method]): Method => ({
            httpMethod: method.httpMethod ?? verb,
            authorizationType: (method.authorizationType ?? 'NONE') as Method['authorizationType'],
            authorizerName: method.authorizerId ? authorizerNames.get(method.authorizerId) : undefined,
            apiKeyRequired: method.apiKeyRequired ?? false,
            integration: method.methodIntegration && {
              type: method.methodIntegration.type ?? 'MOCK',
              uri: method.methodIntegration.uri,
              httpMethod: method.methodIntegration.httpMethod,
              timeoutInMillis: method.methodIntegration.timeoutInMillis,
            },
          }),
        )
        .sort((a, b) => a.httpMethod.localeCompare(b.httpMethod)),
    });
    return {
      ...toApiSummary(api, stages.item?.length ?? 0),
      resources: resources.map(toResource).sort((a, b) => a.path.localeCompare(b.path)),
    };
  }

  private allResources(apiId: string): Promise<SdkResource[]> {
    return allItems(
      paginateGetResources({ client: this.client, pageSize: 500 }, { restApiId: apiId, embed: ['methods'] }),
    );
  }

  private toStage(apiId: string, stage: SdkStage): Stage {
    const name = stage.stageName ?? '';
    const invokeUrl = this.endpoint
      ? `${this.endpoint}/_aws/execute-api/${apiId}/${name}`
      : `https://${apiId}.execute-api.${this.region}.amazonaws.com/${name}`;
    const canary = stage.canarySettings;
    const state: Omit<Stage, 'etag'> = {
      apiId,
      name,
      description: stage.description ?? '',
      deploymentId: stage.deploymentId ?? '',
      createdDate: iso(stage.createdDate),
      lastUpdatedDate: iso(stage.lastUpdatedDate ?? stage.createdDate),
      variables: stage.variables ?? {},
      cacheClusterEnabled: stage.cacheClusterEnabled ?? false,
      cacheClusterSize: stage.cacheClusterSize as CacheClusterSize | undefined,
      cacheClusterStatus: stage.cacheClusterStatus,
      methodSettings: Object.fromEntries(
        Object.entries(stage.methodSettings ?? {}).map(([key, setting]) => [key, toMethodSetting(setting)]),
      ),
      canary: canary
        ? {
            deploymentId: canary.deploymentId ?? '',
            percentTraffic: canary.percentTraffic ?? 0,
            stageVariableOverrides: canary.stageVariableOverrides ?? {},
            useStageCache: canary.useStageCache ?? false,
          }
        : null,
      accessLog: stage.accessLogSettings?.destinationArn
        ? {
            destinationArn: stage.accessLogSettings.destinationArn,
            logGroupName: logGroupOfArn(stage.accessLogSettings.destinationArn),
            format: stage.accessLogSettings.format ?? '',
          }
        : null,
      invokeUrl,
    };
    return { ...state, etag: stageETag(state) };
  }

  listStages(apiId: string, freshness: Freshness = 'fresh'): Promise<Stage[]> {
    return this.readStages(apiId, freshness, this.client);
  }

  private readStages(apiId: string, freshness: Freshness, client: APIGatewayClient): Promise<Stage[]> {
    return this.read(freshness, `${apiId}/stages`, async () => {
      const stages = await client.send(new GetStagesCommand({ restApiId: apiId }));
      return (stages.item ?? []).map((stage) => this.toStage(apiId, stage));
    });
  }

  getStage(apiId: string, stageName: string, freshness: Freshness = 'fresh'): Promise<Stage> {
    return this.read(freshness, stageKey(apiId, stageName), async () =>
      this.toStage(apiId, await this.client.send(new GetStageCommand({ restApiId: apiId, stageName }))),
    );
  }

  /** Applies patch operations in one UpdateStage call (AWS applies them all or none). */
  async updateStage(apiId: string, stageName: string, patchOperations: PatchOperation[]): Promise<Stage> {
    let stage: Stage;
    try {
      stage = this.toStage(
        apiId,
        await this.client.send(new UpdateStageCommand({ restApiId: apiId, stageName, patchOperations })),
      );
    } finally {
      // Even a failed update may have changed the stage (the answer was lost).
      this.changed(apiId);
    }
    this.recent.remember(stageKey(apiId, stageName), stage);
    return stage;
  }

  async deleteStage(apiId: string, stageName: string): Promise<void> {
    try {
      await this.client.send(new DeleteStageCommand({ restApiId: apiId, stageName }));
    } finally {
      this.changed(apiId);
    }
  }

  async flushStageCache(apiId: string, stageName: string): Promise<void> {
    await this.client.send(new FlushStageCacheCommand({ restApiId: apiId, stageName }));
  }

  /** Creates a stage once; if the answer is lost, the stage is looked up instead of created again. */
  async createStage(apiId: string, input: CreateStageInput): Promise<Stage> {
    const command = new CreateStageCommand({
      restApiId: apiId,
      stageName: input.name,
      deploymentId: input.deploymentId,
      description: input.description,
      variables: input.variables,
      cacheClusterEnabled: input.cacheClusterEnabled,
      cacheClusterSize: input.cacheClusterSize,
    });
    const created = await this.createOnce(
      apiId,
      () => this.singleAttemptClient.send(command),
      async () => {
        const stage = await this.client.send(
          new GetStageCommand({ restApiId: apiId, stageName: input.name }),
        );
        return stage.deploymentId === input.deploymentId ? stage : undefined;
      },
    );
    return this.toStage(apiId, created);
  }

  /** Deployments, newest first. */
  listDeployments(apiId: string, freshness: Freshness = 'fresh'): Promise<Deployment[]> {
    // Creation times are whole seconds: within one second, AWS's own (creation) order decides.
    return this.read(freshness, `${apiId}/deployments`, async () =>
      (await this.allDeployments(apiId))
        .map((deployment, index) => ({ deployment: toDeployment(deployment), index }))
        .sort((a, b) => b.deployment.createdDate.localeCompare(a.deployment.createdDate) || b.index - a.index)
        .map(({ deployment }) => deployment),
    );
  }

  private allDeployments(apiId: string): Promise<SdkDeployment[]> {
    return allItems(paginateGetDeployments({ client: this.client, pageSize: 500 }, { restApiId: apiId }));
  }

  /**
   * What a deployment runs. `embed=apisummary` lists its methods with their authorization; AWS shows
   * integrations only in the export of a stage, so while a stage runs the deployment its export adds
   * them (checked to still be that deployment's once read).
   */
  async deploymentDefinition(apiId: string, deploymentId: string): Promise<Definition> {
    const key = `${apiId}/${deploymentId}`;
    const known = this.definitions.get(key);
    if (known?.full) return known.definition;
    const summary =
      known?.definition ??
      definitionFromSummary(
        (
          await this.client.send(
            new GetDeploymentCommand({ restApiId: apiId, deploymentId, embed: ['apisummary'] }),
          )
        ).apiSummary ?? {},
      );
    let read = { definition: summary, full: false };
    const runner = (await this.listStages(apiId, 'recent')).find((s) => s.deploymentId === deploymentId);
    if (runner) {
      const exported = await this.client.send(
        new GetExportCommand({
          restApiId: apiId,
          stageName: runner.name,
          exportType: 'oas30',
          parameters: { extensions: 'apigateway' },
          accepts: 'application/json',
        }),
      );
      const still = await this.getStage(apiId, runner.name);
      if (still.deploymentId === deploymentId && exported.body) {
        const document = JSON.parse(new TextDecoder().decode(exported.body)) as Record<string, unknown>;
        read = { definition: withExport(summary, document), full: true };
      }
    }
    if (this.definitions.size >= MAX_DEFINITIONS)
      this.definitions.delete(this.definitions.keys().next().value ?? '');
    this.definitions.set(key, read);
    return read.definition;
  }

  /** What the API's current (edited, maybe not deployed) definition runs. */
  currentDefinition(apiId: string, freshness: Freshness = 'recent'): Promise<Definition> {
    return this.read(freshness, `${apiId}/definition`, async () => {
      const [resources, authorizers] = await Promise.all([
        this.allResources(apiId),
        this.client.send(new GetAuthorizersCommand({ restApiId: apiId, limit: 500 })),
      ]);
      return definitionFromResources(
        resources,
        new Map((authorizers.items ?? []).map((a) => [a.id, a.name])),
      );
    });
  }

  async getDeployment(apiId: string, deploymentId: string): Promise<Deployment> {
    return toDeployment(await this.client.send(new GetDeploymentCommand({ restApiId: apiId, deploymentId })));
  }

  /**
   * Creates a deployment exactly once: one attempt, and if its outcome is unknown the deployments
   * are read back to find the one it made, never a second CreateDeployment.
   */
  async createDeployment(apiId: string, input: CreateDeploymentInput): Promise<Deployment> {
    const before = new Set((await this.allDeployments(apiId)).map((d) => d.id));
    const command = new CreateDeploymentCommand({
      restApiId: apiId,
      description: input.description,
      stageName: input.stageName,
      canarySettings: input.canary && {
        percentTraffic: input.canary.percentTraffic,
        stageVariableOverrides: input.canary.stageVariableOverrides,
        useStageCache: input.canary.useStageCache,
      },
    });
    const created = await this.createOnce(
      apiId,
      () => this.singleAttemptClient.send(command),
      async () => {
        const fresh = (await this.allDeployments(apiId)).filter(
          (d) => !before.has(d.id ?? '') && (d.description ?? '') === (input.description ?? ''),
        );
        // Two unknown deployments would mean someone else deployed too: then we cannot tell which is ours.
        return fresh.length === 1 ? fresh[0] : undefined;
      },
    );
    return toDeployment(created);
  }

  private async createOnce<T>(
    apiId: string,
    create: () => Promise<T>,
    findCreated: () => Promise<T | undefined>,
  ): Promise<T> {
    try {
      return await create();
    } catch (err) {
      if (!outcomeUnknown(err)) throw err;
      for (const wait of RECONCILE_WAITS_MS) {
        await sleep(wait);
        const found = await findCreated().catch(() => undefined);
        if (found) return found;
      }
      throw err;
    } finally {
      this.changed(apiId);
    }
  }
}
