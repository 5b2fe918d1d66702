import {
  type CloudWatchClient,
  GetMetricDataCommand,
  type MetricDataQuery,
  type MetricDataResult,
} from '@aws-sdk/client-cloudwatch';
import {
  type ApiHealth,
  HEALTH_WINDOW_MINUTES,
  type MetricName,
  type MetricRange,
  type MetricSeries,
  type MetricsSummary,
  type MetricUnit,
  type MetricVariant,
  metricRangeSeconds,
} from '@gateway-console/contract';
import { awsProblem } from './errors.ts';

/** About as many points as a dashboard chart can draw across its width. */
const POINTS_PER_CHART = 400;
/** Periods CloudWatch keeps and a chart reads well at, smallest first. */
const PERIODS = [60, 300, 900, 3600] as const;
const DAY = 86_400;
/** CloudWatch retention: 1-minute points for 15 days, 5-minute for 63 days, 1-hour for 455 days. */
const RETENTION: ReadonlyArray<{ olderThan: number; minPeriod: number }> = [
  { olderThan: 63 * DAY, minPeriod: 3600 },
  { olderThan: 15 * DAY, minPeriod: 300 },
];

/**
 * The chart period for a range: range / ~400 points, snapped up to 60, 300, 900 or 3600 s, and never
 * finer than CloudWatch still keeps for data as old as the start of the range.
 */
export function metricsPeriodFor(rangeSeconds: number, startAgeSeconds = rangeSeconds): number {
  const wanted = rangeSeconds / POINTS_PER_CHART;
  const retained = RETENTION.find((rule) => startAgeSeconds > rule.olderThan)?.minPeriod ?? 60;
  return PERIODS.find((period) => period >= wanted && period >= retained) ?? 3600;
}

export interface MetricsWindow {
  /** Epoch seconds, on period boundaries; the last period is the one in progress. */
  start: number;
  end: number;
  periodSeconds: number;
}

/** The periods a range covers, ending with the one that contains `now`, so the latest requests show. */
export function metricsWindowFor(range: MetricRange, now: Date): MetricsWindow {
  const rangeSeconds = metricRangeSeconds[range];
  const periodSeconds = metricsPeriodFor(rangeSeconds);
  const end = (Math.floor(now.getTime() / 1000 / periodSeconds) + 1) * periodSeconds;
  return { start: end - rangeSeconds, end, periodSeconds };
}

/**
 * The periods covering an absolute range [from, to] (epoch ms, already checked against CloudWatch's
 * limits): its start snapped down and its end up to the period, which suits the range's length and age.
 */
export function metricsWindowBetween(from: number, to: number, now: Date): MetricsWindow {
  const rangeSeconds = (to - from) / 1000;
  const periodSeconds = metricsPeriodFor(rangeSeconds, (now.getTime() - from) / 1000);
  const start = Math.floor(from / 1000 / periodSeconds) * periodSeconds;
  const end = Math.ceil(to / 1000 / periodSeconds) * periodSeconds;
  return { start, end, periodSeconds };
}

/** The Stage dimension CloudWatch reports a stage's canary traffic under. */
export const canaryStageDimension = (stage: string) => `${stage}/Canary`;

/** What one GetMetricData query fetches: an AWS/ApiGateway metric and the statistic of it we chart. */
const RAW_METRICS = {
  requests: { metricName: 'Count', stat: 'Sum' },
  errors4xx: { metricName: '4XXError', stat: 'Sum' },
  errors5xx: { metricName: '5XXError', stat: 'Sum' },
  latencyAvg: { metricName: 'Latency', stat: 'Average' },
  latencyP50: { metricName: 'Latency', stat: 'p50' },
  latencyP99: { metricName: 'Latency', stat: 'p99' },
  integrationLatencyAvg: { metricName: 'IntegrationLatency', stat: 'Average' },
  cacheHits: { metricName: 'CacheHitCount', stat: 'Sum' },
  cacheMisses: { metricName: 'CacheMissCount', stat: 'Sum' },
} as const satisfies Partial<Record<MetricName, { metricName: string; stat: string }>>;
type RawMetric = keyof typeof RAW_METRICS;
const rawMetrics = Object.keys(RAW_METRICS) as RawMetric[];

const UNITS: Record<MetricName, MetricUnit> = {
  requests: 'count',
  errors4xx: 'count',
  errors5xx: 'count',
  errors4xxRate: 'ratio',
  errors5xxRate: 'ratio',
  latencyAvg: 'ms',
  latencyP50: 'ms',
  latencyP99: 'ms',
  integrationLatencyAvg: 'ms',
  cacheHits: 'count',
  cacheMisses: 'count',
  cacheHitRate: 'ratio',
};

/**
 * Whose traffic to chart: one stage (base and canary apart) or the whole API, with a line of its own
 * for each of `stages` (base and canary together).
 */
export type MetricsScope =
  | { apiName: string; stage: string }
  | { apiName: string; stage: null; stages?: string[] };

/** What an API dashboard's per-stage lines read of each stage, base and canary apart. */
const STAGE_METRICS = ['requests', 'errors4xx', 'errors5xx', 'latencyAvg'] as const;
type StageMetric = (typeof STAGE_METRICS)[number];
const stageQueryId = (index: number, variant: 'base' | 'canary', metric: StageMetric) =>
  `st${index}_${queryId(variant, metric)}`;
const stagesOf = (scope: MetricsScope) => (scope.stage === null ? (scope.stages ?? []) : []);

const variantsOf = (scope: MetricsScope): MetricVariant[] =>
  scope.stage === null ? ['all'] : ['base', 'canary'];

function dimensionsOf(scope: MetricsScope, variant: MetricVariant) {
  const apiName = { Name: 'ApiName', Value: scope.apiName };
  if (scope.stage === null || variant === 'all') return [apiName];
  const stage = variant === 'canary' ? canaryStageDimension(scope.stage) : scope.stage;
  return [apiName, { Name: 'Stage', Value: stage }];
}

/** Query ids must start with a lower-case letter: `base_requests`, `canary_latencyP99`. */
const queryId = (variant: MetricVariant, metric: RawMetric) => `${variant}_${metric}`;

/** Every series of one dashboard view, for one GetMetricData call. */
export function metricQueriesFor(scope: MetricsScope, periodSeconds: number): MetricDataQuery[] {
  const query = (
    id: string,
    metric: RawMetric,
    dimensions: ReturnType<typeof dimensionsOf>,
  ): MetricDataQuery => ({
    Id: id,
    MetricStat: {
      Metric: {
        Namespace: 'AWS/ApiGateway',
        MetricName: RAW_METRICS[metric].metricName,
        Dimensions: dimensions,
      },
      Period: periodSeconds,
      Stat: RAW_METRICS[metric].stat,
    },
    ReturnData: true,
  });
  const views = variantsOf(scope).flatMap((variant) =>
    rawMetrics.map((metric) => query(queryId(variant, metric), metric, dimensionsOf(scope, variant))),
  );
  const stages = stagesOf(scope).flatMap((stage, index) =>
    (['base', 'canary'] as const).flatMap((variant) =>
      STAGE_METRICS.map((metric) =>
        query(
          stageQueryId(index, variant, metric),
          metric,
          dimensionsOf({ apiName: scope.apiName, stage }, variant),
        ),
      ),
    ),
  );
  return [...views, ...stages];
}

/** Two sides' counts of one period added up; a gap only where neither side has a datapoint. */
function addSides(a: Values, b: Values): Values {
  return a.map((value, i) => {
    const other = b[i] ?? null;
    return value === null && other === null ? null : (value ?? 0) + (other ?? 0);
  });
}

/** Two sides' average latencies of one period, weighted by their requests. */
function weightedSides(averages: [Values, Values], requests: [Values, Values]): Values {
  return averages[0].map((_, i) => {
    let total = 0;
    let weight = 0;
    for (const side of [0, 1] as const) {
      const average = averages[side][i] ?? null;
      const count = requests[side][i] ?? null;
      if (average === null || count === null || count === 0) continue;
      total += average * count;
      weight += count;
    }
    return weight === 0 ? null : total / weight;
  });
}

type Values = Array<number | null>;

/** Errors per request; 0 when there were no requests, a gap where CloudWatch has no count. */
export function errorRates(requests: Values, errors: Values): Values {
  return requests.map((count, i) => {
    if (count === null) return null;
    if (count === 0) return 0;
    const failed = errors[i] ?? null;
    return failed === null ? null : failed / count;
  });
}

/** Hits per cache lookup; a gap when the cache was not consulted in that period. */
export function cacheHitRates(hits: Values, misses: Values): Values {
  return hits.map((hit, i) => {
    const miss = misses[i] ?? null;
    if (hit === null && miss === null) return null;
    const lookups = (hit ?? 0) + (miss ?? 0);
    return lookups === 0 ? null : (hit ?? 0) / lookups;
  });
}

const sum = (values: Values) => values.reduce<number>((total, value) => total + (value ?? 0), 0);

/** Mean of per-period averages weighted by each period's requests: the average over the whole range. */
function weightedMean(averages: Values, weights: Values): number | null {
  let total = 0;
  let weight = 0;
  averages.forEach((average, i) => {
    const w = weights[i] ?? null;
    if (average === null || w === null || w === 0) return;
    total += average * w;
    weight += w;
  });
  return weight === 0 ? null : total / weight;
}

function peak(values: Values): number | null {
  const present = values.filter((value): value is number => value !== null);
  return present.length === 0 ? null : Math.max(...present);
}

export interface ShapedMetrics {
  /** Start of each period, epoch seconds, oldest first. */
  timestamps: number[];
  series: MetricSeries[];
  summary: MetricsSummary[];
  caching: boolean;
  /** CloudWatch held some datapoints back (more than one call's worth): the charts are incomplete. */
  partial: boolean;
}

/** Puts CloudWatch's sparse results on the window's grid (gaps stay null) and derives rates and summaries. */
export function shapeMetrics(
  scope: MetricsScope,
  window: MetricsWindow,
  results: MetricDataResult[],
  partial = false,
): ShapedMetrics {
  const timestamps: number[] = [];
  for (let t = window.start; t < window.end; t += window.periodSeconds) timestamps.push(t);
  const slot = new Map(timestamps.map((t, i) => [t, i]));
  const byId = new Map(results.map((result) => [result.Id, result]));

  const onGrid = (variant: MetricVariant, metric: RawMetric, id = queryId(variant, metric)): Values => {
    const values: Values = timestamps.map(() => null);
    const result = byId.get(id);
    result?.Timestamps?.forEach((time, i) => {
      const index = slot.get(Math.floor(time.getTime() / 1000));
      const value = result.Values?.[i];
      if (index !== undefined && value !== undefined) values[index] = value;
    });
    return values;
  };

  const series: MetricSeries[] = [];
  const summary: MetricsSummary[] = [];
  let caching = false;
  for (const variant of variantsOf(scope)) {
    const raw = Object.fromEntries(rawMetrics.map((metric) => [metric, onGrid(variant, metric)])) as Record<
      RawMetric,
      Values
    >;
    const derived = {
      errors4xxRate: errorRates(raw.requests, raw.errors4xx),
      errors5xxRate: errorRates(raw.requests, raw.errors5xx),
      cacheHitRate: cacheHitRates(raw.cacheHits, raw.cacheMisses),
    };
    const all: Record<MetricName, Values> = { ...raw, ...derived };
    for (const metric of Object.keys(all) as MetricName[]) {
      series.push({ metric, variant, unit: UNITS[metric], values: all[metric] });
    }

    const requests = sum(raw.requests);
    const errors4xx = sum(raw.errors4xx);
    const errors5xx = sum(raw.errors5xx);
    const cacheHits = sum(raw.cacheHits);
    const cacheMisses = sum(raw.cacheMisses);
    if (cacheHits + cacheMisses > 0) caching = true;
    summary.push({
      variant,
      requests,
      errors4xx,
      errors5xx,
      errors4xxRate: requests === 0 ? 0 : errors4xx / requests,
      errors5xxRate: requests === 0 ? 0 : errors5xx / requests,
      latencyAvg: weightedMean(raw.latencyAvg, raw.requests),
      latencyP99Peak: peak(raw.latencyP99),
      integrationLatencyAvg: weightedMean(raw.integrationLatencyAvg, raw.requests),
      cacheHits,
      cacheMisses,
      cacheHitRate: cacheHits + cacheMisses === 0 ? null : cacheHits / (cacheHits + cacheMisses),
    });
  }
  stagesOf(scope).forEach((stage, index) => {
    const side = (variant: 'base' | 'canary', metric: StageMetric) =>
      onGrid(variant, metric, stageQueryId(index, variant, metric));
    const requestsBySide: [Values, Values] = [side('base', 'requests'), side('canary', 'requests')];
    const requests = addSides(...requestsBySide);
    const errors4xx = addSides(side('base', 'errors4xx'), side('canary', 'errors4xx'));
    const errors5xx = addSides(side('base', 'errors5xx'), side('canary', 'errors5xx'));
    const lines: Partial<Record<MetricName, Values>> = {
      requests,
      errors4xx,
      errors5xx,
      errors4xxRate: errorRates(requests, errors4xx),
      errors5xxRate: errorRates(requests, errors5xx),
      latencyAvg: weightedSides([side('base', 'latencyAvg'), side('canary', 'latencyAvg')], requestsBySide),
    };
    for (const [metric, values] of Object.entries(lines) as Array<[MetricName, Values]>) {
      series.push({ metric, variant: 'stage', stage, unit: UNITS[metric], values });
    }
  });
  return { timestamps, series, summary, caching, partial };
}

/** CloudWatch, in the dashboard's terms: a thin typed wrapper over the SDK client. */
export class Metrics {
  constructor(private readonly client: CloudWatchClient) {}

  /** One GetMetricData call over the window, oldest first; a failure is the operator's problem. */
  private async getMetricData(queries: MetricDataQuery[], window: MetricsWindow) {
    try {
      return await this.client.send(
        new GetMetricDataCommand({
          MetricDataQueries: queries,
          StartTime: new Date(window.start * 1000),
          EndTime: new Date(window.end * 1000),
          ScanBy: 'TimestampAscending',
        }),
      );
    } catch (error) {
      throw awsProblem(error, 'cloudwatch') ?? error;
    }
  }

  /** Every series of one dashboard view, read with exactly one GetMetricData call. */
  async apiGatewayMetrics(scope: MetricsScope, window: MetricsWindow): Promise<ShapedMetrics> {
    const queries = metricQueriesFor(scope, window.periodSeconds);
    const output = await this.getMetricData(queries, window);
    const results = output.MetricDataResults ?? [];
    // One call per view by design: a next page means the view asked for too much, and the charts say so.
    const partial = !!output.NextToken || results.some((result) => result.StatusCode === 'PartialData');
    return shapeMetrics(scope, window, results, partial);
  }

  /**
   * Each API's requests and 5XX errors over the last HEALTH_WINDOW_MINUTES minutes, the one in progress
   * included (every stage together), and the judge's minutes of the canary stages given, all in exactly
   * one GetMetricData call: two queries per API, ten per canary stage. An API without data has 0 requests.
   */
  async apisHealth(
    apiNames: string[],
    now: Date,
    canaries: { apiName: string; stage: string }[] = [],
  ): Promise<{ health: Map<string, ApiHealth>; canaries: (JudgedMinutes & { apiName: string })[] }> {
    const names = [...new Set(apiNames)];
    if (names.length === 0 && canaries.length === 0) return { health: new Map(), canaries: [] };
    const end = (Math.floor(now.getTime() / 60_000) + 1) * 60;
    const start = end - HEALTH_WINDOW_MINUTES * 60;
    const queries = [
      ...names.flatMap((apiName, a) =>
        (['requests', 'errors5xx'] as const).map((metric) => ({
          Id: `a${a}_${metric}`,
          MetricStat: {
            Metric: {
              Namespace: 'AWS/ApiGateway',
              MetricName: RAW_METRICS[metric].metricName,
              Dimensions: dimensionsOf({ apiName, stage: null }, 'all'),
            },
            Period: 60,
            Stat: 'Sum',
          },
          ReturnData: true,
        })),
      ),
      ...canaries.flatMap(({ apiName, stage }, s) => judgedQueries(`c${s}`, apiName, stage, 60)),
    ];
    const results =
      (await this.getMetricData(queries, { start, end, periodSeconds: 60 })).MetricDataResults ?? [];
    const byId = new Map(results.map((result) => [result.Id, result]));
    const sum = (id: string) => Math.round((byId.get(id)?.Values ?? []).reduce((total, v) => total + v, 0));
    return {
      health: new Map(
        names.map((apiName, a) => [
          apiName,
          { requests: sum(`a${a}_requests`), errors5xx: sum(`a${a}_errors5xx`) },
        ]),
      ),
      canaries: canaries.map(({ apiName, stage }, s) => ({ apiName, ...judgedSides(byId, `c${s}`, stage) })),
    };
  }

  /**
   * The canary judge's minutes for several stages of one API (base and canary of each), in exactly one
   * GetMetricData call: ten queries per stage, so up to fifty stages fit AWS's 500.
   */
  async judgedMinutes(apiName: string, stages: string[], window: MetricsWindow): Promise<JudgedMinutes[]> {
    const queries = stages.flatMap((stage, s) =>
      judgedQueries(`s${s}`, apiName, stage, window.periodSeconds),
    );
    if (queries.length === 0) return [];
    const results = (await this.getMetricData(queries, window)).MetricDataResults ?? [];
    const byId = new Map(results.map((result) => [result.Id, result]));
    return stages.map((stage, s) => judgedSides(byId, `s${s}`, stage));
  }
}

/** The judge's queries of one stage, base and canary, their ids starting with `prefix`. */
function judgedQueries(
  prefix: string,
  apiName: string,
  stage: string,
  periodSeconds: number,
): MetricDataQuery[] {
  return (['base', 'canary'] as const).flatMap((variant) =>
    JUDGED_METRICS.map((metric) => ({
      Id: `${prefix}_${queryId(variant, metric)}`,
      MetricStat: {
        Metric: {
          Namespace: 'AWS/ApiGateway',
          MetricName: RAW_METRICS[metric].metricName,
          Dimensions: dimensionsOf({ apiName, stage }, variant),
        },
        Period: periodSeconds,
        Stat: RAW_METRICS[metric].stat,
      },
      ReturnData: true,
    })),
  );
}

/** The answers to {@link judgedQueries}, minute by minute per side. */
function judgedSides(
  byId: Map<string | undefined, MetricDataResult>,
  prefix: string,
  stage: string,
): JudgedMinutes {
  const side = (variant: 'base' | 'canary') => {
    const minutes = new Map<number, Partial<Record<JudgedMetric, number>>>();
    for (const metric of JUDGED_METRICS) {
      const result = byId.get(`${prefix}_${queryId(variant, metric)}`);
      result?.Timestamps?.forEach((time, i) => {
        const value = result.Values?.[i];
        if (value === undefined) return;
        const minute = minutes.get(time.getTime()) ?? {};
        minute[metric] = value;
        minutes.set(time.getTime(), minute);
      });
    }
    // A minute CloudWatch has no request count for is left out: missing minutes are not healthy ones.
    return [...minutes]
      .filter(([, m]) => m.requests !== undefined)
      .sort(([a], [b]) => a - b)
      .map(([t, m]) => ({
        t: new Date(t),
        requests: m.requests ?? 0,
        errors5xx: m.errors5xx ?? 0,
        errors4xx: m.errors4xx ?? 0,
        latencyAvg: m.latencyAvg,
        latencyP99: m.latencyP99,
      }));
  };
  return { stage, base: side('base'), canary: side('canary') };
}

/** The metrics the canary judge reads per side. */
const JUDGED_METRICS = ['requests', 'errors5xx', 'errors4xx', 'latencyAvg', 'latencyP99'] as const;
type JudgedMetric = (typeof JUDGED_METRICS)[number];

/** One minute of one side as the judge reads it (the shape of the judge's MinuteSample). */
export interface JudgedMinute {
  t: Date;
  requests: number;
  errors5xx: number;
  errors4xx: number;
  latencyAvg: number | undefined;
  latencyP99: number | undefined;
}

/** A stage's minutes, base and canary apart. */
export interface JudgedMinutes {
  stage: string;
  base: JudgedMinute[];
  canary: JudgedMinute[];
}
