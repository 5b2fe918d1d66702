import {
  APIGatewayClient,
  CreateDeploymentCommand,
  CreateResourceCommand,
  CreateRestApiCommand,
  PutIntegrationCommand,
  PutIntegrationResponseCommand,
  PutMethodCommand,
  UpdateStageCommand,
} from '@aws-sdk/client-api-gateway';
import { compareThroughput } from '../load.ts';
import { type Child, startTsx } from '../processes.ts';
import { type Figure, measured, notAvailable } from '../report.ts';

const seconds = 3;
const stageName = 'bench';
const names = {
  mock: 'Data plane MOCK, canary + cache + metrics',
  proxy: 'Data plane HTTP_PROXY, canary + cache + metrics',
} as const;

/**
 * An API built through the real control plane: `GET /mock` (MOCK, cached) and `GET /proxy`
 * (HTTP_PROXY to `origin`, uncached so every request reaches it) on a stage with the stage cache
 * on, a 10 % canary and the emulator's CloudWatch metrics recording every request.
 */
export async function createBenchApi(gateway: APIGatewayClient, origin: string): Promise<string> {
  const api = await gateway.send(new CreateRestApiCommand({ name: 'bench-data-plane' }));
  const restApiId = api.id!;
  const method = async (pathPart: string) => {
    const { id } = await gateway.send(
      new CreateResourceCommand({ restApiId, parentId: api.rootResourceId!, pathPart }),
    );
    await gateway.send(
      new PutMethodCommand({ restApiId, resourceId: id!, httpMethod: 'GET', authorizationType: 'NONE' }),
    );
    return id!;
  };
  const mockId = await method('mock');
  await gateway.send(
    new PutIntegrationCommand({
      restApiId,
      resourceId: mockId,
      httpMethod: 'GET',
      type: 'MOCK',
      requestTemplates: { 'application/json': '{"statusCode": 200}' },
    }),
  );
  await gateway.send(
    new PutIntegrationResponseCommand({
      restApiId,
      resourceId: mockId,
      httpMethod: 'GET',
      statusCode: '200',
      responseTemplates: { 'application/json': '{"pet": "cat", "id": 42}' },
    }),
  );
  const proxyId = await method('proxy');
  await gateway.send(
    new PutIntegrationCommand({
      restApiId,
      resourceId: proxyId,
      httpMethod: 'GET',
      type: 'HTTP_PROXY',
      integrationHttpMethod: 'GET',
      uri: `${origin}/pets`,
    }),
  );
  await gateway.send(new CreateDeploymentCommand({ restApiId, stageName }));
  await gateway.send(
    new UpdateStageCommand({
      restApiId,
      stageName,
      patchOperations: [
        { op: 'replace', path: '/cacheClusterEnabled', value: 'true' },
        { op: 'replace', path: '/cacheClusterSize', value: '0.5' },
        { op: 'replace', path: '/*/*/caching/enabled', value: 'true' },
        { op: 'replace', path: '/~1proxy/GET/caching/enabled', value: 'false' },
      ],
    }),
  );
  await gateway.send(
    new CreateDeploymentCommand({ restApiId, stageName, canarySettings: { percentTraffic: 10 } }),
  );
  return restApiId;
}

/** Data-plane requests/s through a MOCK and an HTTP_PROXY route vs a bare Node proxy to the same origin. */
export async function dataPlane(): Promise<Figure[]> {
  const children: Child[] = [];
  const start = async (entry: string, args: string[], printed: RegExp) => {
    const child = startTsx(entry, args);
    children.push(child);
    return (await child.waitFor(printed, 30_000))[1]!;
  };
  try {
    const origin = await start('bench/baselines/origin.ts', [], /listening on (http:\/\/\S+)/);
    const proxy = await start('bench/baselines/bare-proxy.ts', [origin], /listening on (http:\/\/\S+)/);
    const emulator = await start(
      'packages/emulator/src/cli.ts',
      ['--port', '0', '--seed', 'none'],
      /on (http:\/\/\S+)/,
    );
    const gateway = new APIGatewayClient({
      region: 'us-east-1',
      endpoint: emulator,
      credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
    });
    const restApiId = await createBenchApi(gateway, origin).finally(() => gateway.destroy());
    const invoke = `${emulator}/_aws/execute-api/${restApiId}/${stageName}`;

    const probe = await fetch(`${invoke}/mock`);
    await probe.arrayBuffer();
    if (probe.status === 404)
      return Object.values(names).map((name) =>
        notAvailable(name, 'req/s', { atLeast: 5_000 }, 'data plane not built yet'),
      );

    const {
      bare: baseline,
      mock,
      httpProxy,
    } = await compareThroughput(
      { bare: `${proxy}/pets`, mock: `${invoke}/mock`, httpProxy: `${invoke}/proxy` },
      // Past 10,000 requests/s the stage's limit (AWS's default and most) answers 429, as AWS would.
      { seconds, throttlingExpected: true },
    );
    const throttledNote = (result: { throttled: number }) =>
      result.throttled > 0
        ? `; ${result.throttled.toLocaleString('en-US')} more answered 429 (the stage's 10,000/s limit reached)`
        : '';
    const bareProxy = { label: 'bare Node HTTP proxy', value: baseline.requestsPerSecond };
    return [
      measured({
        figure: names.mock,
        unit: 'req/s',
        value: mock.requestsPerSecond,
        baseline: bareProxy,
        target: { atLeast: 5_000 },
        note: `cached MOCK, 10 % canary (uncached), 2xx answers per second; p99 ${mock.latencyP99Ms} ms${throttledNote(mock)}`,
      }),
      measured({
        figure: names.proxy,
        unit: 'req/s',
        value: httpProxy.requestsPerSecond,
        baseline: bareProxy,
        target: { atLeast: 5_000 },
        note: `uncached method on a cached stage, 10 % canary; p99 ${httpProxy.latencyP99Ms} ms (bare proxy p99 ${baseline.latencyP99Ms} ms)${throttledNote(httpProxy)}`,
      }),
    ];
  } finally {
    await Promise.all(children.map((child) => child.stop()));
  }
}
