import { randomUUID } from 'node:crypto';
import { APIGatewayClient, UpdateStageCommand } from '@aws-sdk/client-api-gateway';
import {
  CloudWatchLogsClient,
  CreateLogGroupCommand,
  CreateLogStreamCommand,
  GetQueryResultsCommand,
  PutLogEventsCommand,
  PutRetentionPolicyCommand,
  StartQueryCommand,
} from '@aws-sdk/client-cloudwatch-logs';
import { RECOMMENDED_ACCESS_LOG_FORMAT } from '@gateway-console/contract';
import { compareThroughput } from '../load.ts';
import { type Child, startTsx } from '../processes.ts';
import { type Figure, measured } from '../report.ts';
import { createBenchApi } from './dataPlane.ts';

const stageName = 'bench';
const names = {
  dataPlane: 'Data plane MOCK with access logging',
  query: '24-hour status-code query, busy stage',
} as const;

/** A busy stage: 5 requests/s all day long, as access-log lines in the recommended format's fields. */
const BUSY_REQUESTS_PER_SECOND = 5;
const DAY_MS = 86_400_000;
/** PutLogEvents takes at most 1 MiB a call: about this many of these lines. */
const EVENTS_PER_PUT = 2_500;
/** What the console's BFF asks Logs Insights for a 24-hour view (5-minute periods), base and canary apart. */
const STATUS_CODES_QUERY =
  'filter ispresent(`status`) | stats count(*) as requests by bin(5m) as t, `status` as status, `isCanaryRequest` as canary';

const STATUSES = [200, 200, 200, 200, 200, 200, 200, 200, 201, 400, 403, 404, 429, 429, 500, 502, 503, 504];

function accessLogLine(timestamp: number, i: number): string {
  const status = STATUSES[i % STATUSES.length]!;
  const gateway = status === 429 || status === 403 || status === 504;
  return JSON.stringify({
    requestId: randomUUID(),
    requestTime: new Date(timestamp).toISOString(),
    httpMethod: 'GET',
    resourcePath: '/pets/{petId}',
    path: `/prod/pets/${i % 40}`,
    status,
    responseLatency: 5 + (i % 90),
    integrationLatency: gateway ? '-' : String(3 + (i % 80)),
    integrationStatus: gateway ? '-' : String(status),
    errorType: status === 429 ? 'THROTTLED' : status === 504 ? 'INTEGRATION_TIMEOUT' : '-',
    errorMessage: status === 429 ? 'Too Many Requests' : '-',
    isCanaryRequest: String(i % 10 === 0),
    stage: 'prod',
    sourceIp: `198.51.100.${i % 200}`,
  });
}

/** What a hand-written scan of the same lines costs: parse each, count by period, status and side. */
function plainScan(lines: { timestamp: number; message: string }[]): { ms: number; total: number } {
  const started = performance.now();
  const counts = new Map<string, number>();
  for (const { timestamp, message } of lines) {
    const line = JSON.parse(message) as { status: number; isCanaryRequest: string };
    const key = `${Math.floor(timestamp / 300_000)}/${line.status}/${line.isCanaryRequest}`;
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  let total = 0;
  for (const n of counts.values()) total += n;
  return { ms: performance.now() - started, total };
}

/**
 * The data plane with access logging on against the same stage without it (same run, same emulator),
 * and a 24-hour Logs Insights status-code query over a busy stage's logs against a plain scan of them.
 */
export async function accessLogs(): Promise<Figure[]> {
  const children: Child[] = [];
  try {
    const start = async (entry: string, args: string[]) => {
      const child = startTsx(entry, args);
      children.push(child);
      return (await child.waitFor(/(?:listening )?on (http:\/\/\S+)/, 30_000))[1]!;
    };
    const origin = await start('bench/baselines/origin.ts', []);
    const emulator = await start('packages/emulator/src/cli.ts', ['--port', '0', '--seed', 'none']);
    const aws = {
      region: 'us-east-1',
      endpoint: emulator,
      credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
    };
    const gateway = new APIGatewayClient(aws);
    const logs = new CloudWatchLogsClient(aws);

    // Two identical stages; one logs every request.
    const plain = await createBenchApi(gateway, origin);
    const logged = await createBenchApi(gateway, origin);
    const logGroupName = `API-Gateway-Access-Logs_${logged}/${stageName}`;
    await logs.send(new CreateLogGroupCommand({ logGroupName }));
    await gateway.send(
      new UpdateStageCommand({
        restApiId: logged,
        stageName,
        patchOperations: [
          {
            op: 'replace',
            path: '/accessLogSettings/destinationArn',
            value: `arn:aws:logs:us-east-1:000000000000:log-group:${logGroupName}`,
          },
          { op: 'replace', path: '/accessLogSettings/format', value: RECOMMENDED_ACCESS_LOG_FORMAT },
        ],
      }),
    );
    const invoke = (id: string) => `${emulator}/_aws/execute-api/${id}/${stageName}/mock`;
    const { without, withLogs } = await compareThroughput(
      { without: invoke(plain), withLogs: invoke(logged) },
      { seconds: 3, throttlingExpected: true },
    );

    // A busy stage's day of access logs, through PutLogEvents.
    const busyGroup = '/bench/busy-stage';
    await logs.send(new CreateLogGroupCommand({ logGroupName: busyGroup }));
    await logs.send(new CreateLogStreamCommand({ logGroupName: busyGroup, logStreamName: 'prod' }));
    // The emulator keeps a day in groups without a policy; the oldest lines must outlast the ingestion.
    await logs.send(new PutRetentionPolicyCommand({ logGroupName: busyGroup, retentionInDays: 7 }));
    const now = Date.now();
    const total = BUSY_REQUESTS_PER_SECOND * 86_400;
    const lines = Array.from({ length: total }, (_, i) => {
      const timestamp = now - DAY_MS + Math.floor((i * DAY_MS) / total);
      return { timestamp, message: accessLogLine(timestamp, i) };
    });
    for (let at = 0; at < lines.length; at += EVENTS_PER_PUT) {
      await logs.send(
        new PutLogEventsCommand({
          logGroupName: busyGroup,
          logStreamName: 'prod',
          logEvents: lines.slice(at, at + EVENTS_PER_PUT),
        }),
      );
    }
    const scan = plainScan(lines);
    const timings: number[] = [];
    let counted = 0;
    for (let round = 0; round < 3; round++) {
      const began = performance.now();
      const { queryId } = await logs.send(
        new StartQueryCommand({
          logGroupName: busyGroup,
          queryString: STATUS_CODES_QUERY,
          startTime: Math.floor((now - DAY_MS) / 1000),
          endTime: Math.ceil(now / 1000),
          limit: 10_000,
        }),
      );
      let result = await logs.send(new GetQueryResultsCommand({ queryId }));
      // Polled as the BFF polls: first at once, then after short waits.
      while (result.status === 'Scheduled' || result.status === 'Running') {
        await new Promise((resolve) => setTimeout(resolve, 25));
        result = await logs.send(new GetQueryResultsCommand({ queryId }));
      }
      timings.push(performance.now() - began);
      counted = (result.results ?? []).reduce(
        (sum, row) => sum + Number(row.find((cell) => cell.field === 'requests')?.value ?? 0),
        0,
      );
    }
    gateway.destroy();
    logs.destroy();
    if (counted !== total || scan.total !== total)
      throw new Error(`the query counted ${counted} of ${total} requests (plain scan ${scan.total})`);
    const median = [...timings].sort((a, b) => a - b)[1]!;
    return [
      measured({
        figure: names.dataPlane,
        unit: 'req/s',
        value: withLogs.requestsPerSecond,
        baseline: { label: 'same stage without access logging', value: without.requestsPerSecond },
        target: { atLeast: 5_000 },
        note: `one JSON line per request into CloudWatch Logs; p99 ${withLogs.latencyP99Ms} ms (without ${without.latencyP99Ms} ms)`,
      }),
      measured({
        figure: names.query,
        unit: 'ms',
        value: median,
        baseline: { label: 'plain JSON.parse scan of the same lines', value: scan.ms },
        target: { atMost: 1_000 },
        note: `${total.toLocaleString('en-US')} events (${BUSY_REQUESTS_PER_SECOND} req/s for 24 h), StartQuery → GetQueryResults Complete, stats count(*) by bin(5m), status, canary; every request counted once`,
      }),
    ];
  } finally {
    await Promise.all(children.map((child) => child.stop()));
  }
}
