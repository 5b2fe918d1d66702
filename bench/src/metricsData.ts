import {
  type MetricName,
  type MetricRange,
  type MetricSeries,
  type MetricsResponse,
  MetricsResponse as MetricsResponseSchema,
  type MetricsSummary,
  type MetricVariant,
  metricRangeSeconds,
} from '@gateway-console/contract';

/** The 7 series of a stage without canary traffic: requests, errors (counts and rates), latency p50/p99. */
const stageMetrics: MetricName[] = [
  'requests',
  'errors4xx',
  'errors5xx',
  'errors4xxRate',
  'errors5xxRate',
  'latencyP50',
  'latencyP99',
];
/** 10 per side, 20 with a canary: the 7 plus average latency, integration latency and cache hit rate. */
const fullMetrics: MetricName[] = [...stageMetrics, 'latencyAvg', 'integrationLatencyAvg', 'cacheHitRate'];

const unitOf = (metric: MetricName): MetricSeries['unit'] =>
  metric.endsWith('Rate')
    ? 'ratio'
    : metric.startsWith('latency') || metric.includes('Latency')
      ? 'ms'
      : 'count';

/** Deterministic noise (mulberry32), so every run draws the same shapes. */
function noise(seed: number) {
  let state = seed;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * A contract-valid metrics response as the BFF would send it for `range` at its period rule
 * (24 h → 5-minute periods, 288 points): 7 series (base only) or 20 (base and canary, caching on).
 * Values follow a daily curve with noise and the odd gap, like real traffic.
 */
export function syntheticMetrics(options: {
  apiId: string;
  apiName: string;
  stage: string;
  range: MetricRange;
  series: 7 | 20;
}): MetricsResponse {
  const periodSeconds = options.range === '24h' ? 300 : 60;
  const points = Math.floor(metricRangeSeconds[options.range] / periodSeconds);
  const end = Math.floor(Date.now() / (periodSeconds * 1000)) * periodSeconds * 1000;
  const start = end - points * periodSeconds * 1000;
  const timestamps = Array.from({ length: points }, (_, i) =>
    new Date(start + i * periodSeconds * 1000).toISOString(),
  );
  const variants: MetricVariant[] = options.series === 7 ? ['base'] : ['base', 'canary'];
  const metrics = options.series === 7 ? stageMetrics : fullMetrics;
  const random = noise(options.series * 7919 + points);
  const series: MetricSeries[] = variants.flatMap((variant) =>
    metrics.map((metric) => ({
      metric,
      variant,
      unit: unitOf(metric),
      values: timestamps.map((_, i) => {
        if (random() < 0.01) return null;
        const daily = 1 + 0.5 * Math.sin((i / points) * 2 * Math.PI);
        const worse = variant === 'canary' ? 3 : 1;
        switch (unitOf(metric)) {
          case 'ratio':
            return metric === 'cacheHitRate'
              ? 0.6 + 0.3 * random()
              : Math.min(1, 0.004 * worse * random() * daily);
          case 'ms':
            return (
              (metric === 'latencyP99' ? 240 : 60) * (variant === 'canary' ? 1.4 : 1) * (0.8 + 0.4 * random())
            );
          default:
            return Math.round((metric === 'requests' ? 1200 : 6 * worse) * daily * (0.8 + 0.4 * random()));
        }
      }),
    })),
  );
  const total = (variant: MetricVariant, metric: MetricName) =>
    series
      .find((s) => s.variant === variant && s.metric === metric)
      ?.values.reduce<number>((sum, v) => sum + (v ?? 0), 0) ?? 0;
  const summary: MetricsSummary[] = variants.map((variant) => {
    const requests = total(variant, 'requests');
    const errors4xx = total(variant, 'errors4xx');
    const errors5xx = total(variant, 'errors5xx');
    return {
      variant,
      requests,
      errors4xx,
      errors5xx,
      errors4xxRate: requests ? errors4xx / requests : 0,
      errors5xxRate: requests ? errors5xx / requests : 0,
      latencyAvg: 70,
      latencyP99Peak: 320,
      integrationLatencyAvg: 50,
      cacheHits: 0,
      cacheMisses: 0,
      cacheHitRate: options.series === 20 ? 0.75 : null,
    };
  });
  return MetricsResponseSchema.parse({
    apiId: options.apiId,
    apiName: options.apiName,
    stage: options.stage,
    range: options.range,
    periodSeconds,
    start: new Date(start).toISOString(),
    end: new Date(end).toISOString(),
    asOf: new Date(end).toISOString(),
    timestamps,
    series,
    summary,
    caching: options.series === 20,
    warnings: [],
  });
}
