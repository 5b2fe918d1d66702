import { randomUUID } from 'node:crypto';
import type { ApiGatewayMetrics, RequestOutcome } from '../cloudwatch/apigateway-metrics.ts';
import { metricsStageName } from '../cloudwatch/apigateway-metrics.ts';
import { MINUTE_MS } from '../cloudwatch/store.ts';
import type { AccessLogWriter } from '../dataplane/access-log.ts';
import { GATEWAY_RESPONSES, type GatewayResponseType } from '../dataplane/gateway-responses.ts';
import type { Random } from '../dataplane/random.ts';
import { matchRoute } from '../dataplane/routes.ts';
import type { RestApiRecord } from '../state.ts';
import type { DemoApis } from './demo.ts';
import { sampleUpstream, UPSTREAM_VERSIONS } from './upstream.ts';

/** One kind of request the demo clients make, and how often. */
export interface DemoCall {
  api: RestApiRecord;
  stageName: string;
  method: string;
  path: (random: Random) => string;
  headers: Record<string, string>;
  body?: string;
  perMinute: number;
  /** A call made wrongly on purpose (no key, no token, no such route): the gateway's status. */
  gatewayStatus?: number;
  /** The same rate day and night (the rollout load), instead of the daily shape. */
  flat?: boolean;
  /** Backfilled for only this many minutes before now (the rollout load's hour); default all of them. */
  backfillMinutes?: number;
}

/**
 * The load on the two stages with a canary (PetStore prod failing, Inventory prod healthy), requests a
 * minute: at a 10 % step a canary gets the judge's minimum sample (700) in about four minutes, inside the
 * 5-minute bake of CodeDeploy's Canary10Percent5Minutes.
 */
export const DEMO_LOAD_PER_MINUTE = 1800;
/** The load's past that is backfilled: the dashboards' default hour. */
const DEMO_LOAD_BACKFILL_MINUTES = 60;

/** Throttling bursts: this many concurrent calls to Payments prod, every few minutes. */
export const DEMO_BURST_SIZE = 35;
const BURST_EVERY_MINUTES = { min: 2, max: 5 };
/** Share of cacheable backfilled requests counted as hits (live traffic uses the real cache). */
const BACKFILL_CACHE_HIT_RATE = 0.6;

const pick = <T>(random: Random, items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
const petId = (random: Random) => `/pets/${1 + Math.floor(random() * 40)}`;

/** The demo's clients: a few requests per second over all APIs, with some mistakes. */
export function demoCalls(apis: DemoApis, authorizerToken: string): DemoCall[] {
  const { petstore, payments, inventory, partnerKey } = apis;
  const key = { 'x-api-key': partnerKey.value };
  const token = { authorization: `Bearer ${authorizerToken}` };
  const json = { 'content-type': 'application/json' };
  const calls: DemoCall[] = [];
  const scale = { prod: 1, staging: 0.25, dev: 0.12 } as const;
  for (const [stageName, share] of Object.entries(scale)) {
    const add = (call: Omit<DemoCall, 'stageName' | 'perMinute'> & { perMinute: number }) =>
      calls.push({ ...call, stageName, perMinute: call.perMinute * share });
    add({ api: petstore, method: 'GET', path: () => '/pets', headers: {}, perMinute: 14 });
    add({ api: petstore, method: 'GET', path: petId, headers: {}, perMinute: 30 });
    add({ api: petstore, method: 'GET', path: () => '/health', headers: {}, perMinute: 6 });
    add({
      api: petstore,
      method: 'GET',
      path: () => '/pet',
      headers: {},
      perMinute: 0.6,
      gatewayStatus: 403,
    });
    add({
      api: payments,
      method: 'POST',
      path: () => '/payments',
      headers: { ...key, ...json },
      body: '{"amount": 1999, "currency": "EUR"}',
      perMinute: 10,
    });
    add({
      api: payments,
      method: 'GET',
      path: (r) => `/payments/pay-${100 + Math.floor(r() * 12)}`,
      headers: key,
      perMinute: 20,
    });
    add({
      api: payments,
      method: 'GET',
      path: () => '/payments/pay-100',
      headers: {},
      perMinute: 0.8,
      gatewayStatus: 403,
    });
    add({ api: inventory, method: 'GET', path: () => '/items', headers: token, perMinute: 10 });
    add({
      api: inventory,
      method: 'GET',
      path: (r) => `/items/${pick(r, ['sku-1', 'sku-2', 'sku-3', 'sku-42'])}`,
      headers: token,
      perMinute: 8,
    });
    add({
      api: inventory,
      method: 'PUT',
      path: (r) => `/items/sku-${1 + Math.floor(r() * 3)}`,
      headers: { ...token, ...json },
      body: '{"quantity": 12}',
      perMinute: 2,
    });
    add({
      api: inventory,
      method: 'GET',
      path: () => '/items',
      headers: {},
      perMinute: 0.8,
      gatewayStatus: 401,
    });
  }
  return calls;
}

/** The rollout load: busy reads on PetStore prod and Inventory prod, the two stages with a canary. */
export function demoLoadCalls(apis: DemoApis, authorizerToken: string): DemoCall[] {
  const token = { authorization: `Bearer ${authorizerToken}` };
  const sku = (r: Random) => `/items/${pick(r, ['sku-1', 'sku-2', 'sku-3'])}`;
  const load = (
    api: RestApiRecord,
    path: DemoCall['path'],
    headers: Record<string, string>,
    share: number,
  ) => ({
    api,
    stageName: 'prod',
    method: 'GET',
    path,
    headers,
    perMinute: DEMO_LOAD_PER_MINUTE * share,
    flat: true,
    backfillMinutes: DEMO_LOAD_BACKFILL_MINUTES,
  });
  return [
    load(apis.petstore, petId, {}, 0.8),
    load(apis.petstore, () => '/pets', {}, 0.2),
    load(apis.inventory, sku, token, 0.8),
    load(apis.inventory, () => '/items', token, 0.2),
  ];
}

/** The burst that trips Payments prod's throttle (rate 10, burst 20). */
export function burstCall(apis: DemoApis): DemoCall {
  return {
    api: apis.payments,
    stageName: 'prod',
    method: 'GET',
    path: (r) => `/payments/pay-${100 + Math.floor(r() * 12)}`,
    headers: { 'x-api-key': apis.partnerKey.value },
    perMinute: 0,
  };
}

/**
 * A Poisson draw: how many calls of a kind happen in one tick. Knuth's method for small means; above 30
 * the normal approximation (Knuth's e^-mean underflows past about 700, and it costs a draw per call).
 */
export function poisson(mean: number, random: Random): number {
  if (mean > 30) {
    // Box-Muller: one standard normal from two uniform draws.
    const normal = Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
    return Math.max(0, Math.round(mean + Math.sqrt(mean) * normal));
  }
  const limit = Math.exp(-mean);
  let k = 0;
  let p = random();
  while (p > limit) {
    k++;
    p *= random();
  }
  return k;
}

/** Busier by day than by night, so six hours of backfill have a shape. */
const dailyShape = (timestampMs: number) =>
  0.8 + 0.3 * Math.sin((2 * Math.PI * (timestampMs % 86_400_000)) / 86_400_000);

/**
 * What one demo call would have produced, from the same model the live traffic runs through: the
 * stage's canary split and variables, its routes and cache, the demo backend's version behaviour.
 */
function simulate(call: DemoCall, random: Random): SimulatedRequest {
  const stage = call.api.stages.get(call.stageName)!;
  const canarySettings = stage.canarySettings;
  const canary = !!canarySettings?.deploymentId && random() * 100 < (canarySettings.percentTraffic ?? 0);
  const stageDimension = metricsStageName(stage.stageName, canary);
  const overheadMs = 1 + random() * 5;
  const path = call.path(random);
  const deployment = call.api.deployments.get(canary ? canarySettings!.deploymentId! : stage.deploymentId)!;
  const route = matchRoute(deployment, path, call.method);
  const at = { canary, path, stageDimension };
  if (call.gatewayStatus)
    return {
      ...at,
      outcome: {
        status: call.gatewayStatus,
        latencyMs: overheadMs,
        errorType: GATEWAY_ERRORS[call.gatewayStatus],
        resourcePath: route?.resource.path,
      },
    };
  const resourcePath = route?.resource.path;
  const integration = route?.method?.integration;
  const cacheable =
    stage.cacheClusterEnabled && call.method === 'GET' && (!canary || canarySettings?.useStageCache);
  if (cacheable && random() < BACKFILL_CACHE_HIT_RATE) {
    return { ...at, outcome: { status: 200, latencyMs: overheadMs, cacheHit: true, resourcePath } };
  }
  const cacheHit = cacheable ? false : undefined;
  if (!integration || integration.type === 'MOCK') {
    return {
      ...at,
      outcome: {
        status: 200,
        latencyMs: overheadMs,
        integrationLatencyMs: 0.5,
        cacheHit,
        resourcePath,
        integrationStatus: 200,
      },
    };
  }
  const variables = canary
    ? { ...stage.variables, ...canarySettings?.stageVariableOverrides }
    : stage.variables;
  const behaviour = UPSTREAM_VERSIONS[variables.version ?? 'v1'] ?? UPSTREAM_VERSIONS.v1!;
  const upstream = sampleUpstream(behaviour, random);
  return {
    ...at,
    outcome: {
      status: upstream.status,
      latencyMs: upstream.latencyMs + overheadMs,
      integrationLatencyMs: upstream.latencyMs,
      cacheHit,
      resourcePath,
      integrationStatus: upstream.status,
    },
  };
}

interface SimulatedRequest {
  stageDimension: string;
  canary: boolean;
  path: string;
  outcome: RequestOutcome;
}

/** The gateway response behind each status the demo's deliberate mistakes get. */
const GATEWAY_ERRORS: Record<number, GatewayResponseType> = {
  401: 'UNAUTHORIZED',
  403: 'MISSING_AUTHENTICATION_TOKEN',
};

/** Writes a simulated request's access-log line, as the data plane would have at the time. */
function logSimulated(
  accessLogs: AccessLogWriter | undefined,
  call: DemoCall,
  request: SimulatedRequest,
  timestampMs: number,
  random: Random,
): void {
  const stage = call.api.stages.get(call.stageName)!;
  if (!accessLogs || !stage.accessLogSettings) return;
  const requestId = randomUUID();
  const { outcome } = request;
  // A request without its key is refused with Forbidden; one to no route with Missing Authentication Token.
  const errorType =
    outcome.errorType === 'MISSING_AUTHENTICATION_TOKEN' && outcome.resourcePath
      ? 'INVALID_API_KEY'
      : outcome.errorType;
  accessLogs.write({
    apiId: call.api.id,
    accountId: '000000000000',
    domainName: '127.0.0.1',
    stage,
    deploymentId: request.canary
      ? (stage.canarySettings?.deploymentId ?? stage.deploymentId)
      : stage.deploymentId,
    requestId,
    extendedRequestId: requestId.slice(0, 15),
    httpMethod: call.method,
    path: request.path,
    resourcePath: outcome.resourcePath,
    status: outcome.status,
    startedAtMs: timestampMs,
    responseLatencyMs: outcome.latencyMs,
    integrationLatencyMs: outcome.integrationLatencyMs,
    integrationStatus: outcome.integrationStatus,
    errorType,
    errorMessage: errorType && GATEWAY_RESPONSES[errorType].message,
    canary: request.canary,
    sourceIp: `198.51.100.${1 + Math.floor(random() * 200)}`,
    protocol: 'HTTP/1.1',
  });
}

/** Records `minutes` of past demo traffic (ending at the current minute) into CloudWatch. */
export function backfillDemoMetrics(
  calls: DemoCall[],
  burst: DemoCall,
  metrics: ApiGatewayMetrics,
  random: Random,
  minutes: number,
  nowMs = Date.now(),
  accessLogs?: AccessLogWriter,
): number {
  const currentMinute = Math.floor(nowMs / MINUTE_MS) * MINUTE_MS;
  let recorded = 0;
  let nextBurst = currentMinute - minutes * MINUTE_MS;
  for (let minuteMs = currentMinute - minutes * MINUTE_MS; minuteMs < currentMinute; minuteMs += MINUTE_MS) {
    const shape = dailyShape(minuteMs);
    for (const call of calls) {
      if (call.backfillMinutes !== undefined && minuteMs < currentMinute - call.backfillMinutes * MINUTE_MS)
        continue;
      const n = poisson(call.perMinute * (call.flat ? 1 : shape), random);
      for (let i = 0; i < n; i++) {
        const request = simulate(call, random);
        const at = minuteMs + random() * MINUTE_MS;
        metrics.record(call.api.name, request.stageDimension, request.outcome, at);
        logSimulated(accessLogs, call, request, at, random);
        recorded++;
      }
    }
    if (minuteMs >= nextBurst) {
      // A burst: the bucket's 20 tokens pass, the rest are throttled.
      for (let i = 0; i < DEMO_BURST_SIZE; i++) {
        const request = simulate(burst, random);
        if (i >= 20) {
          request.outcome = {
            status: 429,
            latencyMs: 1 + random() * 2,
            errorType: 'THROTTLED',
            resourcePath: request.outcome.resourcePath,
          };
        }
        const at = minuteMs + 30_000 + random() * 1000;
        metrics.record(burst.api.name, request.stageDimension, request.outcome, at);
        logSimulated(accessLogs, burst, request, at, random);
        recorded++;
      }
      const gap = BURST_EVERY_MINUTES.min + random() * (BURST_EVERY_MINUTES.max - BURST_EVERY_MINUTES.min);
      nextBurst = minuteMs + Math.round(gap) * MINUTE_MS;
    }
  }
  return recorded;
}

/** Sends the demo calls through the real data plane, with a throttling burst every few minutes. */
export class DemoTraffic {
  private readonly timers = new Set<NodeJS.Timeout>();
  private readonly inFlight = new Set<AbortController>();
  private stopped = false;

  constructor(
    private readonly calls: DemoCall[],
    private readonly burst: DemoCall,
    private readonly invokeUrl: (restApiId: string, stageName: string) => string,
    private readonly random: Random,
  ) {}

  start(): void {
    // Five ticks a second, so the load arrives spread out rather than in one burst a second.
    const tick = setInterval(() => {
      const shape = dailyShape(Date.now());
      for (const call of this.calls) {
        const n = poisson((call.perMinute * (call.flat ? 1 : shape)) / 300, this.random);
        for (let i = 0; i < n; i++) this.send(call);
      }
    }, 200);
    this.timers.add(tick);
    this.scheduleBurst();
  }

  private scheduleBurst(): void {
    const minutes =
      BURST_EVERY_MINUTES.min + this.random() * (BURST_EVERY_MINUTES.max - BURST_EVERY_MINUTES.min);
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      for (let i = 0; i < DEMO_BURST_SIZE; i++) this.send(this.burst);
      this.scheduleBurst();
    }, minutes * MINUTE_MS);
    this.timers.add(timer);
  }

  private send(call: DemoCall): void {
    if (this.stopped) return;
    const abort = new AbortController();
    this.inFlight.add(abort);
    fetch(`${this.invokeUrl(call.api.id, call.stageName)}${call.path(this.random)}`, {
      method: call.method,
      headers: call.headers,
      body: call.body,
      signal: abort.signal,
    })
      .then((response) => response.arrayBuffer())
      // A demo client does not care how its call ended; the gateway's metrics record it.
      .catch(() => undefined)
      .finally(() => this.inFlight.delete(abort));
  }

  stop(): void {
    this.stopped = true;
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
    for (const abort of this.inFlight) abort.abort();
    this.inFlight.clear();
  }
}
