import {
  CloudWatchClient,
  GetMetricDataCommand,
  type MetricDataQuery,
  PutMetricDataCommand,
} from '@aws-sdk/client-cloudwatch';
import { XMLParser } from 'fast-xml-parser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sdkClientConfig } from '../apigateway/sdk-harness.ts';
import { type RunningEmulator, startEmulator } from '../server.ts';

/**
 * CloudWatch conformance: the Query protocol beside AWS JSON 1.0, and metric math in GetMetricData.
 * Sources: the CloudWatch API Reference (GetMetricData, PutMetricData, ListMetrics, "Common
 * Errors", "Making API requests" → Query requests) and the CloudWatch User Guide, "Metric math
 * syntax and functions" (docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/using-metric-math.html).
 */

let emulator: RunningEmulator;
let cloudWatch: CloudWatchClient;
const NAMESPACE = 'GatewayConsole/Conformance';
const MINUTE = 60_000;
const base = Math.floor(Date.now() / MINUTE) * MINUTE - 10 * MINUTE;
const at = (minute: number) => new Date(base + minute * MINUTE);
const dims = [{ Name: 'ApiName', Value: 'orders' }];
const xml = new XMLParser({ ignoreAttributes: false, isArray: (name) => name === 'member' });

/** A Query request as the CLI signs it: form body, SigV4 scope for `monitoring`. */
async function query(params: Record<string, string>) {
  const response = await fetch(emulator.url, {
    method: 'POST',
    headers: {
      'content-type': 'application/x-www-form-urlencoded; charset=utf-8',
      authorization:
        'AWS4-HMAC-SHA256 Credential=test/20260101/us-east-1/monitoring/aws4_request, SignedHeaders=host, Signature=0',
    },
    body: new URLSearchParams({ Version: '2010-08-01', ...params }).toString(),
  });
  const text = await response.text();
  return {
    status: response.status,
    contentType: response.headers.get('content-type'),
    text,
    doc: xml.parse(text),
  };
}

const stat = (id: string, metricName: string, extra: Partial<MetricDataQuery> = {}): MetricDataQuery => ({
  Id: id,
  MetricStat: {
    Metric: { Namespace: NAMESPACE, MetricName: metricName, Dimensions: dims },
    Period: 60,
    Stat: 'Sum',
  },
  ...extra,
});

/** Minutes 0 to 4, oldest first. */
const minutesZeroToFive = (queries: MetricDataQuery[]) =>
  cloudWatch.send(
    new GetMetricDataCommand({
      StartTime: at(0),
      EndTime: at(5),
      ScanBy: 'TimestampAscending',
      MetricDataQueries: queries,
    }),
  );

/** The expression's points over minutes 0 to 4, with the metric queries it uses hidden. */
async function math(expression: string, queries: MetricDataQuery[]) {
  const out = await minutesZeroToFive([
    ...queries.map((q) => ({ ...q, ReturnData: false })),
    { Id: 'e', Expression: expression },
  ]);
  const [result] = out.MetricDataResults ?? [];
  return {
    minutes: (result?.Timestamps ?? []).map((t) => (t.getTime() - base) / MINUTE),
    values: result?.Values ?? [],
  };
}

beforeAll(async () => {
  emulator = await startEmulator({ port: 0, seed: 'none' });
  cloudWatch = new CloudWatchClient(sdkClientConfig(emulator.url));
  // Count: 10, 20, –, 40, 50 requests; 5XXError: 1, 0, –, 4, (none in minute 4); 4XXError: 2 in minute 0.
  const datum = (metricName: string, minute: number, value: number) => ({
    MetricName: metricName,
    Dimensions: dims,
    Timestamp: at(minute),
    Value: value,
  });
  await cloudWatch.send(
    new PutMetricDataCommand({
      Namespace: NAMESPACE,
      MetricData: [
        datum('Count', 0, 10),
        datum('Count', 1, 20),
        datum('Count', 3, 40),
        datum('Count', 4, 50),
        datum('5XXError', 0, 1),
        datum('5XXError', 1, 0),
        datum('5XXError', 3, 4),
        datum('4XXError', 0, 2),
      ],
    }),
  );
});

afterAll(async () => {
  cloudWatch?.destroy();
  await emulator?.close();
});

describe('Query protocol (form-encoded Action=…&Version=2010-08-01, XML answers)', () => {
  it('GetMetricData answers <GetMetricDataResponse> with members and ISO timestamps — API Reference, GetMetricData', async () => {
    const { status, contentType, doc } = await query({
      Action: 'GetMetricData',
      StartTime: at(0).toISOString(),
      EndTime: at(2).toISOString(),
      ScanBy: 'TimestampAscending',
      'MetricDataQueries.member.1.Id': 'm1',
      'MetricDataQueries.member.1.MetricStat.Metric.Namespace': NAMESPACE,
      'MetricDataQueries.member.1.MetricStat.Metric.MetricName': 'Count',
      'MetricDataQueries.member.1.MetricStat.Metric.Dimensions.member.1.Name': 'ApiName',
      'MetricDataQueries.member.1.MetricStat.Metric.Dimensions.member.1.Value': 'orders',
      'MetricDataQueries.member.1.MetricStat.Period': '60',
      'MetricDataQueries.member.1.MetricStat.Stat': 'Sum',
    });
    expect(status).toBe(200);
    expect(contentType).toMatch(/^text\/xml/);
    const response = doc.GetMetricDataResponse;
    expect(response['@_xmlns']).toBe('http://monitoring.amazonaws.com/doc/2010-08-01/');
    expect(response.ResponseMetadata.RequestId).toMatch(/^[0-9a-f-]{36}$/);
    expect(response.GetMetricDataResult.MetricDataResults.member).toEqual([
      {
        Id: 'm1',
        Label: 'Count',
        Timestamps: { member: [at(0).toISOString(), at(1).toISOString()] },
        Values: { member: [10, 20] },
        StatusCode: 'Complete',
        Messages: '',
      },
    ]);
  });

  it('PutMetricData answers <PutMetricDataResponse> with only ResponseMetadata, and the datum is stored — API Reference, PutMetricData', async () => {
    const put = await query({
      Action: 'PutMetricData',
      Namespace: NAMESPACE,
      'MetricData.member.1.MetricName': 'Latency',
      'MetricData.member.1.Dimensions.member.1.Name': 'ApiName',
      'MetricData.member.1.Dimensions.member.1.Value': 'orders',
      'MetricData.member.1.Timestamp': at(2).toISOString(),
      'MetricData.member.1.Values.member.1': '100',
      'MetricData.member.1.Values.member.2': '300',
      'MetricData.member.1.Counts.member.1': '3',
      'MetricData.member.1.Counts.member.2': '1',
      'MetricData.member.1.Unit': 'Milliseconds',
    });
    expect(put.status).toBe(200);
    expect(Object.keys(put.doc.PutMetricDataResponse)).toEqual(['ResponseMetadata', '@_xmlns']);
    const { MetricDataResults } = await cloudWatch.send(
      new GetMetricDataCommand({
        StartTime: at(2),
        EndTime: at(3),
        MetricDataQueries: [
          stat('m1', 'Latency', { MetricStat: { ...stat('m1', 'Latency').MetricStat!, Stat: 'Average' } }),
        ],
      }),
    );
    expect(MetricDataResults?.[0]?.Values).toEqual([150]);
  });

  it('ListMetrics filters by dimension and answers members — API Reference, ListMetrics', async () => {
    const { doc } = await query({
      Action: 'ListMetrics',
      Namespace: NAMESPACE,
      MetricName: '4XXError',
      'Dimensions.member.1.Name': 'ApiName',
      'Dimensions.member.1.Value': 'orders',
    });
    expect(doc.ListMetricsResponse.ListMetricsResult.Metrics.member).toEqual([
      {
        Namespace: NAMESPACE,
        MetricName: '4XXError',
        Dimensions: { member: [{ Name: 'ApiName', Value: 'orders' }] },
      },
    ]);
  });

  it('errors are <ErrorResponse><Error><Type>Sender</Type><Code>… with a RequestId — API Reference, Common Errors', async () => {
    const { status, doc } = await query({
      Action: 'PutMetricData',
      Namespace: 'AWS/ApiGateway',
      'MetricData.member.1.MetricName': 'Count',
      'MetricData.member.1.Value': '1',
    });
    expect(status).toBe(400);
    expect(doc.ErrorResponse.Error).toMatchObject({ Type: 'Sender', Code: 'InvalidParameterValue' });
    expect(doc.ErrorResponse.RequestId).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('an unknown Action is InvalidAction (400) — API Reference, Common Errors', async () => {
    const { status, doc } = await query({ Action: 'DescribeNothing' });
    expect(status).toBe(400);
    expect(doc.ErrorResponse.Error.Code).toBe('InvalidAction');
  });

  it('a missing required parameter is MissingParameter — API Reference, Common Errors', async () => {
    const { status, doc } = await query({
      Action: 'GetMetricData',
      StartTime: at(0).toISOString(),
      EndTime: at(1).toISOString(),
    });
    expect(status).toBe(400);
    expect(doc.ErrorResponse.Error.Code).toBe('MissingParameter');
  });

  it('AWS JSON 1.0 keeps working beside it (the SDK v3 protocol) — API Reference, GetMetricData', async () => {
    const { MetricDataResults } = await cloudWatch.send(
      new GetMetricDataCommand({
        StartTime: at(0),
        EndTime: at(2),
        MetricDataQueries: [stat('m1', 'Count')],
      }),
    );
    expect(MetricDataResults?.[0]?.Values).toEqual([20, 10]);
  });
});

describe('metric math in GetMetricData — User Guide, "Metric math syntax and functions"', () => {
  it('arithmetic: the error rate 100 * errors / requests, only at timestamps both series have', async () => {
    expect(
      await math('100 * errors / requests', [stat('errors', '5XXError'), stat('requests', 'Count')]),
    ).toEqual({
      minutes: [0, 1, 3],
      values: [10, 0, 10],
    });
  });

  it('operator precedence and parentheses, ^ as power', async () => {
    expect(await math('(requests + 10) / 10 ^ 2', [stat('requests', 'Count')])).toEqual({
      minutes: [0, 1, 3, 4],
      values: [0.2, 0.3, 0.5, 0.6],
    });
  });

  it('SUM(METRICS()) adds every metric query, point by point', async () => {
    expect(await math('SUM(METRICS())', [stat('m5xx', '5XXError'), stat('m4xx', '4XXError')])).toEqual({
      minutes: [0, 1, 3],
      values: [3, 0, 4],
    });
  });

  it("METRICS('err') keeps the queries whose Id contains the string", async () => {
    expect(
      await math("SUM(METRICS('err'))", [
        stat('err5', '5XXError'),
        stat('err4', '4XXError'),
        stat('requests', 'Count'),
      ]),
    ).toEqual({ minutes: [0, 1, 3], values: [3, 0, 4] });
  });

  it('SUM of a single series is a scalar, drawn at every period (e / SUM(e) shares)', async () => {
    expect(await math('requests / SUM(requests)', [stat('requests', 'Count')])).toEqual({
      minutes: [0, 1, 3, 4],
      values: [10 / 120, 20 / 120, 40 / 120, 50 / 120],
    });
  });

  it('FILL(m, 0) gives every period of the range a value', async () => {
    expect(await math('FILL(errors, 0)', [stat('errors', '5XXError')])).toEqual({
      minutes: [0, 1, 2, 3, 4],
      values: [1, 0, 0, 4, 0],
    });
  });

  it('FILL(m, REPEAT) repeats the last value; FILL(m, LINEAR) interpolates', async () => {
    expect(await math('FILL(requests, REPEAT)', [stat('requests', 'Count')])).toEqual({
      minutes: [0, 1, 2, 3, 4],
      values: [10, 20, 20, 40, 50],
    });
    expect(await math('FILL(requests, LINEAR)', [stat('requests', 'Count')])).toEqual({
      minutes: [0, 1, 2, 3, 4],
      values: [10, 20, 30, 40, 50],
    });
  });

  it('IF(condition, a, b) with comparisons: an error rate that is 0 where there was no traffic', async () => {
    expect(
      await math('IF(FILL(requests, 0) > 0, 100 * FILL(errors, 0) / FILL(requests, 0), 0)', [
        stat('errors', '5XXError'),
        stat('requests', 'Count'),
      ]),
    ).toEqual({ minutes: [0, 1, 2, 3, 4], values: [10, 0, 0, 10, 0] });
  });

  it('an expression may use another expression by its Id; ReturnData false hides a query', async () => {
    const out = await minutesZeroToFive([
      { ...stat('errors', '5XXError'), ReturnData: false },
      { ...stat('requests', 'Count'), ReturnData: false },
      { Id: 'ratio', Expression: 'errors / requests', ReturnData: false },
      { Id: 'percent', Expression: 'ratio * 100', Label: 'Error rate (%)' },
    ]);
    expect(out.MetricDataResults?.map((r) => [r.Id, r.Label, r.Values])).toEqual([
      ['percent', 'Error rate (%)', [10, 0, 10]],
    ]);
  });

  it('a query that is both MetricStat and Expression is refused', async () => {
    await expect(minutesZeroToFive([{ ...stat('m1', 'Count'), Expression: 'm1 * 2' }])).rejects.toMatchObject(
      { name: 'InvalidParameterCombinationException' },
    );
  });
});
