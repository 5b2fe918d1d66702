import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { MethodSetting } from '@aws-sdk/client-api-gateway';
import {
  type ApiGatewayMetrics,
  metricsStageName,
  type RequestOutcome,
} from '../cloudwatch/apigateway-metrics.ts';
import type { EmulatorState, MethodRecord, RestApiRecord, StageRecord } from '../state.ts';
import type { AccessLogWriter, RequestContext } from './access-log.ts';
import { type CachedResponse, StageCaches } from './cache.ts';
import { GATEWAY_RESPONSES, type GatewayResponseType } from './gateway-responses.ts';
import { type IntegrationRequest, invokeIntegration } from './integrations.ts';
import type { Random } from './random.ts';
import { matchRoute, methodSettingsKey } from './routes.ts';
import { Throttler } from './throttle.ts';

/** LocalStack's invoke URL prefix: `/_aws/execute-api/{apiId}/{stage}/{path…}`. */
export const EXECUTE_API_PREFIX = '/_aws/execute-api/';

/**
 * The token the emulated Lambda/Cognito authorizers accept (as `Bearer <token>` or bare) unless the
 * emulator is started with another `authorizerToken`.
 */
export const DEFAULT_AUTHORIZER_TOKEN = 'allow';

/** API Gateway's default cache TTL when a method enables caching without one. */
const DEFAULT_CACHE_TTL_SECONDS = 300;

export interface DataPlaneOptions {
  random: Random;
  authorizerToken: string;
  /** Writes stages' access logs; without it, `accessLogSettings` are kept but nothing is written. */
  accessLogs?: AccessLogWriter;
}

const STAGE_SETTINGS_KEY = '*/*';

/** Serves invoke URLs from each stage's deployment snapshot, recording every request in CloudWatch. */
export class DataPlane {
  private readonly throttler = new Throttler();
  private readonly caches = new StageCaches();

  constructor(
    private readonly state: EmulatorState,
    private readonly metrics: ApiGatewayMetrics,
    private readonly options: DataPlaneOptions,
  ) {
    state.stageCacheFlushers.add((restApiId, stageName) => this.caches.flush(restApiId, stageName));
  }

  /** Handles a request whose path starts with {@link EXECUTE_API_PREFIX}. */
  async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const startedAt = performance.now();
    const startedAtMs = Date.now();
    const requestId = randomUUID();
    const rawUrl = req.url ?? '/';
    const queryAt = rawUrl.indexOf('?');
    const pathname = queryAt < 0 ? rawUrl : rawUrl.slice(0, queryAt);
    const query = queryAt < 0 ? '' : rawUrl.slice(queryAt + 1);
    const [apiId = '', stageName = '', ...rest] = pathname.slice(EXECUTE_API_PREFIX.length).split('/');
    const api = this.state.restApis.get(apiId);
    const stage = api?.stages.get(stageName);
    if (!api || !stage) {
      // No stage, no metrics: AWS reports per API and stage, and there is neither.
      req.resume();
      writeGatewayError(res, 'MISSING_AUTHENTICATION_TOKEN', requestId);
      return;
    }

    const canary = this.drawCanary(stage);
    const requestPath = `/${rest.join('/')}`;
    // The request's `$context`: mapping templates read it, and the access-log line completes it.
    const context: RequestContext = {
      apiId: api.id,
      accountId: this.state.accountId,
      domainName: req.headers.host ?? '',
      stage,
      deploymentId: canary ? (stage.canarySettings?.deploymentId ?? stage.deploymentId) : stage.deploymentId,
      requestId,
      extendedRequestId: apigwIdOf(requestId),
      httpMethod: req.method ?? 'GET',
      path: requestPath,
      startedAtMs,
      canary,
      sourceIp: req.socket.remoteAddress ?? '-',
      userAgent: req.headers['user-agent'],
      protocol: `HTTP/${req.httpVersion}`,
    };
    const outcome = await this.serve(req, res, {
      api,
      stage,
      canary,
      requestPath,
      query,
      requestId,
      context,
    });
    outcome.latencyMs = performance.now() - startedAt;
    this.metrics.record(api.name, metricsStageName(stage.stageName, canary), outcome);
    if (stage.accessLogSettings && this.options.accessLogs) {
      this.options.accessLogs.write({
        ...context,
        resourcePath: outcome.resourcePath,
        status: outcome.status,
        responseLatencyMs: outcome.latencyMs,
        integrationLatencyMs: outcome.integrationLatencyMs,
        integrationStatus: outcome.integrationStatus,
        errorType: outcome.errorType,
        errorMessage: outcome.errorType && GATEWAY_RESPONSES[outcome.errorType].message,
      });
    }
  }

  /** True when this request goes to the canary: a draw below `percentTraffic` %. */
  private drawCanary(stage: StageRecord): boolean {
    const canary = stage.canarySettings;
    if (!canary?.deploymentId || !canary.percentTraffic) return false;
    return this.options.random() * 100 < canary.percentTraffic;
  }

  private async serve(
    req: IncomingMessage,
    res: ServerResponse,
    ctx: {
      api: RestApiRecord;
      stage: StageRecord;
      canary: boolean;
      requestPath: string;
      query: string;
      requestId: string;
      context: RequestContext;
    },
  ): Promise<RequestOutcome> {
    const { api, stage, canary, requestId } = ctx;
    const httpMethod = req.method ?? 'GET';
    const deploymentId = canary ? stage.canarySettings!.deploymentId! : stage.deploymentId;
    const deployment = api.deployments.get(deploymentId);
    const route = deployment && matchRoute(deployment, ctx.requestPath, httpMethod);
    const method = route?.method;
    if (!route || !method) {
      req.resume();
      return writeGatewayError(res, 'MISSING_AUTHENTICATION_TOKEN', requestId);
    }

    const resourcePath = route.resource.path;
    const settingsKey = methodSettingsKey(route.resource.path, method.httpMethod);
    const methodSettings = stage.methodSettings[settingsKey];
    const stageSettings = stage.methodSettings[STAGE_SETTINGS_KEY];
    const throttleSettings =
      methodSettings?.throttlingRateLimit !== undefined ? methodSettings : stageSettings;
    const throttled = !this.throttler.admit(
      `${api.id}\u0000${stage.stageName}\u0000${throttleSettings === methodSettings ? settingsKey : STAGE_SETTINGS_KEY}`,
      throttleSettings?.throttlingRateLimit !== undefined
        ? {
            rateLimit: throttleSettings.throttlingRateLimit,
            burstLimit: throttleSettings.throttlingBurstLimit ?? 0,
          }
        : undefined,
    );
    if (throttled) {
      req.resume();
      return { ...writeGatewayError(res, 'THROTTLED', requestId), resourcePath };
    }

    const denied = this.authorize(api, method, req);
    if (denied) {
      req.resume();
      return { ...writeGatewayError(res, denied, requestId), resourcePath };
    }

    const variables = canary
      ? { ...stage.variables, ...(stage.canarySettings!.stageVariableOverrides ?? {}) }
      : stage.variables;
    const caching = this.cachingFor(stage, canary, method, methodSettings, stageSettings);
    const cacheKey =
      caching && cacheKeyOf(httpMethod, route.resource.path, method, route.pathParameters, ctx.query, req);
    if (caching && cacheKey) {
      const hit = this.caches.get(api.id, stage.stageName, cacheKey);
      if (hit) {
        req.resume();
        writeResponse(res, hit, requestId);
        return { status: hit.status, latencyMs: 0, cacheHit: true, resourcePath };
      }
    }

    const integration = method.integration;
    if (!integration) {
      req.resume();
      return { ...writeGatewayError(res, 'INTERNAL_ERROR', requestId), resourcePath };
    }
    const request: IntegrationRequest = {
      httpMethod,
      query: ctx.query,
      headers: req.headers,
      body: await readBody(req),
      pathParameters: route.pathParameters,
      stageVariables: variables,
      context: { ...ctx.context, resourcePath, resourceId: route.resource.id },
    };
    const integrationStartedAt = performance.now();
    const result = await invokeIntegration(integration, request);
    const integrationLatencyMs = performance.now() - integrationStartedAt;
    const cacheHit = caching && cacheKey ? false : undefined;
    if ('gatewayError' in result) {
      const outcome = writeGatewayError(res, result.gatewayError, requestId);
      return { ...outcome, integrationLatencyMs, cacheHit, resourcePath };
    }
    if (caching && cacheKey && result.status >= 200 && result.status < 300) {
      this.caches.set(api.id, stage.stageName, cacheKey, result, caching.ttlSeconds);
    }
    writeResponse(res, result, requestId);
    return {
      status: result.status,
      latencyMs: 0,
      integrationLatencyMs,
      cacheHit,
      resourcePath,
      integrationStatus: result.status,
    };
  }

  /** The gateway error the method's auth rejects the request with, if any. */
  private authorize(
    api: RestApiRecord,
    method: MethodRecord,
    req: IncomingMessage,
  ): GatewayResponseType | undefined {
    const authorization = method.authorizationType;
    if (authorization === 'CUSTOM' || authorization === 'COGNITO_USER_POOLS') {
      const authorizer = method.authorizerId ? api.authorizers.get(method.authorizerId) : undefined;
      const header =
        /^method\.request\.header\.(.+)$/.exec(authorizer?.identitySource ?? '')?.[1]?.toLowerCase() ??
        'authorization';
      const token = req.headers[header];
      const accepted = this.options.authorizerToken;
      if (token !== accepted && token !== `Bearer ${accepted}`) return 'UNAUTHORIZED';
    } else if (authorization === 'AWS_IAM' && !req.headers.authorization) {
      // SigV4 is not verified, but an unsigned request is refused the way AWS refuses it.
      return 'MISSING_AUTHENTICATION_TOKEN';
    }
    if (method.apiKeyRequired) {
      const presented = req.headers['x-api-key'];
      if (typeof presented !== 'string' || !this.state.findEnabledApiKey(presented)) return 'INVALID_API_KEY';
    }
    return undefined;
  }

  /** Caching applies when the stage has a cache, the canary may use it, and the method enables it. */
  private cachingFor(
    stage: StageRecord,
    canary: boolean,
    method: MethodRecord,
    methodSettings: MethodSetting | undefined,
    stageSettings: MethodSetting | undefined,
  ): { ttlSeconds: number } | undefined {
    if (!stage.cacheClusterEnabled) return undefined;
    if (canary && !stage.canarySettings?.useStageCache) return undefined;
    // The stage-wide setting covers GET methods only; other verbs need their own method setting.
    const settings =
      methodSettings?.cachingEnabled !== undefined
        ? methodSettings
        : method.httpMethod === 'GET'
          ? stageSettings
          : undefined;
    if (!settings?.cachingEnabled) return undefined;
    const ttlSeconds = settings.cacheTtlInSeconds ?? DEFAULT_CACHE_TTL_SECONDS;
    return ttlSeconds > 0 ? { ttlSeconds } : undefined;
  }
}

/**
 * The stage cache key: verb, resource path and the integration's cache key parameters (path, query
 * string or header). As in AWS, path parameters are not part of the key unless listed.
 */
function cacheKeyOf(
  httpMethod: string,
  resourcePath: string,
  method: MethodRecord,
  pathParameters: Record<string, string>,
  query: string,
  req: IncomingMessage,
): string {
  let key = `${httpMethod} ${resourcePath}`;
  const parameters = method.integration?.cacheKeyParameters ?? [];
  if (parameters.length === 0) return key;
  const search = new URLSearchParams(query);
  for (const parameter of parameters) {
    const [, location, name = ''] =
      /^method\.request\.(path|querystring|multivaluequerystring|header)\.(.+)$/.exec(parameter) ?? [];
    let value: string | undefined;
    if (location === 'path') value = pathParameters[name];
    else if (location === 'querystring') value = search.get(name) ?? undefined;
    else if (location === 'multivaluequerystring') value = search.getAll(name).join(',');
    else if (location === 'header') value = req.headers[name.toLowerCase()]?.toString();
    key += `\u0000${parameter}=${value ?? ''}`;
  }
  return key;
}

async function readBody(req: IncomingMessage): Promise<Buffer | undefined> {
  if (req.headers['content-length'] === undefined && req.headers['transfer-encoding'] === undefined) {
    req.resume();
    return undefined;
  }
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

/** `x-amz-apigw-id`: AWS's extended request id, 15 base64 characters and `=`. */
function apigwIdOf(requestId: string): string {
  return Buffer.from(requestId.replaceAll('-', '').slice(0, 22), 'hex').toString('base64');
}

function writeResponse(res: ServerResponse, response: CachedResponse, requestId: string): void {
  res.writeHead(response.status, {
    ...response.headers,
    'content-length': String(response.body.length),
    'x-amzn-RequestId': requestId,
    'x-amz-apigw-id': apigwIdOf(requestId),
  });
  res.end(response.body);
}

function writeGatewayError(
  res: ServerResponse,
  type: GatewayResponseType,
  requestId: string,
): RequestOutcome {
  const { status, errorType, message } = GATEWAY_RESPONSES[type];
  const body = Buffer.from(JSON.stringify({ message }));
  res.writeHead(status, {
    'content-type': 'application/json',
    'content-length': String(body.length),
    'x-amzn-RequestId': requestId,
    'x-amz-apigw-id': apigwIdOf(requestId),
    'x-amzn-ErrorType': errorType,
  });
  res.end(body);
  return { status, latencyMs: 0, errorType: type };
}
