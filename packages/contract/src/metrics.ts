import { z } from 'zod';

export * from './ranges.ts';

// Dashboards: CloudWatch's AWS/ApiGateway metrics of one stage (base and canary apart) or of a whole API.

export const metricRanges = ['15m', '1h', '3h', '24h'] as const;
export const MetricRange = z.enum(metricRanges);
export type MetricRange = z.infer<typeof MetricRange>;

/** How long each range looks back, in seconds. */
export const metricRangeSeconds: Record<MetricRange, number> = {
  '15m': 15 * 60,
  '1h': 3600,
  '3h': 3 * 3600,
  '24h': 24 * 3600,
};

/**
 * A fixed range ending now (`range`, default 1h), or an absolute one (`from` and `to`, ISO timestamps,
 * both or neither; never with `range`). Whether an absolute range fits CloudWatch is checked against
 * the clock by the BFF with `metricsWindowProblem`.
 */
export const MetricsQuery = z
  .strictObject({
    range: MetricRange.optional(),
    from: z.iso.datetime({ offset: true }).optional(),
    to: z.iso.datetime({ offset: true }).optional(),
  })
  .superRefine((query, ctx) => {
    if ((query.from === undefined) !== (query.to === undefined))
      ctx.addIssue({
        code: 'custom',
        path: [query.from === undefined ? 'from' : 'to'],
        message: 'Give both from and to.',
      });
    if (query.range !== undefined && query.from !== undefined)
      ctx.addIssue({
        code: 'custom',
        path: ['range'],
        message: 'Give either range or from and to, not both.',
      });
  });
export type MetricsQuery = z.infer<typeof MetricsQuery>;

/**
 * Whose traffic a series counts: the stage's base deployment (`Stage = {stage}`), its canary
 * (`Stage = {stage}/Canary`), every stage of the API together (`ApiName` only), or on an API's
 * dashboard one stage of it, base and canary together (`stage` names it).
 */
export const MetricVariant = z.enum(['base', 'canary', 'all', 'stage']);
export type MetricVariant = z.infer<typeof MetricVariant>;

export const metricNames = [
  'requests',
  'errors4xx',
  'errors5xx',
  'errors4xxRate',
  'errors5xxRate',
  'latencyAvg',
  'latencyP50',
  'latencyP99',
  'integrationLatencyAvg',
  'cacheHits',
  'cacheMisses',
  'cacheHitRate',
] as const;
export const MetricName = z.enum(metricNames);
export type MetricName = z.infer<typeof MetricName>;

/** `count`: requests per period; `ratio`: 0–1 (errors / requests, hits / lookups); `ms`: milliseconds. */
export const MetricUnit = z.enum(['count', 'ratio', 'ms']);
export type MetricUnit = z.infer<typeof MetricUnit>;

/** One line of a chart: a value per timestamp of the response, null where CloudWatch has no datapoint. */
export const MetricSeries = z.object({
  metric: MetricName,
  variant: MetricVariant,
  unit: MetricUnit,
  /** The stage of a `stage` series. */
  stage: z.string().optional(),
  values: z.array(z.number().nullable()),
});
export type MetricSeries = z.infer<typeof MetricSeries>;

/** The whole range in one figure per metric, for the headlines. */
export const MetricsSummary = z.object({
  variant: MetricVariant,
  requests: z.number(),
  errors4xx: z.number(),
  errors5xx: z.number(),
  /** 0 when there were no requests. */
  errors4xxRate: z.number(),
  errors5xxRate: z.number(),
  /** Request-weighted mean of the period averages; null without requests. */
  latencyAvg: z.number().nullable(),
  /** The highest p99 of any period (percentiles do not add up across periods). */
  latencyP99Peak: z.number().nullable(),
  integrationLatencyAvg: z.number().nullable(),
  cacheHits: z.number(),
  cacheMisses: z.number(),
  /** Null when the cache was not consulted (caching off). */
  cacheHitRate: z.number().nullable(),
});
export type MetricsSummary = z.infer<typeof MetricsSummary>;

export const MetricsResponse = z.object({
  apiId: z.string(),
  /** CloudWatch keys API Gateway metrics by this name, not by id. */
  apiName: z.string(),
  /** Null for the API-wide view. */
  stage: z.string().nullable(),
  /** The fixed range asked for, or null for an absolute one. */
  range: MetricRange.nullable(),
  periodSeconds: z.number().int(),
  /** ISO timestamps: the start of the first period and the end of the last. */
  start: z.string(),
  end: z.string(),
  /** When CloudWatch was read: a period ending after this was still filling in (partial). */
  asOf: z.string(),
  /** Start of each period, oldest first; every series has one value per timestamp. */
  timestamps: z.array(z.string()),
  series: z.array(MetricSeries),
  summary: z.array(MetricsSummary),
  /** True when any cache lookups were reported, i.e. caching is on for this traffic. */
  caching: z.boolean(),
  /** Things the operator should know when reading the charts, e.g. another API shares this name. */
  warnings: z.array(z.string()),
});
export type MetricsResponse = z.infer<typeof MetricsResponse>;
