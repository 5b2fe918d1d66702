import type {
  Datapoint,
  Dimension,
  DimensionFilter,
  GetMetricDataInput,
  GetMetricDataOutput,
  GetMetricStatisticsInput,
  GetMetricStatisticsOutput,
  ListMetricsInput,
  ListMetricsOutput,
  MetricDataQuery,
  MetricDataResult,
  MetricDatum,
  PutMetricDataInput,
  StandardUnit,
} from '@aws-sdk/client-cloudwatch';
import { evaluateExpression, MathError, type TimeSeries } from './metric-math.ts';
import {
  isSupportedStatistic,
  type MetricSeries,
  type MetricStore,
  MINUTE_MS,
  type MinuteAggregate,
  statisticOf,
} from './store.ts';

/** AWS JSON 1.0 target prefix the SDK puts in `X-Amz-Target`. */
export const CLOUDWATCH_TARGET_PREFIX = 'GraniteServiceVersion20100801.';

/** GetMetricData limits from the CloudWatch API reference. */
const MAX_QUERIES = 500;
const MAX_DATAPOINTS = 100_800;
/** GetMetricStatistics returns at most 1,440 datapoints per call. */
const MAX_STATISTICS_DATAPOINTS = 1440;
const LIST_METRICS_PAGE = 500;

/** A CloudWatch error: JSON `__type` plus the query-compatible code in `x-amzn-query-error`. */
export class CloudWatchError extends Error {
  constructor(
    readonly type:
      | 'InvalidParameterValueException'
      | 'InvalidParameterCombinationException'
      | 'MissingRequiredParameterException'
      | 'InvalidNextToken'
      | 'InvalidAction'
      | 'InternalServiceFault',
    message: string,
    readonly status = 400,
  ) {
    super(message);
  }

  /** The awsQuery error code the SDK reports as `Code` (CloudWatch's query API names). */
  get queryCode(): string {
    const codes: Record<CloudWatchError['type'], string> = {
      InvalidParameterValueException: 'InvalidParameterValue',
      InvalidParameterCombinationException: 'InvalidParameterCombination',
      MissingRequiredParameterException: 'MissingParameter',
      InvalidNextToken: 'InvalidNextToken',
      InvalidAction: 'InvalidAction',
      InternalServiceFault: 'InternalServiceError',
    };
    return codes[this.type];
  }
}

const invalid = (message: string) => new CloudWatchError('InvalidParameterValueException', message);
const missing = (name: string) =>
  new CloudWatchError('MissingRequiredParameterException', `The parameter ${name} is required.`);

/** The wire form of the SDK's input shapes: timestamps arrive as epoch seconds. */
type Wire<T> = { [K in keyof T]: T[K] extends Date | undefined ? number | undefined : T[K] };

/** CloudWatch operations the emulator serves, by `X-Amz-Target` operation name. */
export function cloudWatchService(store: MetricStore, now: () => number = Date.now) {
  const operations: Record<string, (input: Record<string, unknown>) => unknown> = {
    GetMetricData: (input) => getMetricData(store, input as Wire<GetMetricDataInput>),
    GetMetricStatistics: (input) => getMetricStatistics(store, input as Wire<GetMetricStatisticsInput>),
    ListMetrics: (input) => listMetrics(store, input as ListMetricsInput, now),
    PutMetricData: (input) => putMetricData(store, input as Wire<PutMetricDataInput>, now),
  };
  return (operation: string, input: Record<string, unknown>): unknown => {
    const run = operations[operation];
    if (!run)
      throw new CloudWatchError('InvalidAction', `The action ${operation} is not valid for this endpoint.`);
    return run(input);
  };
}

function requireTime(value: unknown, name: string): number {
  if (value === undefined || value === null) throw missing(name);
  const seconds = typeof value === 'number' ? value : Date.parse(String(value)) / 1000;
  if (!Number.isFinite(seconds)) throw invalid(`The parameter ${name} must be a timestamp.`);
  return seconds * 1000;
}

function requirePeriod(period: unknown, where: string): number {
  if (period === undefined) throw missing(`${where}Period`);
  if (typeof period !== 'number' || !Number.isInteger(period) || period < 60 || period % 60 !== 0) {
    // Only standard (one-minute) resolution is kept, so high-resolution periods have nothing to show.
    throw invalid(`The parameter ${where}Period must be a multiple of 60.`);
  }
  return period * 1000;
}

/** Period-aligned buckets of a series between start (inclusive) and end (exclusive), oldest first. */
function periodBuckets(
  series: MetricSeries | undefined,
  startMs: number,
  endMs: number,
  periodMs: number,
): { timestampMs: number; minutes: MinuteAggregate[] }[] {
  if (!series) return [];
  // CloudWatch rounds the start down to the period; a minute belongs to the period it starts in.
  const alignedStart = Math.floor(startMs / periodMs) * periodMs;
  const buckets = new Map<number, MinuteAggregate[]>();
  for (const aggregate of series.minutes.values()) {
    if (aggregate.minuteMs < alignedStart || aggregate.minuteMs >= endMs || aggregate.sampleCount === 0)
      continue;
    const bucket = aggregate.minuteMs - ((aggregate.minuteMs - alignedStart) % periodMs);
    const list = buckets.get(bucket);
    if (list) list.push(aggregate);
    else buckets.set(bucket, [aggregate]);
  }
  return [...buckets.entries()]
    .sort((a, b) => a[0] - b[0])
    .map(([timestampMs, minutes]) => ({ timestampMs, minutes }));
}

function dimensionsOf(list: Dimension[] | undefined): Dimension[] {
  for (const d of list ?? []) {
    if (!d.Name || d.Value === undefined) throw invalid('Each dimension needs a Name and a Value.');
  }
  return list ?? [];
}

interface PageToken {
  /** Datapoints already returned, counted over the queries in request order. */
  offset: number;
}

function decodeToken(token: string | undefined): PageToken {
  if (token === undefined) return { offset: 0 };
  try {
    const parsed = JSON.parse(Buffer.from(token, 'base64url').toString('utf8')) as PageToken;
    if (Number.isInteger(parsed.offset) && parsed.offset >= 0) return parsed;
  } catch {
    // fall through: any token we did not issue is invalid
  }
  throw new CloudWatchError('InvalidNextToken', 'The service cannot process the NextToken provided.');
}

function getMetricData(store: MetricStore, input: Wire<GetMetricDataInput>): Wire<GetMetricDataOutput> {
  const queries = input.MetricDataQueries;
  if (!queries || queries.length === 0) throw missing('MetricDataQueries');
  if (queries.length > MAX_QUERIES) {
    throw invalid(`The collection MetricDataQueries must not have a size greater than ${MAX_QUERIES}.`);
  }
  const startMs = requireTime(input.StartTime, 'StartTime');
  const endMs = requireTime(input.EndTime, 'EndTime');
  if (endMs <= startMs) throw invalid('The parameter StartTime must be less than the parameter EndTime.');
  const ascending = input.ScanBy === 'TimestampAscending';
  if (input.ScanBy !== undefined && !ascending && input.ScanBy !== 'TimestampDescending') {
    throw invalid('The parameter ScanBy must be TimestampDescending or TimestampAscending.');
  }
  const maxDatapoints = input.MaxDatapoints ?? MAX_DATAPOINTS;
  if (!Number.isInteger(maxDatapoints) || maxDatapoints < 1) throw invalid('MaxDatapoints must be positive.');

  const ids = new Set<string>();
  for (const query of queries) validateQuery(query, ids);
  const computed = computeQueries(store, queries, startMs, endMs).map(({ query, points }) => ({
    id: query.Id!,
    query,
    points: ascending ? points : points.reverse(),
  }));

  const { offset } = decodeToken(input.NextToken);
  let skip = offset;
  let budget = maxDatapoints;
  let returned = 0;
  let more = false;
  const results: Wire<MetricDataResult>[] = [];
  for (const { id, query, points } of computed) {
    const from = Math.min(skip, points.length);
    skip -= from;
    const page = points.slice(from, from + budget);
    budget -= page.length;
    returned += page.length;
    const complete = from + page.length >= points.length;
    if (!complete) more = true;
    if (query.ReturnData === false) continue;
    results.push({
      Id: id,
      Label: query.Label ?? query.MetricStat?.Metric?.MetricName ?? id,
      Timestamps: page.map((p) => p.timestampMs / 1000) as unknown as Date[],
      Values: page.map((p) => p.value),
      StatusCode: complete ? 'Complete' : 'PartialData',
      Messages: [],
    });
  }
  return {
    MetricDataResults: results,
    NextToken: more
      ? Buffer.from(JSON.stringify({ offset: offset + returned })).toString('base64url')
      : undefined,
    Messages: [],
  };
}

interface Point {
  timestampMs: number;
  value: number;
}

/**
 * Every query's datapoints, oldest first: MetricStat queries read the store, Expression queries
 * evaluate over them (and over other expressions, by id) on the period grid of the range.
 */
function computeQueries(
  store: MetricStore,
  queries: MetricDataQuery[],
  startMs: number,
  endMs: number,
): { query: MetricDataQuery; points: Point[] }[] {
  const byId = new Map(queries.map((q) => [q.Id!, q]));
  const results = new Map<string, TimeSeries>();
  const evaluating = new Set<string>();
  const metricPeriods = queries.flatMap((q) => (q.MetricStat ? [q.MetricStat.Period!] : []));

  const resultOf = (query: MetricDataQuery): TimeSeries => {
    const id = query.Id!;
    const done = results.get(id);
    if (done) return done;
    if (evaluating.has(id)) throw invalid(`Circular reference in expression of query ${id}.`);
    evaluating.add(id);
    let result: TimeSeries;
    if (query.MetricStat) {
      result = {
        id,
        points: new Map(
          metricPoints(store, query.MetricStat, startMs, endMs).map((p) => [p.timestampMs, p.value]),
        ),
      };
    } else {
      const periodSeconds = query.Period ?? Math.min(...metricPeriods, 60);
      const periodMs = periodSeconds * 1000;
      const grid: number[] = [];
      for (let t = Math.floor(startMs / periodMs) * periodMs; t < endMs; t += periodMs) grid.push(t);
      try {
        result = evaluateExpression(query.Expression!, {
          resolve: (ref) => {
            const other = byId.get(ref);
            return other ? resultOf(other) : undefined;
          },
          metrics: () => queries.filter((q) => q.MetricStat).map(resultOf),
          grid,
          periodSeconds,
        });
      } catch (error) {
        if (error instanceof MathError) throw invalid(`Error in expression '${id}': ${error.message}`);
        throw error;
      }
    }
    evaluating.delete(id);
    results.set(id, { ...result, id });
    return results.get(id)!;
  };

  return queries.map((query) => ({
    query,
    points: [...resultOf(query).points]
      .sort((a, b) => a[0] - b[0])
      .map(([timestampMs, value]) => ({ timestampMs, value })),
  }));
}

function metricPoints(
  store: MetricStore,
  stat: NonNullable<MetricDataQuery['MetricStat']>,
  startMs: number,
  endMs: number,
): Point[] {
  const metric = stat.Metric!;
  const periodMs = requirePeriod(stat.Period, 'MetricStat.');
  const series = store.find(metric.Namespace!, metric.MetricName!, dimensionsOf(metric.Dimensions));
  // A query for another unit than the metric's matches no datapoint, as in CloudWatch.
  const unitMatches = !stat.Unit || !series?.unit || stat.Unit === series.unit;
  return periodBuckets(unitMatches ? series : undefined, startMs, endMs, periodMs)
    .map((b) => ({ timestampMs: b.timestampMs, value: statisticOf(b.minutes, stat.Stat!) }))
    .filter((p): p is Point => p.value !== undefined);
}

function validateQuery(query: MetricDataQuery, ids: Set<string>): void {
  if (!query.Id) throw missing('MetricDataQueries.member.Id');
  if (!/^[a-z][a-zA-Z0-9_]*$/.test(query.Id)) {
    throw invalid(`The value ${query.Id} for parameter MetricDataQueries.member.Id is not valid.`);
  }
  if (ids.has(query.Id))
    throw invalid(`The value ${query.Id} for parameter MetricDataQueries.member.Id is duplicated.`);
  ids.add(query.Id);
  const stat = query.MetricStat;
  if ((query.Expression === undefined) === (stat === undefined))
    throw new CloudWatchError(
      'InvalidParameterCombinationException',
      'Exactly one of MetricStat and Expression is required.',
    );
  if (!stat) {
    if (query.Period !== undefined) requirePeriod(query.Period, '');
    return;
  }
  if (!stat.Metric?.Namespace) throw missing('MetricDataQueries.member.MetricStat.Metric.Namespace');
  if (!stat.Metric.MetricName) throw missing('MetricDataQueries.member.MetricStat.Metric.MetricName');
  if (!stat.Stat) throw missing('MetricDataQueries.member.MetricStat.Stat');
  if (!isSupportedStatistic(stat.Stat)) throw invalid(`The statistic ${stat.Stat} is not supported.`);
}

function getMetricStatistics(
  store: MetricStore,
  input: Wire<GetMetricStatisticsInput>,
): Wire<GetMetricStatisticsOutput> {
  if (!input.Namespace) throw missing('Namespace');
  if (!input.MetricName) throw missing('MetricName');
  const startMs = requireTime(input.StartTime, 'StartTime');
  const endMs = requireTime(input.EndTime, 'EndTime');
  if (endMs <= startMs) throw invalid('The parameter StartTime must be less than the parameter EndTime.');
  const periodMs = requirePeriod(input.Period, '');
  const statistics = input.Statistics ?? [];
  const extended = input.ExtendedStatistics ?? [];
  if (statistics.length === 0 && extended.length === 0) {
    throw new CloudWatchError(
      'MissingRequiredParameterException',
      'Must specify either Statistics or ExtendedStatistics, but not both.',
    );
  }
  for (const e of extended)
    if (!/^p\d/.test(e) || !isSupportedStatistic(e))
      throw invalid(`The extended statistic ${e} is not supported.`);
  const series = store.find(input.Namespace, input.MetricName, dimensionsOf(input.Dimensions));
  const buckets = periodBuckets(series, startMs, endMs, periodMs);
  if (buckets.length > MAX_STATISTICS_DATAPOINTS) {
    throw invalid(
      `You have requested up to ${buckets.length} datapoints, which exceeds the limit of ${MAX_STATISTICS_DATAPOINTS}.`,
    );
  }
  const unit: StandardUnit | undefined = (input.Unit as StandardUnit | undefined) ?? series?.unit;
  if (input.Unit && series?.unit && input.Unit !== series.unit)
    return { Label: input.MetricName, Datapoints: [] };
  const datapoints: Wire<Datapoint>[] = buckets.map(({ timestampMs, minutes }) => {
    const point: Wire<Datapoint> = { Timestamp: timestampMs / 1000, Unit: unit };
    for (const s of statistics) (point as Record<string, unknown>)[s] = statisticOf(minutes, s);
    if (extended.length) {
      point.ExtendedStatistics = Object.fromEntries(extended.map((e) => [e, statisticOf(minutes, e) ?? 0]));
    }
    return point;
  });
  return { Label: input.MetricName, Datapoints: datapoints as unknown as Datapoint[] };
}

function matchesFilters(series: MetricSeries, filters: DimensionFilter[] | undefined): boolean {
  for (const filter of filters ?? []) {
    const dim = series.dimensions.find((d) => d.Name === filter.Name);
    if (!dim) return false;
    if (filter.Value !== undefined && dim.Value !== filter.Value) return false;
  }
  return true;
}

function listMetrics(store: MetricStore, input: ListMetricsInput, now: () => number): ListMetricsOutput {
  if (input.RecentlyActive !== undefined && input.RecentlyActive !== 'PT3H') {
    throw invalid('The parameter RecentlyActive must be PT3H.');
  }
  const activeSince = input.RecentlyActive ? now() - 3 * 60 * MINUTE_MS : undefined;
  const metrics = [...store.all()]
    .filter(
      (s) =>
        s.minutes.size > 0 &&
        (!input.Namespace || s.namespace === input.Namespace) &&
        (!input.MetricName || s.metricName === input.MetricName) &&
        matchesFilters(s, input.Dimensions) &&
        (activeSince === undefined || s.lastWrittenMs >= activeSince - MINUTE_MS),
    )
    .map((s) => ({ Namespace: s.namespace, MetricName: s.metricName, Dimensions: s.dimensions }))
    .sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)));
  const { offset } = decodeToken(input.NextToken);
  const page = metrics.slice(offset, offset + LIST_METRICS_PAGE);
  const next = offset + LIST_METRICS_PAGE < metrics.length ? offset + LIST_METRICS_PAGE : undefined;
  return {
    Metrics: page,
    NextToken:
      next === undefined ? undefined : Buffer.from(JSON.stringify({ offset: next })).toString('base64url'),
  };
}

function putMetricData(
  store: MetricStore,
  input: Wire<PutMetricDataInput>,
  now: () => number,
): Record<string, never> {
  if (!input.Namespace) throw missing('Namespace');
  if (input.Namespace.startsWith('AWS/')) {
    throw invalid('The value AWS/ for parameter Namespace is invalid: AWS/ is reserved for AWS services.');
  }
  const data = (input.MetricData ?? []) as unknown as Wire<MetricDatum>[];
  if (data.length === 0) throw missing('MetricData');
  if (data.length > 1000) throw invalid('The collection MetricData must not have a size greater than 1000.');
  for (const datum of data) {
    if (!datum.MetricName) throw missing('MetricData.member.MetricName');
    const timestampMs = datum.Timestamp === undefined ? now() : requireTime(datum.Timestamp, 'Timestamp');
    if (!store.isWithinRetention(timestampMs)) continue;
    const series = store.seriesFor(input.Namespace, datum.MetricName, dimensionsOf(datum.Dimensions));
    if (datum.Unit) series.unit = datum.Unit;
    const minute = series.minute(timestampMs);
    if (datum.StatisticValues) {
      const s = datum.StatisticValues;
      minute.addStatisticSet({
        sampleCount: s.SampleCount ?? 0,
        sum: s.Sum ?? 0,
        minimum: s.Minimum ?? 0,
        maximum: s.Maximum ?? 0,
      });
    } else if (datum.Values) {
      if (datum.Counts && datum.Counts.length !== datum.Values.length) {
        throw invalid('The parameters Values and Counts must be of the same size.');
      }
      datum.Values.forEach((v, i) => {
        minute.add(v, datum.Counts?.[i] ?? 1);
      });
    } else if (datum.Value !== undefined) {
      minute.add(datum.Value);
    } else {
      throw new CloudWatchError(
        'InvalidParameterCombinationException',
        'One of Value, Values or StatisticValues is required.',
      );
    }
  }
  return {};
}
