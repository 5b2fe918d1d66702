import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  APIGatewayClient,
  CreateDeploymentCommand,
  CreateResourceCommand,
  CreateRestApiCommand,
  PutIntegrationCommand,
  PutMethodCommand,
} from '@aws-sdk/client-api-gateway';
import { CloudWatchClient } from '@aws-sdk/client-cloudwatch';
import {
  ApiList,
  type MetricRange,
  MetricsResponse,
  type MetricVariant,
  metricRangeSeconds,
  metricRanges,
  Problem,
} from '@gateway-console/contract';
import { type RunningEmulator, startEmulator } from '@gateway-console/emulator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callerOf, countGetMetricData, openTestStorage, sessionCookie } from '../../test/harness.ts';
import { createApp } from '../app.ts';
import { awsDeps } from '../aws/clients.ts';
import { Metrics } from '../aws/metrics.ts';
import type { Storage } from '../db/database.ts';

const credentials = { accessKeyId: 'test', secretAccessKey: 'test' };
const awsAt = (endpoint: string) => ({ region: 'us-east-1', endpoint, credentials, maxAttempts: 1 });

/** What the test backend saw, per side of the canary split: the truth the charts must show. */
type Tally = Record<'base' | 'canary', { requests: number; errors4xx: number; errors5xx: number }>;

let emulator: RunningEmulator;
let storage: Storage;
let viewerCookie: string;
let apiGateway: APIGatewayClient;
let upstream: Server;
let upstreamUrl: string;
const tally: Tally = {
  base: { requests: 0, errors4xx: 0, errors5xx: 0 },
  canary: { requests: 0, errors4xx: 0, errors5xx: 0 },
};

/** The BFF as server.ts builds it, counting the GetMetricData calls its CloudWatch client sends. */
function bff(cloudWatchEndpoint = emulator.url) {
  const cloudWatch = new CloudWatchClient(awsAt(cloudWatchEndpoint));
  const calls = countGetMetricData(cloudWatch);
  const viewer = callerOf(
    createApp({
      ...awsDeps(awsAt(emulator.url)),
      metrics: new Metrics(cloudWatch),
      storage,
    }),
    viewerCookie,
  );
  return { app: { request: (path: string) => viewer.get(path) }, calls };
}

async function metricsOf(app: ReturnType<typeof bff>['app'], path: string) {
  const response = await app.request(path);
  expect(response.status, await response.clone().text()).toBe(200);
  return { response, body: MetricsResponse.parse(await response.json()) };
}

/** An API whose every request goes through the real data plane to the test backend, which answers `/s/{status}`. */
async function createApi(name: string) {
  const api = await apiGateway.send(new CreateRestApiCommand({ name }));
  const restApiId = api.id!;
  const s = await apiGateway.send(
    new CreateResourceCommand({ restApiId, parentId: api.rootResourceId!, pathPart: 's' }),
  );
  const status = await apiGateway.send(
    new CreateResourceCommand({ restApiId, parentId: s.id!, pathPart: '{status}' }),
  );
  await apiGateway.send(
    new PutMethodCommand({ restApiId, resourceId: status.id!, httpMethod: 'GET', authorizationType: 'NONE' }),
  );
  await apiGateway.send(
    new PutIntegrationCommand({
      restApiId,
      resourceId: status.id!,
      httpMethod: 'GET',
      type: 'HTTP_PROXY',
      integrationHttpMethod: 'GET',
      // The stage variable tells the backend which side of the split served the request.
      uri: `${upstreamUrl}/\${stageVariables.side}/{status}`,
    }),
  );
  await apiGateway.send(
    new CreateDeploymentCommand({ restApiId, stageName: 'prod', variables: { side: 'base' } }),
  );
  await apiGateway.send(
    new CreateDeploymentCommand({
      restApiId,
      stageName: 'prod',
      canarySettings: { percentTraffic: 40, stageVariableOverrides: { side: 'canary' } },
    }),
  );
  return restApiId;
}

beforeAll(async () => {
  emulator = await startEmulator({ port: 0, seed: 'none', randomSeed: 8 });
  storage = await openTestStorage();
  viewerCookie = await sessionCookie(storage, 'viewer');
  apiGateway = new APIGatewayClient(awsAt(emulator.url));
  upstream = createServer((req, res) => {
    const [, side, status] = (req.url ?? '').split('/');
    const code = Number(status);
    const counts = tally[side as keyof Tally];
    counts.requests++;
    if (code >= 400 && code < 500) counts.errors4xx++;
    if (code >= 500) counts.errors5xx++;
    res.writeHead(code, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ side }));
  });
  await new Promise<void>((resolve) => upstream.listen(0, '127.0.0.1', resolve));
  upstreamUrl = `http://127.0.0.1:${(upstream.address() as AddressInfo).port}`;
});

afterAll(async () => {
  apiGateway.destroy();
  await Promise.all([emulator.close(), storage.close()]);
  upstream.closeAllConnections();
  await new Promise((resolve) => upstream.close(resolve));
});

describe('GET /api/apis/:apiId/stages/:stage/metrics against the emulator', () => {
  let apiId: string;
  const statuses = [200, 200, 200, 200, 200, 200, 404, 400, 500, 503];
  const sent = 120;

  beforeAll(async () => {
    apiId = await createApi(`metrics-${Date.now()}`);
    for (let i = 0; i < sent; i++) {
      const response = await fetch(`${emulator.invokeUrl(apiId, 'prod')}/s/${statuses[i % statuses.length]}`);
      await response.arrayBuffer();
    }
    expect(tally.base.requests + tally.canary.requests).toBe(sent);
    // With a 40 % canary both sides served some of each status.
    expect(tally.canary.errors5xx).toBeGreaterThan(0);
    expect(tally.base.errors5xx).toBeGreaterThan(0);
  }, 60_000);

  it('returns exactly the requests, errors and error rates sent, base and canary apart, from one GetMetricData call', async () => {
    const { app, calls } = bff();
    const { body } = await metricsOf(app, `/api/apis/${apiId}/stages/prod/metrics?range=15m`);
    expect(calls.getMetricData).toBe(1);
    for (const variant of ['base', 'canary'] as const) {
      const truth = tally[variant];
      const summary = body.summary.find((candidate) => candidate.variant === variant)!;
      expect(summary).toMatchObject({
        requests: truth.requests,
        errors4xx: truth.errors4xx,
        errors5xx: truth.errors5xx,
        errors4xxRate: truth.errors4xx / truth.requests,
        errors5xxRate: truth.errors5xx / truth.requests,
      });
      expect(summary.latencyAvg).toBeGreaterThan(0);
      const series = (metric: string, of: MetricVariant = variant) =>
        body.series.find((candidate) => candidate.metric === metric && candidate.variant === of)!.values;
      const total = (values: Array<number | null>) =>
        values.reduce<number>((sum, value) => sum + (value ?? 0), 0);
      expect(total(series('requests'))).toBe(truth.requests);
      expect(total(series('errors5xx'))).toBe(truth.errors5xx);
      // Each period's rate is that period's errors over its requests; periods without traffic stay gaps.
      series('errors5xxRate').forEach((rate, i) => {
        const requests = series('requests')[i] ?? null;
        const errors = series('errors5xx')[i] ?? null;
        expect(rate).toBe(requests === null ? null : requests === 0 ? 0 : errors! / requests);
      });
      expect(series('requests').filter((value) => value === null).length).toBeGreaterThan(0);
    }
    expect(body).toMatchObject({ apiId, stage: 'prod', range: '15m', periodSeconds: 60, caching: false });
    expect(body.warnings).toEqual([]);
  });

  it('the API-wide view adds up every stage, base and canary together', async () => {
    const { body } = await metricsOf(bff().app, `/api/apis/${apiId}/metrics?range=1h`);
    expect(body.stage).toBeNull();
    expect(body.summary).toEqual([
      expect.objectContaining({
        variant: 'all',
        requests: sent,
        errors5xx: tally.base.errors5xx + tally.canary.errors5xx,
      }),
    ]);
  });

  it('chooses the period from the range (range / ~400 points, snapped up) and still counts every request', async () => {
    const expected: Record<MetricRange, number> = { '15m': 60, '1h': 60, '3h': 60, '24h': 300 };
    const { app, calls } = bff();
    for (const range of metricRanges) {
      const { body } = await metricsOf(app, `/api/apis/${apiId}/stages/prod/metrics?range=${range}`);
      expect(body.periodSeconds, range).toBe(expected[range]);
      expect(body.timestamps).toHaveLength(metricRangeSeconds[range] / expected[range]);
      expect((Date.parse(body.end) - Date.parse(body.start)) / 1000).toBe(metricRangeSeconds[range]);
      expect(Date.parse(body.end)).toBeGreaterThan(Date.now() - 1000);
      expect(body.summary.find((summary) => summary.variant === 'base')!.requests).toBe(tally.base.requests);
    }
    expect(calls.getMetricData).toBe(metricRanges.length);
  });

  it('serves one view from a 30 s cache, and says so in Cache-Control', async () => {
    const { app, calls } = bff();
    const path = `/api/apis/${apiId}/stages/prod/metrics?range=3h`;
    const [first, second] = await Promise.all([metricsOf(app, path), metricsOf(app, path)]);
    const third = await metricsOf(app, path);
    expect(calls.getMetricData).toBe(1);
    expect(third.body).toEqual(first.body);
    expect(second.body).toEqual(first.body);
    const maxAge = Number(/max-age=(\d+)/.exec(third.response.headers.get('Cache-Control') ?? '')?.[1]);
    expect(maxAge).toBeGreaterThan(0);
    expect(maxAge).toBeLessThanOrEqual(30);
    await metricsOf(app, `/api/apis/${apiId}/stages/prod/metrics?range=1h`);
    expect(calls.getMetricData).toBe(2);
  });

  it('charts an absolute range (from, to) on the period its length needs, snapped to period boundaries', async () => {
    const { app, calls } = bff();
    const to = Date.now();
    const from = to - 30 * 60_000;
    const query = `from=${new Date(from).toISOString()}&to=${new Date(to).toISOString()}`;
    const { body } = await metricsOf(app, `/api/apis/${apiId}/stages/prod/metrics?${query}`);
    expect(calls.getMetricData).toBe(1);
    expect(body.range).toBeNull();
    expect(body.periodSeconds).toBe(60);
    expect(Date.parse(body.start)).toBe(Math.floor(from / 60_000) * 60_000);
    expect(Date.parse(body.end)).toBe(Math.ceil(to / 60_000) * 60_000);
    expect(body.timestamps).toHaveLength((Date.parse(body.end) - Date.parse(body.start)) / 60_000);
    // Every request of the suite was sent within the last half hour.
    expect(body.summary.find((summary) => summary.variant === 'base')!.requests).toBe(tally.base.requests);
    expect(Date.parse(body.asOf)).toBeGreaterThanOrEqual(to);

    // Two days back is charted on coarser points, and an hour that ended long ago has no requests.
    const old = await metricsOf(
      app,
      `/api/apis/${apiId}/stages/prod/metrics?from=${new Date(to - 3 * 86_400_000).toISOString()}&to=${new Date(to - 86_400_000).toISOString()}`,
    );
    expect(old.body.periodSeconds).toBe(900);
    expect(old.body.summary.find((summary) => summary.variant === 'base')!.requests).toBe(0);
  });

  it('the API-wide view draws a line per stage (base and canary together) from the same one GetMetricData call', async () => {
    const perStageApi = await createApi(`metrics-stages-${Date.now()}`);
    await apiGateway.send(
      new CreateDeploymentCommand({ restApiId: perStageApi, stageName: 'dev', variables: { side: 'base' } }),
    );
    const sentTo = { prod: 12, dev: 5 };
    for (const [stage, count] of Object.entries(sentTo)) {
      for (let i = 0; i < count; i++) {
        const status = stage === 'dev' && i === 0 ? 500 : 200;
        await (await fetch(`${emulator.invokeUrl(perStageApi, stage)}/s/${status}`)).arrayBuffer();
      }
    }
    const { app, calls } = bff();
    const { body } = await metricsOf(app, `/api/apis/${perStageApi}/metrics?range=15m`);
    expect(calls.getMetricData).toBe(1);
    const total = (values: Array<number | null>) => values.reduce<number>((sum, v) => sum + (v ?? 0), 0);
    const line = (stage: string, metric: string) =>
      body.series.find((s) => s.variant === 'stage' && s.stage === stage && s.metric === metric)?.values;
    // prod's line counts its 40 % canary too.
    expect(total(line('prod', 'requests')!)).toBe(sentTo.prod);
    expect(total(line('dev', 'requests')!)).toBe(sentTo.dev);
    expect(total(line('dev', 'errors5xx')!)).toBe(1);
    expect(line('dev', 'errors5xxRate')!.some((rate) => rate !== null && rate > 0)).toBe(true);
    expect(line('prod', 'latencyAvg')!.some((ms) => ms !== null && ms > 0)).toBe(true);
    expect(body.summary.find((summary) => summary.variant === 'all')!.requests).toBe(
      sentTo.prod + sentTo.dev,
    );
  });

  it('warns when another API has the same name, because CloudWatch adds their traffic up', async () => {
    const namesake = await createApi(`metrics-namesake-${Date.now()}`);
    const list = ApiList.parse(await (await bff().app.request('/api/apis')).json());
    const name = list.items.find((api) => api.id === namesake)!.name;
    const twin = (await apiGateway.send(new CreateRestApiCommand({ name }))).id!;
    const { body } = await metricsOf(bff().app, `/api/apis/${namesake}/stages/prod/metrics?range=15m`);
    expect(body.warnings).toHaveLength(1);
    expect(body.warnings[0]).toContain(twin);
    expect(body.warnings[0]).toContain(`"${name}"`);
  });
});

describe('metrics route failures', () => {
  it('a CloudWatch that does not answer gives a problem, not an empty chart', async () => {
    const apiId = await createApi(`metrics-fault-${Date.now()}`);
    // A port nothing listens on: the SDK fails to connect, as it would with CloudWatch unreachable.
    const closed = await startEmulator({ port: 0, seed: 'none' });
    await closed.close();
    const response = await bff(closed.url).app.request(`/api/apis/${apiId}/stages/prod/metrics?range=1h`);
    // Unreachable is 503 for every AWS service, as for API Gateway (one mapping: #14).
    expect(response.status).toBe(503);
    expect(response.headers.get('Content-Type')).toBe('application/problem+json');
    const problem = Problem.parse(await response.json());
    expect(problem).toMatchObject({ code: 'AWS_UNAVAILABLE', title: 'CloudWatch is unavailable' });
  });

  it('rejects a range it does not offer before asking CloudWatch', async () => {
    const { app, calls } = bff();
    const response = await app.request('/api/apis/abc123/stages/prod/metrics?range=2d');
    expect(response.status).toBe(400);
    const problem = Problem.parse(await response.json());
    expect(problem.code).toBe('VALIDATION_FAILED');
    expect(problem.errors?.[0]?.path).toBe('query.range');
    expect(calls.getMetricData).toBe(0);
  });

  it.each([
    ['from without to', `from=${new Date().toISOString()}`, 'query.to'],
    ['a timestamp that is not one', 'from=yesterday&to=today', 'query.from'],
    [
      'range together with from and to',
      `range=1h&from=2026-01-01T00:00:00Z&to=2026-01-01T01:00:00Z`,
      'query.range',
    ],
    ['an end before the start', 'from=2026-01-01T01:00:00Z&to=2026-01-01T00:00:00Z', 'query.from'],
    ['a range shorter than 5 minutes', 'from=2026-01-01T00:00:00Z&to=2026-01-01T00:02:00Z', 'query.from'],
    ['a range longer than 14 days', 'from=2026-01-01T00:00:00Z&to=2026-01-20T00:00:00Z', 'query.from'],
    [
      'a range older than CloudWatch keeps',
      'from=2020-01-01T00:00:00Z&to=2020-01-01T01:00:00Z',
      'query.from',
    ],
  ])('rejects %s with a problem+json 400 before asking CloudWatch', async (_, query, path) => {
    const { app, calls } = bff();
    const response = await app.request(`/api/apis/abc123/stages/prod/metrics?${query}`);
    expect(response.status).toBe(400);
    expect(response.headers.get('Content-Type')).toBe('application/problem+json');
    const problem = Problem.parse(await response.json());
    expect(problem.code).toBe('VALIDATION_FAILED');
    expect(problem.errors?.[0]?.path).toBe(path);
    expect(calls.getMetricData).toBe(0);
  });

  it('answers 404 for an API that does not exist', async () => {
    const response = await bff().app.request('/api/apis/nosuchapi/metrics');
    expect(response.status).toBe(404);
    expect(Problem.parse(await response.json()).code).toBe('NOT_FOUND');
  });

  it('answers 404 for a stage that does not exist, rather than empty charts, without asking CloudWatch', async () => {
    const apiId = await createApi(`metrics-unknown-stage-${Date.now()}`);
    const { app, calls } = bff();
    const response = await app.request(`/api/apis/${apiId}/stages/nosuchstage/metrics?range=1h`);
    expect(response.status).toBe(404);
    expect(response.headers.get('Content-Type')).toBe('application/problem+json');
    expect(Problem.parse(await response.json())).toMatchObject({
      code: 'NOT_FOUND',
      title: 'Stage not found',
      detail: expect.stringContaining('"nosuchstage"'),
    });
    // The stage's API does exist and has traffic: only the stage name is wrong.
    await metricsOf(app, `/api/apis/${apiId}/stages/prod/metrics?range=1h`);
    expect(calls.getMetricData).toBe(1);
  });

  it('answers 404 for a stage of an API that does not exist', async () => {
    const { app, calls } = bff();
    const response = await app.request('/api/apis/nosuchapi/stages/prod/metrics?range=1h');
    expect(response.status).toBe(404);
    expect(Problem.parse(await response.json()).code).toBe('NOT_FOUND');
    expect(calls.getMetricData).toBe(0);
  });
});
