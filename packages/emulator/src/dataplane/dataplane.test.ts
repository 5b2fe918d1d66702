import { Agent, createServer, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  APIGatewayClient,
  CreateApiKeyCommand,
  CreateAuthorizerCommand,
  CreateDeploymentCommand,
  CreateResourceCommand,
  CreateRestApiCommand,
  FlushStageCacheCommand,
  type PatchOperation,
  PutIntegrationCommand,
  PutIntegrationResponseCommand,
  PutMethodCommand,
  type PutMethodCommandInput,
  UpdateStageCommand,
} from '@aws-sdk/client-api-gateway';
import { CloudWatchClient, GetMetricDataCommand } from '@aws-sdk/client-cloudwatch';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sdkClientConfig } from '../apigateway/sdk-harness.ts';
import { type RunningEmulator, startEmulator } from '../server.ts';
import { newId } from '../state.ts';
import { DEFAULT_AUTHORIZER_TOKEN } from './dataplane.ts';

let emulator: RunningEmulator;
let gateway: APIGatewayClient;
let cloudWatch: CloudWatchClient;
let upstream: Server;
let upstreamUrl: string;
/** Requests the test backend received, by path. */
const upstreamHits = new Map<string, number>();

beforeAll(async () => {
  emulator = await startEmulator({ port: 0, seed: 'none', randomSeed: 20261129 });
  gateway = new APIGatewayClient(sdkClientConfig(emulator.url));
  cloudWatch = new CloudWatchClient(sdkClientConfig(emulator.url));
  upstream = createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0]!;
    upstreamHits.set(path, (upstreamHits.get(path) ?? 0) + 1);
    const reply = () => {
      res.writeHead(200, { 'content-type': 'application/json', 'x-upstream': 'test' });
      res.end(JSON.stringify({ path, query: (req.url ?? '').split('?')[1] ?? '', method: req.method }));
    };
    const status = /^\/status\/(\d{3})$/.exec(path)?.[1];
    if (status) {
      res.writeHead(Number(status), { 'content-type': 'application/json' });
      res.end(JSON.stringify({ upstreamStatus: Number(status) }));
    } else if (path.startsWith('/slow')) setTimeout(reply, 1000);
    else reply();
  });
  await new Promise<void>((resolve) => upstream.listen(0, '127.0.0.1', resolve));
  upstreamUrl = `http://127.0.0.1:${(upstream.address() as AddressInfo).port}`;
});

afterAll(async () => {
  gateway.destroy();
  cloudWatch.destroy();
  agent.destroy();
  await emulator.close();
  upstream.closeAllConnections();
  await new Promise((resolve) => upstream.close(resolve));
});

/** An API built through the real control plane; each test gets its own, named uniquely. */
async function createApi(prefix: string) {
  const name = `${prefix}-${newId(6)}`;
  const api = await gateway.send(new CreateRestApiCommand({ name }));
  const restApiId = api.id!;
  const resourceIds = new Map<string, string>([['/', api.rootResourceId!]]);

  /** Creates the resources of `path` (idempotently) and returns the last one's id. */
  const resource = async (path: string) => {
    let parentPath = '';
    for (const part of path.split('/').filter(Boolean)) {
      const current = `${parentPath}/${part}`;
      if (!resourceIds.has(current)) {
        const created = await gateway.send(
          new CreateResourceCommand({
            restApiId,
            parentId: resourceIds.get(parentPath || '/')!,
            pathPart: part,
          }),
        );
        resourceIds.set(current, created.id!);
      }
      parentPath = current;
    }
    return resourceIds.get(path)!;
  };

  /** A MOCK method answering 200 with `responseTemplate`; `method` adds auth settings. */
  const mock = async (
    path: string,
    httpMethod: string,
    responseTemplate: string,
    method: Partial<PutMethodCommandInput> = {},
  ) => {
    const resourceId = await resource(path);
    await gateway.send(
      new PutMethodCommand({ restApiId, resourceId, httpMethod, authorizationType: 'NONE', ...method }),
    );
    await gateway.send(
      new PutIntegrationCommand({
        restApiId,
        resourceId,
        httpMethod,
        type: 'MOCK',
        requestTemplates: { 'application/json': '{"statusCode": 200}' },
      }),
    );
    await gateway.send(
      new PutIntegrationResponseCommand({
        restApiId,
        resourceId,
        httpMethod,
        statusCode: '200',
        responseTemplates: { 'application/json': responseTemplate },
      }),
    );
  };

  const proxy = async (path: string, httpMethod: string, uri: string, timeoutInMillis?: number) => {
    const resourceId = await resource(path);
    await gateway.send(
      new PutMethodCommand({ restApiId, resourceId, httpMethod, authorizationType: 'NONE' }),
    );
    await gateway.send(
      new PutIntegrationCommand({
        restApiId,
        resourceId,
        httpMethod,
        type: 'HTTP_PROXY',
        integrationHttpMethod: 'ANY',
        uri,
        timeoutInMillis,
      }),
    );
  };

  const deploy = async (stageName: string, variables: Record<string, string> = {}) =>
    (await gateway.send(new CreateDeploymentCommand({ restApiId, stageName, variables }))).id!;

  const updateStage = (stageName: string, patchOperations: PatchOperation[]) =>
    gateway.send(new UpdateStageCommand({ restApiId, stageName, patchOperations }));

  const invoke = (stageName: string, path: string, init?: RequestInit) =>
    fetch(`${emulator.invokeUrl(restApiId, stageName)}${path}`, init);

  const invokeUrl = (stageName: string, path: string) => `${emulator.invokeUrl(restApiId, stageName)}${path}`;

  return { name, restApiId, resource, mock, proxy, deploy, updateStage, invoke, invokeUrl };
}

/** A keep-alive GET with node's client: fetch is too slow for ten thousand requests on a busy machine. */
const agent = new Agent({ keepAlive: true, maxSockets: 16 });
function getText(url: string): Promise<string> {
  return new Promise((resolve, reject) => {
    request(url, { agent }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
      res.on('error', reject);
    })
      .on('error', reject)
      .end();
  });
}

/** Sends `count` requests with at most `concurrency` in flight; returns them in order. */
async function sendMany<T>(
  count: number,
  concurrency: number,
  send: (i: number) => Promise<T>,
): Promise<T[]> {
  const results: T[] = new Array(count);
  let next = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < count) {
        const i = next++;
        results[i] = await send(i);
      }
    }),
  );
  return results;
}

/** Sum of a metric over the last hour, as the dashboards ask for it: one GetMetricData call. */
async function sums(apiName: string, metricName: string, stages: (string | undefined)[]) {
  const now = Date.now();
  const out = await cloudWatch.send(
    new GetMetricDataCommand({
      StartTime: new Date(now - 3_600_000),
      EndTime: new Date(now + 120_000),
      MetricDataQueries: stages.map((stage, i) => ({
        Id: `m${i}`,
        MetricStat: {
          Metric: {
            Namespace: 'AWS/ApiGateway',
            MetricName: metricName,
            Dimensions: [
              { Name: 'ApiName', Value: apiName },
              ...(stage === undefined ? [] : [{ Name: 'Stage', Value: stage }]),
            ],
          },
          Period: 60,
          Stat: 'Sum',
        },
      })),
    }),
  );
  return out.MetricDataResults!.map((r) => (r.Values ?? []).reduce((a, b) => a + b, 0));
}

describe('data plane: invoke URLs through real HTTP', () => {
  it('splits 10,000 requests to the canary at percentTraffic, with its variable overrides, and counts each once', async () => {
    const api = await createApi('canary');
    await api.mock('/', 'GET', '{"version": "$stageVariables.version", "colour": "$stageVariables.colour"}');
    await api.deploy('prod', { version: 'v1', colour: 'blue' });
    await gateway.send(
      new CreateDeploymentCommand({
        restApiId: api.restApiId,
        stageName: 'prod',
        canarySettings: { percentTraffic: 10, stageVariableOverrides: { version: 'v2' } },
      }),
    );

    const total = 10_000;
    const bodies = await sendMany(total, 16, async () =>
      JSON.parse(await getText(api.invokeUrl('prod', '/'))),
    );
    const canary = bodies.filter((b) => b.version === 'v2').length;
    const base = bodies.filter((b) => b.version === 'v1').length;
    expect(canary + base).toBe(total);
    // Binomial: mean n·p, standard deviation √(n·p·(1−p)) = 30.
    const sd = Math.sqrt(total * 0.1 * 0.9);
    expect(Math.abs(canary - total * 0.1)).toBeLessThan(4 * sd);
    // The canary sees its override and the stage's other variables.
    expect(bodies.every((b) => b.colour === 'blue')).toBe(true);

    const [all, prod, prodCanary] = await sums(api.name, 'Count', [undefined, 'prod', 'prod/Canary']);
    expect(all).toBe(total);
    expect(prod).toBe(base);
    expect(prodCanary).toBe(canary);
  }, 120_000);

  it('answers an unknown route, verb or stage with 403 Missing Authentication Token and request ids', async () => {
    const api = await createApi('routes');
    await api.mock('/pets', 'GET', '{"route": "pets"}');
    await api.mock('/pets/{petId}', 'GET', '{"route": "pet"}');
    await api.mock('/pets/mine', 'GET', '{"route": "mine"}');
    await api.mock('/files/{proxy+}', 'ANY', '{"route": "files"}');
    await api.deploy('dev');

    const route = async (path: string, method = 'GET') =>
      ((await (await api.invoke('dev', path, { method })).json()) as { route: string }).route;
    expect(await route('/pets')).toBe('pets');
    expect(await route('/pets/7')).toBe('pet');
    expect(await route('/pets/mine')).toBe('mine');
    expect(await route('/files/a/b/c.txt', 'DELETE')).toBe('files');

    for (const [path, method] of [
      ['/nowhere', 'GET'],
      ['/pets', 'POST'],
      ['/files', 'GET'],
    ] as const) {
      const res = await api.invoke('dev', path, { method });
      expect(res.status).toBe(403);
      expect(await res.json()).toEqual({ message: 'Missing Authentication Token' });
      expect(res.headers.get('x-amzn-requestid')).toMatch(/^[0-9a-f-]{36}$/);
      expect(res.headers.get('x-amz-apigw-id')).toBeTruthy();
    }
    expect((await api.invoke('nostage', '/pets')).status).toBe(403);
    const [fourXx] = await sums(api.name, '4XXError', ['dev']);
    expect(fourXx).toBe(3);
  });

  it('runs the deployment snapshot, not the live API definition', async () => {
    const api = await createApi('snapshot');
    await api.mock('/', 'GET', '{"v": 1}');
    await api.deploy('prod');
    await gateway.send(
      new PutIntegrationResponseCommand({
        restApiId: api.restApiId,
        resourceId: await api.resource('/'),
        httpMethod: 'GET',
        statusCode: '200',
        responseTemplates: { 'application/json': '{"v": 2}' },
      }),
    );
    await api.mock('/new', 'GET', '{"v": 2}');
    expect(await (await api.invoke('prod', '/new')).status).toBe(403);
    await api.deploy('next');
    expect(await (await api.invoke('next', '/')).json()).toEqual({ v: 2 });
    expect(await (await api.invoke('prod', '/')).json()).toEqual({ v: 1 });
    expect((await api.invoke('prod', '/new')).status).toBe(403);
  });

  it('throttles a burst over the stage bucket with 429 and lets the rest pass', async () => {
    const api = await createApi('throttle');
    await api.mock('/', 'GET', '{"ok": true}');
    await api.deploy('prod');
    await api.updateStage('prod', [
      { op: 'replace', path: '/*/*/throttling/rateLimit', value: '1' },
      { op: 'replace', path: '/*/*/throttling/burstLimit', value: '5' },
    ]);
    const burstStarted = performance.now();
    const responses = await Promise.all(Array.from({ length: 30 }, () => api.invoke('prod', '/')));
    const burstSeconds = (performance.now() - burstStarted) / 1000;
    const statuses = responses.map((r) => r.status);
    const passed = statuses.filter((s) => s === 200).length;
    const throttled = responses.filter((r) => r.status === 429);
    expect(passed + throttled.length).toBe(30);
    // The burst of 5, plus the tokens refilled at 1/s while the burst is served.
    expect(passed).toBeGreaterThanOrEqual(5);
    expect(passed).toBeLessThanOrEqual(5 + Math.ceil(burstSeconds));
    expect(throttled.length).toBeGreaterThanOrEqual(30 - 5 - Math.ceil(burstSeconds));
    expect(await throttled[0]!.json()).toEqual({ message: 'Too Many Requests' });
    const [count, fourXx] = await Promise.all([
      sums(api.name, 'Count', ['prod']),
      sums(api.name, '4XXError', ['prod']),
    ]);
    expect(count[0]).toBe(30);
    expect(fourXx[0]).toBe(throttled.length);
  });

  it('serves the second identical request from the stage cache, and misses again after FlushStageCache', async () => {
    const api = await createApi('cache');
    await api.proxy('/items', 'GET', `${upstreamUrl}/cached/\${stageVariables.shelf}`);
    await api.deploy('prod', { shelf: 'a' });
    await api.updateStage('prod', [
      { op: 'replace', path: '/cacheClusterEnabled', value: 'true' },
      { op: 'replace', path: '/cacheClusterSize', value: '0.5' },
      { op: 'replace', path: '/*/*/caching/enabled', value: 'true' },
      { op: 'replace', path: '/*/*/caching/ttlInSeconds', value: '300' },
    ]);
    const first = await api.invoke('prod', '/items');
    expect(first.status).toBe(200);
    expect(await first.json()).toMatchObject({ path: '/cached/a' });
    const second = await api.invoke('prod', '/items');
    expect(await second.json()).toMatchObject({ path: '/cached/a' });
    expect(second.headers.get('x-upstream')).toBe('test');
    expect(upstreamHits.get('/cached/a')).toBe(1);
    expect(await sums(api.name, 'CacheHitCount', ['prod'])).toEqual([1]);
    expect(await sums(api.name, 'CacheMissCount', ['prod'])).toEqual([1]);

    const flushed = await gateway.send(
      new FlushStageCacheCommand({ restApiId: api.restApiId, stageName: 'prod' }),
    );
    expect(flushed.$metadata.httpStatusCode).toBe(202);
    await api.invoke('prod', '/items');
    expect(upstreamHits.get('/cached/a')).toBe(2);
    expect(await sums(api.name, 'CacheMissCount', ['prod'])).toEqual([2]);
  });

  it('proxies to the upstream with stage variables, path and query, and times out after timeoutInMillis with 504', async () => {
    const api = await createApi('proxy');
    await api.proxy('/orders/{id}', 'GET', `${upstreamUrl}/\${stageVariables.backend}/orders/{id}`);
    await api.proxy('/slow', 'GET', `${upstreamUrl}/slow`, 200);
    await api.proxy('/down', 'GET', 'http://127.0.0.1:1/unreachable');
    await api.deploy('prod', { backend: 'svc' });

    const ok = await api.invoke('prod', '/orders/42?expand=lines');
    expect(ok.status).toBe(200);
    expect(await ok.json()).toEqual({ path: '/svc/orders/42', query: 'expand=lines', method: 'GET' });

    const started = Date.now();
    const slow = await api.invoke('prod', '/slow');
    expect(slow.status).toBe(504);
    expect(await slow.json()).toEqual({ message: 'Endpoint request timed out' });
    expect(Date.now() - started).toBeLessThan(1000);

    const down = await api.invoke('prod', '/down');
    expect(down.status).toBe(502);
    expect(await down.json()).toEqual({ message: 'Internal server error' });

    const [count, fiveXx] = await Promise.all([
      sums(api.name, 'Count', ['prod']),
      sums(api.name, '5XXError', ['prod']),
    ]);
    expect(count).toEqual([3]);
    expect(fiveXx).toEqual([2]);
  });

  it('refuses a method that requires an API key without a valid key, and an authorizer without the token', async () => {
    const api = await createApi('auth');
    const authorizer = await gateway.send(
      new CreateAuthorizerCommand({
        restApiId: api.restApiId,
        name: 'token',
        type: 'TOKEN',
        authorizerUri:
          'arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/arn:aws:lambda:us-east-1:000000000000:function:auth/invocations',
        identitySource: 'method.request.header.Authorization',
      }),
    );
    await api.mock('/keyed', 'GET', '{"ok": true}', { apiKeyRequired: true });
    await api.mock('/authorized', 'GET', '{"ok": true}', {
      authorizationType: 'CUSTOM',
      authorizerId: authorizer.id,
    });
    await api.deploy('prod');
    const key = await gateway.send(new CreateApiKeyCommand({ name: 'partner', enabled: true }));
    const disabled = await gateway.send(new CreateApiKeyCommand({ name: 'retired', enabled: false }));

    const keyed = (headers: Record<string, string>) => api.invoke('prod', '/keyed', { headers });
    const without = await keyed({});
    expect(without.status).toBe(403);
    expect(await without.json()).toEqual({ message: 'Forbidden' });
    expect((await keyed({ 'x-api-key': 'not-a-key' })).status).toBe(403);
    expect((await keyed({ 'x-api-key': disabled.value! })).status).toBe(403);
    expect((await keyed({ 'x-api-key': key.value! })).status).toBe(200);

    const authorized = (headers: Record<string, string>) => api.invoke('prod', '/authorized', { headers });
    const refused = await authorized({});
    expect(refused.status).toBe(401);
    expect(await refused.json()).toEqual({ message: 'Unauthorized' });
    expect((await authorized({ authorization: 'Bearer wrong' })).status).toBe(401);
    expect((await authorized({ authorization: `Bearer ${DEFAULT_AUTHORIZER_TOKEN}` })).status).toBe(200);
  });
  it('maps an HTTP (non-proxy) backend status through integration responses and selection patterns', async () => {
    const api = await createApi('http');
    const resourceId = await api.resource('/status/{code}');
    const restApiId = api.restApiId;
    await gateway.send(
      new PutMethodCommand({ restApiId, resourceId, httpMethod: 'GET', authorizationType: 'NONE' }),
    );
    await gateway.send(
      new PutIntegrationCommand({
        restApiId,
        resourceId,
        httpMethod: 'GET',
        type: 'HTTP',
        integrationHttpMethod: 'GET',
        uri: `${upstreamUrl}/status/{code}`,
        requestParameters: { 'integration.request.path.code': 'method.request.path.code' },
      }),
    );
    const response = (statusCode: string, selectionPattern?: string, template?: string) =>
      gateway.send(
        new PutIntegrationResponseCommand({
          restApiId,
          resourceId,
          httpMethod: 'GET',
          statusCode,
          selectionPattern,
          responseTemplates: template ? { 'application/json': template } : undefined,
        }),
      );
    await response('200');
    await response('404', '4\\d{2}', '{"message": "no such thing"}');
    await response('502', '5\\d{2}', '{"message": "backend failed"}');
    await api.deploy('prod');

    const ok = await api.invoke('prod', '/status/200');
    expect(ok.status).toBe(200);
    expect(await ok.json()).toEqual({ upstreamStatus: 200 });
    const missing = await api.invoke('prod', '/status/410');
    expect(missing.status).toBe(404);
    expect(await missing.json()).toEqual({ message: 'no such thing' });
    const failed = await api.invoke('prod', '/status/503');
    expect(failed.status).toBe(502);
    expect(await failed.json()).toEqual({ message: 'backend failed' });
  });

  it('keys the cache by cache-key parameters, and keeps a canary without useStageCache out of it', async () => {
    const api = await createApi('cachekey');
    const restApiId = api.restApiId;
    const resourceId = await api.resource('/shelves/{shelf}');
    await gateway.send(
      new PutMethodCommand({
        restApiId,
        resourceId,
        httpMethod: 'GET',
        authorizationType: 'NONE',
        requestParameters: { 'method.request.path.shelf': true, 'method.request.querystring.sort': false },
      }),
    );
    await gateway.send(
      new PutIntegrationCommand({
        restApiId,
        resourceId,
        httpMethod: 'GET',
        type: 'HTTP_PROXY',
        integrationHttpMethod: 'GET',
        uri: `${upstreamUrl}/keyed/{shelf}`,
        requestParameters: { 'integration.request.path.shelf': 'method.request.path.shelf' },
        cacheKeyParameters: ['method.request.path.shelf'],
      }),
    );
    await api.deploy('prod');
    await api.updateStage('prod', [
      { op: 'replace', path: '/cacheClusterEnabled', value: 'true' },
      { op: 'replace', path: '/*/*/caching/enabled', value: 'true' },
    ]);
    for (const shelf of ['a', 'b', 'a', 'b']) await api.invoke('prod', `/shelves/${shelf}?sort=${shelf}`);
    // Listed parameter (shelf) splits the key; an unlisted one (sort) does not.
    await api.invoke('prod', '/shelves/a?sort=other');
    expect(upstreamHits.get('/keyed/a')).toBe(1);
    expect(upstreamHits.get('/keyed/b')).toBe(1);

    // A 100 % canary that does not use the stage cache reaches the backend every time.
    await gateway.send(
      new CreateDeploymentCommand({
        restApiId,
        stageName: 'prod',
        canarySettings: { percentTraffic: 100, useStageCache: false },
      }),
    );
    for (let i = 0; i < 3; i++) await api.invoke('prod', '/shelves/a');
    expect(upstreamHits.get('/keyed/a')).toBe(4);
    expect(await sums(api.name, 'CacheHitCount', ['prod', 'prod/Canary'])).toEqual([3, 0]);
  });
});
