import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { getRequestListener } from '@hono/node-server';
import { apiGatewayApp } from './apigateway/app.ts';
import { FaultInjector } from './apigateway/faults.ts';
import { ApiGatewayMetrics } from './cloudwatch/apigateway-metrics.ts';
import { handleCloudWatch, isCloudWatchRequest } from './cloudwatch/http.ts';
import { cloudWatchService } from './cloudwatch/service.ts';
import { DEFAULT_METRIC_RETENTION_MS, MetricStore } from './cloudwatch/store.ts';
import { AccessLogWriter } from './dataplane/access-log.ts';
import { DataPlane, DEFAULT_AUTHORIZER_TOKEN, EXECUTE_API_PREFIX } from './dataplane/dataplane.ts';
import { seededRandom } from './dataplane/random.ts';
import { handleLogs, isLogsRequest } from './logs/http.ts';
import { logsService } from './logs/service.ts';
import { LogStore } from './logs/store.ts';
import { ControlPlaneQuotas, handleQuotas, QUOTAS_PATH, type QuotaMode } from './quotas.ts';
import { seedLarge } from './seed/large.ts';
import { DEMO_UPSTREAM_PREFIX, DemoUpstream } from './seed/upstream.ts';
import { startDemoWorld } from './seed/world.ts';
import { EmulatorState, loadStateFile, saveStateFile } from './state.ts';
import { handleSts, isStsRequest } from './sts/http.ts';

export interface EmulatorOptions {
  /** 0 picks a free port (tests, benchmarks). Default 4566. */
  port?: number;
  host?: string;
  region?: string;
  /**
   * `demo` seeds the demo world (APIs, backfilled metrics, traffic); `large` an account at AWS's default
   * quotas (600 APIs, thousands of stages); default `none`.
   */
  seed?: 'none' | 'demo' | 'large';
  /** `aws`: the control plane enforces AWS's request quotas (10/s, burst 40, per-operation limits); default `off`. */
  quotas?: QuotaMode;
  /** With `seed: 'demo'`, run the demo traffic generator (default true). */
  demoTraffic?: boolean;
  /**
   * With the demo traffic, also the rollout load on PetStore prod and Inventory prod (~60 req/s and its
   * backfilled hour; default true). Tests that need live traffic but not a rollout's turn it off.
   */
  demoLoad?: boolean;
  /** Seeds every random draw (canary split, demo upstream, demo traffic) so runs repeat. */
  randomSeed?: number;
  /** Token the emulated Lambda/Cognito authorizers accept; default {@link DEFAULT_AUTHORIZER_TOKEN}. */
  authorizerToken?: string;
  /** How long one-minute metric aggregates are kept; default one day. */
  metricRetentionMs?: number;
  /** How many events one CloudWatch Logs group keeps before dropping its oldest; default one million. */
  maxLogEventsPerGroup?: number;
  /**
   * Loads the control plane's state (APIs, stages, deployments, keys) from this JSON file when it
   * exists, instead of seeding, and saves it there on close.
   */
  stateFile?: string;
}

export interface RunningEmulator {
  /** Base URL to use as the SDK's endpoint, e.g. http://127.0.0.1:4566. */
  url: string;
  state: EmulatorState;
  /** The control plane's quotas and its per-second call counts. */
  quotas: ControlPlaneQuotas;
  /** CloudWatch Logs' groups and events (access logs land here). */
  logs: LogStore;
  /** Invoke URL of a stage: `{url}/_aws/execute-api/{apiId}/{stage}`. */
  invokeUrl(restApiId: string, stageName: string): string;
  /** Stops traffic, timers and connections. */
  close(): Promise<void>;
}

/**
 * Starts the emulator: one HTTP server for API Gateway's control plane (restJson1, Hono), its data
 * plane (invoke URLs, raw node http for speed), CloudWatch (JSON 1.0), CloudWatch Logs, STS's
 * GetCallerIdentity and the demo upstream.
 */
export async function startEmulator(options: EmulatorOptions = {}): Promise<RunningEmulator> {
  const state = new EmulatorState(options.region ?? 'us-east-1');
  // Separate streams, so demo traffic never shifts the canary draws a seeded test replays.
  const stream = (n: number) =>
    seededRandom(options.randomSeed === undefined ? undefined : options.randomSeed + n);
  const random = stream(0);
  const store = new MetricStore(options.metricRetentionMs ?? DEFAULT_METRIC_RETENTION_MS);
  const metrics = new ApiGatewayMetrics(store);
  const logs = new LogStore({ maxEventsPerGroup: options.maxLogEventsPerGroup });
  const dataPlane = new DataPlane(state, metrics, {
    random,
    authorizerToken: options.authorizerToken ?? DEFAULT_AUTHORIZER_TOKEN,
    accessLogs: new AccessLogWriter(logs),
  });
  const cloudWatch = cloudWatchService(store);
  const cloudWatchLogs = logsService(logs, state.region, state.accountId);
  const upstream = new DemoUpstream(stream(1));
  const quotas = new ControlPlaneQuotas(options.quotas ?? 'off');
  const controlPlane = getRequestListener(apiGatewayApp(state, new FaultInjector(quotas.admit)).fetch);

  const server: Server = createServer((req, res) => {
    const url = req.url ?? '/';
    if (url.startsWith(EXECUTE_API_PREFIX)) {
      dataPlane.handle(req, res).catch((err) => failed(res, err));
    } else if (url.startsWith(DEMO_UPSTREAM_PREFIX)) {
      upstream.handle(req, res);
    } else if (url === QUOTAS_PATH || url.startsWith(`${QUOTAS_PATH}?`)) {
      handleQuotas(quotas, req, res);
    } else if (isStsRequest(req)) {
      handleSts(state.accountId, req, res).catch((err) => failed(res, err));
    } else if (isCloudWatchRequest(req)) {
      handleCloudWatch(cloudWatch, req, res).catch((err) => failed(res, err));
    } else if (isLogsRequest(req)) {
      handleLogs(cloudWatchLogs, req, res).catch((err) => failed(res, err));
    } else {
      controlPlane(req, res);
    }
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 4566, options.host ?? '127.0.0.1', resolve);
  });
  const { port } = server.address() as AddressInfo;
  const url = `http://${options.host ?? '127.0.0.1'}:${port}`;
  const invokeUrl = (restApiId: string, stageName: string) =>
    `${url}${EXECUTE_API_PREFIX}${restApiId}/${stageName}`;

  const restored = options.stateFile ? loadStateFile(state, options.stateFile) : false;
  const demo =
    (options.seed === 'demo' || options.seed === 'large') && !restored
      ? startDemoWorld({
          state,
          metrics,
          logs,
          random: stream(2),
          url,
          invokeUrl,
          authorizerToken: options.authorizerToken ?? DEFAULT_AUTHORIZER_TOKEN,
          traffic: options.demoTraffic ?? true,
          load: options.demoLoad ?? true,
        })
      : undefined;
  if (options.seed === 'large' && !restored) seedLarge(state, stream(3));

  return {
    url,
    state,
    quotas,
    logs,
    invokeUrl,
    close: async () => {
      await demo?.stop();
      if (options.stateFile) saveStateFile(state, options.stateFile);
      upstream.close();
      await new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      });
    },
  };
}

function failed(res: import('node:http').ServerResponse, err: unknown): void {
  console.error('[emulator] request failed', err);
  if (!res.headersSent) res.writeHead(500, { 'content-type': 'application/json' });
  res.end(JSON.stringify({ message: 'Internal server error' }));
}
