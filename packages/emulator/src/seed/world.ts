import type { ApiGatewayMetrics } from '../cloudwatch/apigateway-metrics.ts';
import { AccessLogWriter } from '../dataplane/access-log.ts';
import type { Random } from '../dataplane/random.ts';
import type { LogStore } from '../logs/store.ts';
import type { EmulatorState, RestApiRecord } from '../state.ts';
import { DEMO_TAG, seedDemo } from './demo.ts';
import { backfillDemoMetrics, burstCall, DemoTraffic, demoCalls, demoLoadCalls } from './traffic.ts';
import { DEMO_UPSTREAM_PREFIX } from './upstream.ts';

/** Hours of metrics backfilled so the dashboards have history at first sight. */
export const DEMO_BACKFILL_HOURS = 6;

/** The demo's access-log format: JSON with the `$context` fields an operator reads errors by. */
export const DEMO_ACCESS_LOG_FORMAT =
  '{"requestId":"$context.requestId","requestTime":"$context.requestTime","requestTimeEpoch":$context.requestTimeEpoch,"httpMethod":"$context.httpMethod","resourcePath":"$context.resourcePath","path":"$context.path","status":$context.status,"responseLatency":$context.responseLatency,"integrationLatency":"$context.integrationLatency","integrationStatus":"$context.integrationStatus","errorType":"$context.error.responseType","errorMessage":"$context.error.message","isCanaryRequest":"$context.isCanaryRequest","stage":"$context.stage","sourceIp":"$context.identity.sourceIp"}';

/** Access logging on for every `prod` stage, into `API-Gateway-Access-Logs_{apiId}/prod`, as the console sets it up. */
function enableDemoAccessLogs(state: EmulatorState, logs: LogStore, apis: RestApiRecord[]): void {
  for (const api of apis) {
    const stage = api.stages.get('prod');
    if (!stage) continue;
    const name = `API-Gateway-Access-Logs_${api.id}/prod`;
    if (!logs.groups.has(name)) logs.createGroup(name, DEMO_TAG);
    stage.accessLogSettings = {
      destinationArn: `arn:aws:logs:${state.region}:${state.accountId}:log-group:${name}`,
      format: DEMO_ACCESS_LOG_FORMAT,
    };
  }
}

/**
 * The living demo: seeded APIs, a demo backend, six hours of backfilled metrics and (optionally)
 * live traffic through the data plane. Everything it creates is tagged and logged as demo data.
 */
export function startDemoWorld(options: {
  state: EmulatorState;
  metrics: ApiGatewayMetrics;
  logs: LogStore;
  random: Random;
  url: string;
  invokeUrl: (restApiId: string, stageName: string) => string;
  authorizerToken: string;
  traffic: boolean;
  /** With `traffic`: the rollout load too. */
  load: boolean;
}): { stop(): Promise<void> } {
  const apis = seedDemo(options.state, { upstreamUrl: `${options.url}${DEMO_UPSTREAM_PREFIX.slice(0, -1)}` });
  enableDemoAccessLogs(options.state, options.logs, [apis.petstore, apis.payments, apis.inventory]);
  const calls = demoCalls(apis, options.authorizerToken);
  const burst = burstCall(apis);
  // The rollout load runs with the live traffic only: tests without it do not pay for its past.
  const load = options.traffic && options.load;
  const all = load ? [...calls, ...demoLoadCalls(apis, options.authorizerToken)] : calls;
  const backfilled = backfillDemoMetrics(
    all,
    burst,
    options.metrics,
    options.random,
    DEMO_BACKFILL_HOURS * 60,
    Date.now(),
    new AccessLogWriter(options.logs),
  );
  const perSecond = all.reduce((sum, c) => sum + c.perMinute, 0) / 60;
  const tag = Object.keys(DEMO_TAG)[0];
  console.log(
    `[emulator] DEMO DATA: seeded ${[apis.petstore, apis.payments, apis.inventory].map((a) => a.name).join(', ')} (tagged ${tag}), ` +
      `backfilled ${DEMO_BACKFILL_HOURS} h of metrics and prod access logs (${backfilled} simulated requests)` +
      (options.traffic
        ? `, demo traffic ~${perSecond.toFixed(1)} req/s${load ? ' (a rollout load on PetStore prod and Inventory prod)' : ''} with throttling bursts`
        : ', no demo traffic'),
  );
  const traffic = options.traffic
    ? new DemoTraffic(all, burst, options.invokeUrl, options.random)
    : undefined;
  traffic?.start();
  return {
    stop: async () => traffic?.stop(),
  };
}
