import {
  CloudWatchClient,
  GetMetricDataCommand,
  GetMetricStatisticsCommand,
  InvalidParameterValueException,
  ListMetricsCommand,
  type MetricDataQuery,
  PutMetricDataCommand,
} from '@aws-sdk/client-cloudwatch';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sdkClientConfig } from '../apigateway/sdk-harness.ts';
import { type RunningEmulator, startEmulator } from '../server.ts';
import { MetricStore } from './store.ts';

let emulator: RunningEmulator;
let cloudWatch: CloudWatchClient;

const NAMESPACE = 'GatewayConsole/Test';
const MINUTE = 60_000;
/** Whole minutes, ten of them in the past, so every point is in its own finished minute. */
const base = Math.floor(Date.now() / MINUTE) * MINUTE - 10 * MINUTE;
const at = (minute: number, second = 0) => new Date(base + minute * MINUTE + second * 1000);

const query = (id: string, stat: string, period = 60, metricName = 'Latency'): MetricDataQuery => ({
  Id: id,
  MetricStat: {
    Metric: {
      Namespace: NAMESPACE,
      MetricName: metricName,
      Dimensions: [{ Name: 'Service', Value: 'orders' }],
    },
    Period: period,
    Stat: stat,
  },
});

beforeAll(async () => {
  emulator = await startEmulator({ port: 0, seed: 'none' });
  cloudWatch = new CloudWatchClient(sdkClientConfig(emulator.url));
  // Minute 0: 1..100 ms; minute 1: 200 and 400 ms (weighted); minute 3: a statistic set.
  await cloudWatch.send(
    new PutMetricDataCommand({
      Namespace: NAMESPACE,
      MetricData: [
        {
          MetricName: 'Latency',
          Dimensions: [{ Name: 'Service', Value: 'orders' }],
          Timestamp: at(0, 5),
          Values: Array.from({ length: 100 }, (_, i) => i + 1),
          Unit: 'Milliseconds',
        },
        {
          MetricName: 'Latency',
          Dimensions: [{ Name: 'Service', Value: 'orders' }],
          Timestamp: at(1, 30),
          Values: [200, 400],
          Counts: [3, 1],
          Unit: 'Milliseconds',
        },
        {
          MetricName: 'Latency',
          Dimensions: [{ Name: 'Service', Value: 'orders' }],
          Timestamp: at(3),
          StatisticValues: { SampleCount: 4, Sum: 40, Minimum: 5, Maximum: 15 },
          Unit: 'Milliseconds',
        },
        {
          MetricName: 'Errors',
          Dimensions: [{ Name: 'Service', Value: 'billing' }],
          Timestamp: at(2),
          Value: 1,
        },
        { MetricName: 'Errors', Timestamp: at(2), Value: 1 },
      ],
    }),
  );
});

afterAll(async () => {
  cloudWatch.destroy();
  await emulator.close();
});

describe('CloudWatch through @aws-sdk/client-cloudwatch (AWS JSON 1.0)', () => {
  it('computes Sum, Average, Minimum, Maximum, SampleCount and percentiles per minute, newest first', async () => {
    const out = await cloudWatch.send(
      new GetMetricDataCommand({
        StartTime: at(0),
        EndTime: at(5),
        MetricDataQueries: ['Sum', 'Average', 'Minimum', 'Maximum', 'SampleCount', 'p50', 'p99'].map((stat) =>
          query(stat.toLowerCase(), stat),
        ),
      }),
    );
    const byId = Object.fromEntries(out.MetricDataResults!.map((r) => [r.Id, r]));
    expect(byId.sum!.Timestamps).toEqual([at(3), at(1), at(0)]);
    expect(byId.sum!.Values).toEqual([40, 1000, 5050]);
    expect(byId.average!.Values).toEqual([10, 250, 50.5]);
    expect(byId.minimum!.Values).toEqual([5, 200, 1]);
    expect(byId.maximum!.Values).toEqual([15, 400, 100]);
    expect(byId.samplecount!.Values).toEqual([4, 4, 100]);
    expect(byId.p50!.Values![2]).toBeCloseTo(50, -0.5);
    expect(byId.p99!.Values![2]).toBeCloseTo(99, -0.5);
    expect(byId.p50!.Values![1]).toBeCloseTo(200, -1);
    expect(byId.sum!.StatusCode).toBe('Complete');
  });

  it('aggregates longer periods and scans oldest first on request', async () => {
    const out = await cloudWatch.send(
      new GetMetricDataCommand({
        StartTime: at(0),
        EndTime: at(10),
        ScanBy: 'TimestampAscending',
        MetricDataQueries: [query('sum', 'Sum', 300), query('max', 'Maximum', 300)],
      }),
    );
    const [sum, max] = out.MetricDataResults!;
    const firstBucket = base - (base % (5 * MINUTE));
    expect(sum!.Timestamps!.map((t) => t.getTime())).toEqual(
      [firstBucket, firstBucket + 5 * MINUTE].filter((t) => t <= base + 3 * MINUTE),
    );
    expect(sum!.Values!.reduce((a, b) => a + b, 0)).toBe(5050 + 1000 + 40);
    expect(Math.max(...max!.Values!)).toBe(400);
  });

  it('pages with MaxDatapoints and NextToken without losing or repeating a point', async () => {
    const seen: number[] = [];
    let nextToken: string | undefined;
    let pages = 0;
    do {
      const out = await cloudWatch.send(
        new GetMetricDataCommand({
          StartTime: at(0),
          EndTime: at(5),
          MaxDatapoints: 2,
          NextToken: nextToken,
          MetricDataQueries: [query('sum', 'Sum')],
        }),
      );
      seen.push(...out.MetricDataResults![0]!.Values!);
      if (out.NextToken) expect(out.MetricDataResults![0]!.StatusCode).toBe('PartialData');
      nextToken = out.NextToken;
      pages++;
    } while (nextToken);
    expect(pages).toBe(2);
    expect(seen).toEqual([40, 1000, 5050]);
  });

  it('refuses more than 500 queries and periods that are not multiples of 60, as query-compatible errors', async () => {
    const tooMany = cloudWatch.send(
      new GetMetricDataCommand({
        StartTime: at(0),
        EndTime: at(5),
        MetricDataQueries: Array.from({ length: 501 }, (_, i) => query(`q${i}`, 'Sum')),
      }),
    );
    await expect(tooMany).rejects.toBeInstanceOf(InvalidParameterValueException);
    const badPeriod = await cloudWatch
      .send(
        new GetMetricDataCommand({
          StartTime: at(0),
          EndTime: at(5),
          MetricDataQueries: [query('a', 'Sum', 90)],
        }),
      )
      .catch((e: unknown) => e);
    expect(badPeriod).toBeInstanceOf(InvalidParameterValueException);
    expect((badPeriod as InvalidParameterValueException).$metadata.httpStatusCode).toBe(400);
    // The awsQuery code the header carries surfaces as `Code`, as it does against real CloudWatch.
    expect((badPeriod as { Code?: string }).Code).toBe('InvalidParameterValue');
  });

  it('answers GetMetricStatistics with standard and extended statistics', async () => {
    const out = await cloudWatch.send(
      new GetMetricStatisticsCommand({
        Namespace: NAMESPACE,
        MetricName: 'Latency',
        Dimensions: [{ Name: 'Service', Value: 'orders' }],
        StartTime: at(0),
        EndTime: at(2),
        Period: 60,
        Statistics: ['Sum', 'SampleCount'],
        ExtendedStatistics: ['p90'],
      }),
    );
    const points = out.Datapoints!.sort((a, b) => a.Timestamp!.getTime() - b.Timestamp!.getTime());
    expect(points.map((p) => [p.Timestamp, p.Sum, p.SampleCount, p.Unit])).toEqual([
      [at(0), 5050, 100, 'Milliseconds'],
      [at(1), 1000, 4, 'Milliseconds'],
    ]);
    expect(points[0]!.ExtendedStatistics!.p90).toBeCloseTo(90, -0.5);
  });

  it('lists metrics filtered by namespace, name and dimensions', async () => {
    const errors = await cloudWatch.send(
      new ListMetricsCommand({ Namespace: NAMESPACE, MetricName: 'Errors' }),
    );
    expect(errors.Metrics).toHaveLength(2);
    const billing = await cloudWatch.send(
      new ListMetricsCommand({ Namespace: NAMESPACE, Dimensions: [{ Name: 'Service', Value: 'billing' }] }),
    );
    expect(billing.Metrics).toEqual([
      { Namespace: NAMESPACE, MetricName: 'Errors', Dimensions: [{ Name: 'Service', Value: 'billing' }] },
    ]);
    const anyService = await cloudWatch.send(
      new ListMetricsCommand({ Namespace: NAMESPACE, Dimensions: [{ Name: 'Service' }] }),
    );
    expect(anyService.Metrics!.map((m) => m.MetricName).sort()).toEqual(['Errors', 'Latency']);
  });

  it('keeps datapoints only for the retention period', async () => {
    const shortLived = await startEmulator({ port: 0, seed: 'none', metricRetentionMs: 10 * MINUTE });
    const client = new CloudWatchClient(sdkClientConfig(shortLived.url));
    try {
      const now = Date.now();
      await client.send(
        new PutMetricDataCommand({
          Namespace: NAMESPACE,
          MetricData: [
            { MetricName: 'Kept', Timestamp: new Date(now - 20 * MINUTE), Value: 1 },
            { MetricName: 'Kept', Timestamp: new Date(now - 5 * MINUTE), Value: 2 },
          ],
        }),
      );
      const out = await client.send(
        new GetMetricDataCommand({
          StartTime: new Date(now - 60 * MINUTE),
          EndTime: new Date(now),
          MetricDataQueries: [
            {
              Id: 'kept',
              MetricStat: { Metric: { Namespace: NAMESPACE, MetricName: 'Kept' }, Period: 60, Stat: 'Sum' },
            },
          ],
        }),
      );
      expect(out.MetricDataResults![0]!.Values).toEqual([2]);
    } finally {
      client.destroy();
      await shortLived.close();
    }
  });
});

describe('MetricStore retention', () => {
  it('drops minutes, then whole series, once they are older than retention', () => {
    let now = 100 * MINUTE;
    const store = new MetricStore(10 * MINUTE, () => now);
    const series = store.seriesFor('NS', 'M', [{ Name: 'A', Value: 'b' }]);
    series.record(1, 95 * MINUTE);
    series.record(1, 99 * MINUTE);
    now = 106 * MINUTE;
    store.prune();
    expect([...series.minutes.keys()]).toEqual([99 * MINUTE]);
    expect(store.find('NS', 'M', [{ Name: 'A', Value: 'b' }])).toBe(series);
    now = 120 * MINUTE;
    store.prune();
    expect(store.find('NS', 'M', [{ Name: 'A', Value: 'b' }])).toBeUndefined();
  });
});
