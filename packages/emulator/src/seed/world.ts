import type { ApiGatewayMetrics } from '../cloudwatch/apigateway-metrics.ts';
import type { Random } from '../dataplane/random.ts';
import type { EmulatorState } from '../state.ts';
import { DEMO_TAG, seedDemo } from './demo.ts';
import { backfillDemoMetrics, burstCall, DemoTraffic, demoCalls } from './traffic.ts';
import { DEMO_UPSTREAM_PREFIX } from './upstream.ts';

/** Hours of metrics backfilled so the dashboards have history at first sight. */
export const DEMO_BACKFILL_HOURS = 6;

/**
 * The living demo: seeded APIs, a demo backend, six hours of backfilled metrics and (optionally)
 * live traffic through the data plane. Everything it creates is tagged and logged as demo data.
 */
export function startDemoWorld(options: {
  state: EmulatorState;
  metrics: ApiGatewayMetrics;
  random: Random;
  url: string;
  invokeUrl: (restApiId: string, stageName: string) => string;
  authorizerToken: string;
  traffic: boolean;
}): { stop(): Promise<void> } {
  const apis = seedDemo(options.state, { upstreamUrl: `${options.url}${DEMO_UPSTREAM_PREFIX.slice(0, -1)}` });
  const calls = demoCalls(apis, options.authorizerToken);
  const burst = burstCall(apis);
  const backfilled = backfillDemoMetrics(
    calls,
    burst,
    options.metrics,
    options.random,
    DEMO_BACKFILL_HOURS * 60,
  );
  const perSecond = calls.reduce((sum, c) => sum + c.perMinute, 0) / 60;
  const tag = Object.keys(DEMO_TAG)[0];
  console.log(
    `[emulator] DEMO DATA: seeded ${[apis.petstore, apis.payments, apis.inventory].map((a) => a.name).join(', ')} (tagged ${tag}), ` +
      `backfilled ${DEMO_BACKFILL_HOURS} h of metrics (${backfilled} simulated requests)` +
      (options.traffic
        ? `, demo traffic ~${perSecond.toFixed(1)} req/s with throttling bursts`
        : ', no demo traffic'),
  );
  const traffic = options.traffic
    ? new DemoTraffic(calls, burst, options.invokeUrl, options.random)
    : undefined;
  traffic?.start();
  return {
    stop: async () => traffic?.stop(),
  };
}
