import { APIGatewayClient, GetRestApisCommand, GetStagesCommand } from '@aws-sdk/client-api-gateway';
import { CloudWatchClient, GetMetricDataCommand, type MetricDataQuery } from '@aws-sdk/client-cloudwatch';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sdkClientConfig } from '../apigateway/sdk-harness.ts';
import { type RunningEmulator, startEmulator } from '../server.ts';

let emulator: RunningEmulator;
let gateway: APIGatewayClient;
let cloudWatch: CloudWatchClient;
const apiIds = new Map<string, string>();

beforeAll(async () => {
  emulator = await startEmulator({ port: 0, seed: 'demo', randomSeed: 7 });
  gateway = new APIGatewayClient(sdkClientConfig(emulator.url));
  cloudWatch = new CloudWatchClient(sdkClientConfig(emulator.url));
  const apis = await gateway.send(new GetRestApisCommand({}));
  for (const api of apis.items ?? []) apiIds.set(api.name!, api.id!);
});

afterAll(async () => {
  gateway.destroy();
  cloudWatch.destroy();
  await emulator.close();
});

const stat = (
  id: string,
  apiName: string,
  stage: string,
  metricName: string,
  s = 'Sum',
  period = 21_600,
): MetricDataQuery => ({
  Id: id,
  MetricStat: {
    Metric: {
      Namespace: 'AWS/ApiGateway',
      MetricName: metricName,
      Dimensions: [
        { Name: 'ApiName', Value: apiName },
        { Name: 'Stage', Value: stage },
      ],
    },
    Period: period,
    Stat: s,
  },
});

describe('demo world', () => {
  it('seeds tagged APIs of every endpoint type with dev, staging and prod, and 10 % canaries on PetStore and Inventory prod', async () => {
    const apis = (await gateway.send(new GetRestApisCommand({}))).items ?? [];
    expect(apis.length).toBeGreaterThanOrEqual(3);
    expect(apis.every((a) => a.tags?.['gateway-console:demo'] === 'true')).toBe(true);
    expect(new Set(apis.flatMap((a) => a.endpointConfiguration?.types ?? []))).toEqual(
      new Set(['EDGE', 'REGIONAL', 'PRIVATE']),
    );
    for (const api of apis) {
      const stages = (await gateway.send(new GetStagesCommand({ restApiId: api.id! }))).item ?? [];
      expect(stages.map((s) => s.stageName).sort()).toEqual(['dev', 'prod', 'staging']);
    }
    const petStages = (await gateway.send(new GetStagesCommand({ restApiId: apiIds.get('PetStore')! })))
      .item!;
    expect(petStages.find((s) => s.stageName === 'prod')?.canarySettings).toMatchObject({
      percentTraffic: 10,
      stageVariableOverrides: { version: 'v2' },
    });
    // And a healthy canary to try a rollout on.
    const inventoryStages = (
      await gateway.send(new GetStagesCommand({ restApiId: apiIds.get('Inventory')! }))
    ).item!;
    expect(inventoryStages.find((s) => s.stageName === 'prod')?.canarySettings).toMatchObject({
      percentTraffic: 10,
      stageVariableOverrides: { version: 'v3' },
    });
  });

  it('loads both canaries enough that a 10 % step reaches the judge’s 700 requests in a 5-minute bake', async () => {
    // Five whole minutes of the load's backfilled hour, long published.
    const end = Math.floor(Date.now() / 60_000) * 60_000 - 10 * 60_000;
    const out = await cloudWatch.send(
      new GetMetricDataCommand({
        StartTime: new Date(end - 5 * 60_000),
        EndTime: new Date(end),
        MetricDataQueries: ['PetStore', 'Inventory'].flatMap((name) => [
          stat(`q${name}Canary`, name, 'prod/Canary', 'Count', 'Sum', 60),
          stat(`q${name}Canary5xx`, name, 'prod/Canary', '5XXError', 'Sum', 60),
          stat(`q${name}Base5xx`, name, 'prod', '5XXError', 'Sum', 60),
          stat(`q${name}Base`, name, 'prod', 'Count', 'Sum', 60),
        ]),
      }),
    );
    const value = (id: string) =>
      (out.MetricDataResults!.find((r) => r.Id === `q${id}`)!.Values ?? []).reduce((a, b) => a + b, 0);
    const rate = (name: string, side: 'Canary' | 'Base') =>
      value(`${name}${side}5xx`) / value(`${name}${side}`);
    for (const name of ['PetStore', 'Inventory']) expect(value(`${name}Canary`)).toBeGreaterThanOrEqual(700);
    // PetStore's canary fails far more than its base; Inventory's no more than its base does.
    expect(rate('PetStore', 'Canary')).toBeGreaterThan(5 * rate('PetStore', 'Base'));
    expect(rate('Inventory', 'Canary')).toBeLessThan(0.02);
  });

  it('backfills six hours of metrics in which the canary (v2) is slower and fails more', async () => {
    const now = Date.now();
    const out = await cloudWatch.send(
      new GetMetricDataCommand({
        StartTime: new Date(now - 6 * 3_600_000),
        EndTime: new Date(now),
        MetricDataQueries: [
          stat('base5xx', 'PetStore', 'prod', '5XXError', 'Average'),
          stat('canary5xx', 'PetStore', 'prod/Canary', '5XXError', 'Average'),
          stat('baseLatency', 'PetStore', 'prod', 'Latency', 'p90'),
          stat('canaryLatency', 'PetStore', 'prod/Canary', 'Latency', 'p90'),
          stat('throttled', 'Payments', 'prod', '4XXError'),
          stat('hits', 'Payments', 'prod', 'CacheHitCount'),
        ],
      }),
    );
    const total = (id: string) =>
      (out.MetricDataResults!.find((r) => r.Id === id)!.Values ?? []).reduce((a, b) => a + b, 0);
    expect(total('canary5xx')).toBeGreaterThan(total('base5xx') * 2);
    expect(total('canaryLatency')).toBeGreaterThan(total('baseLatency') * 2);
    expect(total('throttled')).toBeGreaterThan(0);
    expect(total('hits')).toBeGreaterThan(0);

    const perMinute = await cloudWatch.send(
      new GetMetricDataCommand({
        StartTime: new Date(now - 6 * 3_600_000),
        EndTime: new Date(now),
        MetricDataQueries: [stat('count', 'PetStore', 'prod', 'Count', 'Sum', 60)],
      }),
    );
    // Every minute of the six hours has PetStore prod traffic.
    expect(perMinute.MetricDataResults![0]!.Values!.length).toBeGreaterThanOrEqual(355);
  });

  it('guards Inventory with the emulated authorizer and Payments with an API key', async () => {
    const inventory = emulator.invokeUrl(apiIds.get('Inventory')!, 'prod');
    const refused = await fetch(`${inventory}/items`);
    expect(refused.status).toBe(401);
    expect(await refused.json()).toEqual({ message: 'Unauthorized' });
    const allowed = await fetch(`${inventory}/items`, { headers: { authorization: 'Bearer allow' } });
    expect([200, 400, 404, 500, 503]).toContain(allowed.status);
    expect(allowed.headers.get('x-amzn-requestid')).toBeTruthy();

    const payments = emulator.invokeUrl(apiIds.get('Payments')!, 'dev');
    const noKey = await fetch(`${payments}/payments/pay-1`);
    expect(noKey.status).toBe(403);
    expect(await noKey.json()).toEqual({ message: 'Forbidden' });
  });

  it('sends live demo traffic through the data plane', async () => {
    // One fixed window: a window sliding with the clock can drop a minute and count less.
    const start = new Date(Math.floor(Date.now() / 60_000) * 60_000 - 120_000);
    const countNow = async () => {
      const out = await cloudWatch.send(
        new GetMetricDataCommand({
          StartTime: start,
          EndTime: new Date(Date.now() + 60_000),
          MetricDataQueries: ['PetStore', 'Payments', 'Inventory'].map((name, i) =>
            stat(`c${i}`, name, 'prod', 'Count', 'Sum', 60),
          ),
        }),
      );
      return out.MetricDataResults!.flatMap((r) => r.Values ?? []).reduce((a, b) => a + b, 0);
    };
    const before = await countNow();
    // The generator sends a few requests a second; a loaded machine may need longer to show them.
    await expect.poll(countNow, { timeout: 30_000, interval: 1000 }).toBeGreaterThan(before);
  }, 40_000);
});
