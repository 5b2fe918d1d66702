import { GetRestApisCommand, GetStageCommand } from '@aws-sdk/client-api-gateway';
import {
  AuditPage,
  DeploymentList,
  Problem,
  RECOMMENDED_ACCESS_LOG_FORMAT,
  RequestsResponse,
  Stage,
  StatusCodesResponse,
} from '@gateway-console/contract';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Caller, type Harness, startHarness } from '../../test/harness.ts';

describe('status codes from access logs, through the BFF against the emulator', () => {
  let harness: Harness;
  let viewer: Caller;
  let operator: Caller;
  let apiId: string;
  let base: string;
  const stageName = 'errors';

  const readStage = async () => {
    const response = await viewer.get(`${base}/stages/${stageName}`);
    expect(response.status).toBe(200);
    return Stage.parse(await response.json());
  };
  const change = async (method: string, path: string, body: unknown) => {
    const { etag } = await readStage();
    const response = await operator.request(method, `${base}/stages/${stageName}${path}`, body, {
      'If-Match': etag,
    });
    expect(response.status, await response.clone().text()).toBe(200);
    return Stage.parse(await response.json());
  };
  const statusCodes = async (range = '15m') => {
    const response = await viewer.get(`${base}/stages/${stageName}/status-codes?range=${range}`);
    expect(response.status, await response.clone().text()).toBe(200);
    return StatusCodesResponse.parse(await response.json());
  };
  const requests = async (query: string) => {
    const response = await viewer.get(`${base}/stages/${stageName}/requests?${query}`);
    expect(response.status, await response.clone().text()).toBe(200);
    return RequestsResponse.parse(await response.json());
  };
  /** What was sent, by `status/side`. */
  const sent = new Map<string, number>();
  const send = async (side: 'base' | 'canary', path: string, n: number) => {
    const invoke = harness.emulator.invokeUrl(apiId, stageName);
    for (let i = 0; i < n; i++) {
      const response = await fetch(`${invoke}${path}`);
      await response.arrayBuffer();
      const key = `${response.status}/${side}`;
      sent.set(key, (sent.get(key) ?? 0) + 1);
    }
  };

  beforeAll(async () => {
    harness = await startHarness();
    viewer = await harness.as('viewer');
    operator = await harness.as('operator');
    const apis = await harness.sdk.send(new GetRestApisCommand({}));
    apiId = apis.items!.find((api) => api.name === 'PetStore')!.id!;
    base = `/api/apis/${apiId}`;
    const deployments = DeploymentList.parse(await (await viewer.get(`${base}/deployments`)).json());
    const created = await operator.request('POST', `${base}/stages`, {
      name: stageName,
      deploymentId: deployments.items[0]!.id,
    });
    expect(created.status, await created.clone().text()).toBe(201);
  });

  afterAll(async () => {
    await harness.close();
  });

  it('says access logging is off, and turns it on only with If-Match and as an operator', async () => {
    const before = await statusCodes();
    expect(before.accessLog).toEqual({ state: 'off' });
    expect(before.series).toEqual([]);
    expect((await requests('status=failed')).items).toEqual([]);

    const noIfMatch = await operator.request('PUT', `${base}/stages/${stageName}/access-log`, {
      enabled: true,
    });
    expect(noIfMatch.status).toBe(428);
    const { etag } = await readStage();
    const asViewer = await viewer.request(
      'PUT',
      `${base}/stages/${stageName}/access-log`,
      { enabled: true },
      { 'If-Match': etag },
    );
    expect(asViewer.status).toBe(403);
    const badFormat = await operator.request(
      'PUT',
      `${base}/stages/${stageName}/access-log`,
      { enabled: true, format: '$context.status' },
      { 'If-Match': etag },
    );
    expect(badFormat.status).toBe(400);
    expect(Problem.parse(await badFormat.json()).code).toBe('VALIDATION_FAILED');

    const stage = await change('PUT', '/access-log', { enabled: true });
    const logGroupName = `API-Gateway-Access-Logs_${apiId}/${stageName}`;
    expect(stage.accessLog).toEqual({
      destinationArn: `arn:aws:logs:us-east-1:000000000000:log-group:${logGroupName}`,
      logGroupName,
      format: RECOMMENDED_ACCESS_LOG_FORMAT,
    });
    const aws = await harness.sdk.send(new GetStageCommand({ restApiId: apiId, stageName }));
    expect(aws.accessLogSettings?.destinationArn).toBe(stage.accessLog?.destinationArn);
    expect((await statusCodes()).accessLog).toEqual({ state: 'on', logGroupName, canaryApart: true });

    const audit = AuditPage.parse(
      await (await viewer.get(`/api/audit?apiId=${apiId}&stage=${stageName}`)).json(),
    );
    expect(audit.items.find((item) => item.action === 'stage.accessLog')).toMatchObject({
      outcome: 'success',
    });
  });

  it('counts every request once by status and side, and finds them by status, path and side', async () => {
    // GET /health always throttled (rate and burst 0), so 429s are known.
    await change('PATCH', '', {
      methodSettings: { '/health/GET': { throttlingRateLimit: 0, throttlingBurstLimit: 0 } },
    });
    await send('base', '/static/a', 6);
    await send('base', '/health', 4);
    await send('base', '/nope', 3);
    const { deploymentId } = await readStage();
    await change('PUT', '/canary', { percentTraffic: 100, deploymentId });
    await send('canary', '/static/b', 2);
    await send('canary', '/health', 1);
    expect(Object.fromEntries(sent)).toEqual({
      '200/base': 6,
      '429/base': 4,
      '403/base': 3,
      '200/canary': 2,
      '429/canary': 1,
    });

    for (const range of ['15m', '24h']) {
      const counted = await statusCodes(range);
      expect(counted.period).toBe(range === '15m' ? 60 : 300);
      expect(counted.series[0]!.points.length).toBe(range === '15m' ? 15 : 288);
      const totals = Object.fromEntries(
        counted.series.map((series) => [
          `${series.status}/${series.side}`,
          series.points.reduce((sum, p) => sum + p.count, 0),
        ]),
      );
      expect(totals).toEqual(Object.fromEntries(sent));
      for (const series of counted.series)
        expect(series.total).toBe(totals[`${series.status}/${series.side}`]);
    }

    // The API's view counts every stage with access logs in one query: this one and the demo's prod.
    const whole = await viewer.get(`${base}/status-codes?range=15m`);
    expect(whole.status).toBe(200);
    const api = StatusCodesResponse.parse(await whole.json());
    expect(api.stage).toBeNull();
    expect(api.accessLog).toMatchObject({
      state: 'on',
      logGroupName: expect.stringContaining(`/${stageName}`),
    });
    expect(api.accessLog.state === 'on' && api.accessLog.logGroupName).toContain('/prod');
    expect(api.warnings.join(' ')).toMatch(/Not counted.*dev.*staging|Not counted.*staging.*dev/);
    for (const [key, n] of sent) {
      const line = api.series.find((series) => `${series.status}/${series.side}` === key);
      expect(line?.total ?? 0).toBeGreaterThanOrEqual(n);
    }

    const throttled = await requests('status=429');
    expect(throttled.items).toHaveLength(5);
    for (const r of throttled.items)
      expect([r.status, r.errorType, r.resourcePath]).toEqual([429, 'THROTTLED', '/health']);
    expect(throttled.items.map((r) => r.side)).toEqual(['canary', 'base', 'base', 'base', 'base']);
    const times = throttled.items.map((r) => Date.parse(r.time));
    expect([...times].sort((a, b) => b - a)).toEqual(times);
    expect((await requests('status=429&side=canary')).items).toHaveLength(1);
    const failed = await requests('status=failed&path=/nope');
    expect(failed.items.map((r) => [r.status, r.errorType, r.path])).toEqual(
      Array(3).fill([403, 'MISSING_AUTHENTICATION_TOKEN', `/${stageName}/nope`]),
    );
    expect((await requests('status=4xx&limit=2')).more).toBe(true);
    const refused = await viewer.get(
      `${base}/stages/${stageName}/requests?path=${encodeURIComponent('"; drop')}`,
    );
    expect(refused.status).toBe(400);
  });

  it('turns access logging off, keeping the history', async () => {
    const stage = await change('PUT', '/access-log', { enabled: false });
    expect(stage.accessLog).toBeNull();
    expect((await statusCodes()).accessLog).toEqual({ state: 'off' });
    // Off again is no change.
    expect((await change('PUT', '/access-log', { enabled: false })).etag).toBe(stage.etag);
  });
});
