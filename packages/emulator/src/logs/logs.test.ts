import {
  APIGatewayClient,
  CreateDeploymentCommand,
  CreateResourceCommand,
  CreateStageCommand,
  GetStageCommand,
  PutIntegrationCommand,
  PutIntegrationResponseCommand,
  PutMethodCommand,
  UpdateStageCommand,
} from '@aws-sdk/client-api-gateway';
import {
  CloudWatchLogsClient,
  CreateLogGroupCommand,
  CreateLogStreamCommand,
  DeleteLogGroupCommand,
  DescribeLogGroupsCommand,
  FilterLogEventsCommand,
  type FilterLogEventsCommandOutput,
  GetLogEventsCommand,
  GetQueryResultsCommand,
  type GetQueryResultsCommandOutput,
  PutLogEventsCommand,
  PutRetentionPolicyCommand,
  StartQueryCommand,
  StopQueryCommand,
} from '@aws-sdk/client-cloudwatch-logs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDeployableApi } from '../apigateway/sdk-harness.ts';
import { DEMO_ACCESS_LOG_FORMAT } from '../seed/world.ts';
import { type RunningEmulator, startEmulator } from '../server.ts';
import { newId } from '../state.ts';

let emulator: RunningEmulator;
let gateway: APIGatewayClient;
let logs: CloudWatchLogsClient;
const credentials = { accessKeyId: 'test', secretAccessKey: 'test' };

beforeAll(async () => {
  emulator = await startEmulator({ port: 0, seed: 'none', randomSeed: 7 });
  const config = { endpoint: emulator.url, region: 'us-east-1', credentials, maxAttempts: 1 };
  gateway = new APIGatewayClient(config);
  logs = new CloudWatchLogsClient(config);
});

afterAll(async () => {
  gateway.destroy();
  logs.destroy();
  await emulator.close();
});

/** Every page of FilterLogEvents. */
async function filterAll(logGroupName: string, filterPattern?: string, limit?: number) {
  const events: NonNullable<FilterLogEventsCommandOutput['events']> = [];
  let nextToken: string | undefined;
  do {
    const page = await logs.send(
      new FilterLogEventsCommand({ logGroupName, filterPattern, nextToken, limit }),
    );
    events.push(...(page.events ?? []));
    nextToken = page.nextToken;
  } while (nextToken);
  return events;
}

/** StartQuery, then GetQueryResults until the query has finished, as a client must. */
async function insights(
  logGroupName: string,
  queryString: string,
  startTime = 0,
  endTime = Date.now() / 1000 + 60,
) {
  const { queryId } = await logs.send(
    new StartQueryCommand({
      logGroupName,
      queryString,
      startTime: Math.floor(startTime),
      endTime: Math.ceil(endTime),
    }),
  );
  let result: GetQueryResultsCommandOutput;
  do {
    result = await logs.send(new GetQueryResultsCommand({ queryId }));
  } while (result.status === 'Scheduled' || result.status === 'Running');
  expect(result.status).toBe('Complete');
  return (result.results ?? []).map((row) =>
    Object.fromEntries(row.filter((f) => f.field !== '@ptr').map((f) => [f.field!, f.value!])),
  );
}

describe('CloudWatch Logs through @aws-sdk/client-cloudwatch-logs', () => {
  it('creates, describes, retains and deletes log groups with AWS errors', async () => {
    const name = `/test/groups-${newId(6)}`;
    await logs.send(new CreateLogGroupCommand({ logGroupName: name }));
    await expect(logs.send(new CreateLogGroupCommand({ logGroupName: name }))).rejects.toMatchObject({
      name: 'ResourceAlreadyExistsException',
    });
    await expect(logs.send(new CreateLogGroupCommand({ logGroupName: 'bad name!' }))).rejects.toMatchObject({
      name: 'InvalidParameterException',
    });
    await logs.send(new PutRetentionPolicyCommand({ logGroupName: name, retentionInDays: 7 }));
    await expect(
      logs.send(new PutRetentionPolicyCommand({ logGroupName: name, retentionInDays: 8 })),
    ).rejects.toMatchObject({ name: 'InvalidParameterException' });
    const described = await logs.send(new DescribeLogGroupsCommand({ logGroupNamePrefix: name }));
    expect(described.logGroups).toEqual([
      expect.objectContaining({
        logGroupName: name,
        retentionInDays: 7,
        logGroupArn: expect.stringContaining(`:log-group:${name}`),
      }),
    ]);
    await logs.send(new DeleteLogGroupCommand({ logGroupName: name }));
    await expect(logs.send(new DeleteLogGroupCommand({ logGroupName: name }))).rejects.toMatchObject({
      name: 'ResourceNotFoundException',
    });
  });

  it('stores PutLogEvents in order and finds them by terms and JSON patterns', async () => {
    const logGroupName = `/test/events-${newId(6)}`;
    const logStreamName = 'a';
    await logs.send(new CreateLogGroupCommand({ logGroupName }));
    await logs.send(new CreateLogStreamCommand({ logGroupName, logStreamName }));
    const t0 = Date.now() - 60_000;
    const lines = [
      { status: 200, path: '/pets', note: 'fine' },
      { status: 429, path: '/pets', note: 'slow down' },
      { status: 429, path: '/orders', note: 'slow down' },
      { status: 504, path: '/orders', note: 'timeout ERROR' },
    ];
    await logs.send(
      new PutLogEventsCommand({
        logGroupName,
        logStreamName,
        logEvents: [
          ...lines.map((line, i) => ({ timestamp: t0 + i, message: JSON.stringify(line) })),
          { timestamp: t0 + 10, message: 'plain text ERROR line' },
        ],
      }),
    );
    await expect(
      logs.send(
        new PutLogEventsCommand({
          logGroupName,
          logStreamName,
          logEvents: [
            { timestamp: t0 + 5, message: 'b' },
            { timestamp: t0 + 1, message: 'a' },
          ],
        }),
      ),
    ).rejects.toMatchObject({ name: 'InvalidParameterException' });

    const messages = async (pattern: string) =>
      (await filterAll(logGroupName, pattern)).map((e) => e.message);
    expect(await messages('{ $.status = 429 }')).toEqual([
      JSON.stringify(lines[1]),
      JSON.stringify(lines[2]),
    ]);
    expect(await messages('{ $.status >= 500 || $.path = "/pe*" }')).toHaveLength(3);
    expect(await messages('ERROR')).toEqual([JSON.stringify(lines[3]), 'plain text ERROR line']);
    expect(await messages('"slow down" -orders')).toEqual([JSON.stringify(lines[1])]);
    expect(await filterAll(logGroupName, undefined, 2)).toHaveLength(5);
    await expect(
      logs.send(new FilterLogEventsCommand({ logGroupName, filterPattern: '{ $.status = }' })),
    ).rejects.toMatchObject({
      name: 'InvalidParameterException',
    });

    const head = await logs.send(
      new GetLogEventsCommand({ logGroupName, logStreamName, startFromHead: true, limit: 2 }),
    );
    expect(head.events?.map((e) => e.timestamp)).toEqual([t0, t0 + 1]);
    const next = await logs.send(
      new GetLogEventsCommand({ logGroupName, logStreamName, nextToken: head.nextForwardToken, limit: 10 }),
    );
    expect(next.events).toHaveLength(3);
  });

  it('answers Logs Insights queries, and refuses malformed ones as AWS does', async () => {
    const logGroupName = `/test/insights-${newId(6)}`;
    await logs.send(new CreateLogGroupCommand({ logGroupName }));
    await logs.send(new CreateLogStreamCommand({ logGroupName, logStreamName: 's' }));
    const base = Math.floor(Date.now() / 300_000) * 300_000 - 600_000;
    const statuses = [200, 200, 429, 200, 504, 429];
    await logs.send(
      new PutLogEventsCommand({
        logGroupName,
        logStreamName: 's',
        logEvents: statuses.map((status, i) => ({
          timestamp: base + i * 100_000,
          message: JSON.stringify({ status, latency: 10 * (i + 1), path: i % 2 ? '/a' : '/b' }),
        })),
      }),
    );
    const byStatus = await insights(logGroupName, 'stats count(*) as n by status | sort status asc');
    expect(byStatus).toEqual([
      { status: '200', n: '3' },
      { status: '429', n: '2' },
      { status: '504', n: '1' },
    ]);
    const binned = await insights(
      logGroupName,
      'filter status >= 400 | stats count(*) by bin(5m), status | sort `bin(5m)` asc',
    );
    expect(binned.map((row) => row['count(*)'])).toEqual(['1', '1', '1']);
    expect(binned[0]!['bin(5m)']).toMatch(/^\d{4}-\d\d-\d\d \d\d:\d[05]:00\.000$/);
    const recent = await insights(
      logGroupName,
      'fields @timestamp, status, latency | filter status in [429, 504] | sort latency desc | limit 2',
    );
    expect(recent.map((row) => row.latency)).toEqual(['60', '50']);
    const averages = await insights(
      logGroupName,
      'stats avg(latency) as avg, max(latency) as max by path | sort path',
    );
    expect(averages).toEqual([
      { path: '/b', avg: '30', max: '50' },
      { path: '/a', avg: '40', max: '60' },
    ]);

    await expect(
      logs.send(
        new StartQueryCommand({ logGroupName, queryString: 'stats count(*) by', startTime: 0, endTime: 1 }),
      ),
    ).rejects.toMatchObject({ name: 'MalformedQueryException' });
    await expect(
      logs.send(
        new StartQueryCommand({
          logGroupName: '/nope',
          queryString: 'fields @message',
          startTime: 0,
          endTime: 1,
        }),
      ),
    ).rejects.toMatchObject({ name: 'ResourceNotFoundException' });
    const { queryId } = await logs.send(
      new StartQueryCommand({
        logGroupName,
        queryString: 'fields @message',
        startTime: 0,
        endTime: 1,
        limit: 5,
      }),
    );
    let status: string | undefined;
    do status = (await logs.send(new GetQueryResultsCommand({ queryId }))).status;
    while (status !== 'Complete');
    // A query that has ended cannot be stopped.
    await expect(logs.send(new StopQueryCommand({ queryId }))).rejects.toMatchObject({
      name: 'InvalidParameterException',
    });
  });
});

describe('access logs from the data plane', () => {
  it('writes one line per request, base and canary apart, each once, in order', async () => {
    const { restApiId, rootId } = await createDeployableApi(gateway, `access-${newId(6)}`);
    // A route that is always throttled: rate and burst 0.
    const limited = await gateway.send(
      new CreateResourceCommand({ restApiId, parentId: rootId, pathPart: 'limited' }),
    );
    await gateway.send(
      new PutMethodCommand({
        restApiId,
        resourceId: limited.id!,
        httpMethod: 'GET',
        authorizationType: 'NONE',
      }),
    );
    await gateway.send(
      new PutIntegrationCommand({
        restApiId,
        resourceId: limited.id!,
        httpMethod: 'GET',
        type: 'MOCK',
        requestTemplates: { 'application/json': '{"statusCode": 200}' },
      }),
    );
    for (const resourceId of [rootId, limited.id!]) {
      await gateway.send(
        new PutIntegrationResponseCommand({ restApiId, resourceId, httpMethod: 'GET', statusCode: '200' }),
      );
    }
    const deployment = await gateway.send(new CreateDeploymentCommand({ restApiId }));
    await gateway.send(
      new CreateStageCommand({ restApiId, stageName: 'prod', deploymentId: deployment.id! }),
    );
    const logGroupName = `API-Gateway-Access-Logs_${restApiId}/prod`;
    await logs.send(new CreateLogGroupCommand({ logGroupName }));
    const destinationArn = `arn:aws:logs:us-east-1:000000000000:log-group:${logGroupName}`;

    await expect(
      gateway.send(
        new UpdateStageCommand({
          restApiId,
          stageName: 'prod',
          patchOperations: [
            { op: 'replace', path: '/accessLogSettings/destinationArn', value: destinationArn },
            { op: 'replace', path: '/accessLogSettings/format', value: '{"status":"$context.status"}' },
          ],
        }),
      ),
    ).rejects.toMatchObject({
      name: 'BadRequestException',
      message: expect.stringContaining('$context.requestId'),
    });
    await gateway.send(
      new UpdateStageCommand({
        restApiId,
        stageName: 'prod',
        patchOperations: [
          { op: 'replace', path: '/accessLogSettings/destinationArn', value: destinationArn },
          { op: 'replace', path: '/accessLogSettings/format', value: DEMO_ACCESS_LOG_FORMAT },
          { op: 'replace', path: '/~1limited/GET/throttling/rateLimit', value: '0' },
          { op: 'replace', path: '/~1limited/GET/throttling/burstLimit', value: '0' },
        ],
      }),
    );
    const stage = await gateway.send(new GetStageCommand({ restApiId, stageName: 'prod' }));
    expect(stage.accessLogSettings).toEqual({ destinationArn, format: DEMO_ACCESS_LOG_FORMAT });

    const invoke = emulator.invokeUrl(restApiId, 'prod');
    const sent: { side: 'base' | 'canary'; status: number; requestId: string }[] = [];
    const send = async (side: 'base' | 'canary', path: string, n: number) => {
      for (let i = 0; i < n; i++) {
        const response = await fetch(`${invoke}${path}`);
        await response.arrayBuffer();
        sent.push({ side, status: response.status, requestId: response.headers.get('x-amzn-requestid')! });
      }
    };
    const plan = { '/': 5, '/limited': 3, '/missing': 2 };
    for (const [path, n] of Object.entries(plan)) await send('base', path, n);
    // All traffic to the canary: its requests are known to be canary ones.
    await gateway.send(
      new UpdateStageCommand({
        restApiId,
        stageName: 'prod',
        patchOperations: [{ op: 'replace', path: '/canarySettings/percentTraffic', value: '100' }],
      }),
    );
    await send('canary', '/', 4);
    await send('canary', '/limited', 1);
    expect(sent.map((s) => s.status).sort()).toEqual([
      200, 200, 200, 200, 200, 200, 200, 200, 200, 403, 403, 429, 429, 429, 429,
    ]);

    const events = await filterAll(logGroupName);
    expect(events.map((e) => JSON.parse(e.message!).requestId)).toEqual(sent.map((s) => s.requestId));
    const throttled = await filterAll(logGroupName, '{ $.status = 429 }');
    expect(throttled.map((e) => JSON.parse(e.message!).requestId)).toEqual(
      sent.filter((s) => s.status === 429).map((s) => s.requestId),
    );
    const line = JSON.parse(throttled[0]!.message!);
    expect(line).toMatchObject({
      status: 429,
      errorType: 'THROTTLED',
      errorMessage: 'Too Many Requests',
      httpMethod: 'GET',
      resourcePath: '/limited',
      path: '/prod/limited',
      stage: 'prod',
      isCanaryRequest: 'false',
    });

    const counted = await insights(
      logGroupName,
      'stats count(*) as n by status, isCanaryRequest | sort status asc, isCanaryRequest asc',
    );
    const expected = new Map<string, number>();
    for (const s of sent) {
      const key = `${s.status}/${s.side === 'canary'}`;
      expected.set(key, (expected.get(key) ?? 0) + 1);
    }
    expect(
      Object.fromEntries(counted.map((row) => [`${row.status}/${row.isCanaryRequest}`, Number(row.n)])),
    ).toEqual(Object.fromEntries(expected));

    await gateway.send(
      new UpdateStageCommand({
        restApiId,
        stageName: 'prod',
        patchOperations: [{ op: 'remove', path: '/accessLogSettings' }],
      }),
    );
    await send('base', '/', 1);
    expect(await filterAll(logGroupName)).toHaveLength(sent.length - 1);
  });
});
