import type { Dimension, StandardUnit } from '@aws-sdk/client-cloudwatch';

/** CloudWatch's standard resolution: every datapoint lands in a one-minute aggregate. */
export const MINUTE_MS = 60_000;

/**
 * How long one-minute aggregates are kept. AWS keeps them 15 days; the console's widest range is
 * 24 hours, and 15 days of live traffic would not fit in memory, so the emulator keeps one day.
 */
export const DEFAULT_METRIC_RETENTION_MS = 24 * 60 * MINUTE_MS;

/** Relative width of a histogram bucket: percentiles are accurate to about 1 %. */
const BUCKET_GROWTH = 1.02;
const LOG_GROWTH = Math.log(BUCKET_GROWTH);

/** One minute of one series: what CloudWatch keeps for a standard-resolution metric. */
export class MinuteAggregate {
  sampleCount = 0;
  sum = 0;
  minimum = Number.POSITIVE_INFINITY;
  maximum = Number.NEGATIVE_INFINITY;
  /** Log-bucketed histogram for percentiles; bounded by the value range, not by the request count. */
  readonly histogram = new Map<number, number>();

  constructor(readonly minuteMs: number) {}

  add(value: number, count = 1): void {
    this.sampleCount += count;
    this.sum += value * count;
    if (value < this.minimum) this.minimum = value;
    if (value > this.maximum) this.maximum = value;
    const bucket = bucketOf(value);
    this.histogram.set(bucket, (this.histogram.get(bucket) ?? 0) + count);
  }

  /** A pre-aggregated StatisticSet (PutMetricData): no distribution, so percentiles use its mean. */
  addStatisticSet(set: { sampleCount: number; sum: number; minimum: number; maximum: number }): void {
    if (set.sampleCount <= 0) return;
    this.sampleCount += set.sampleCount;
    this.sum += set.sum;
    this.minimum = Math.min(this.minimum, set.minimum);
    this.maximum = Math.max(this.maximum, set.maximum);
    const bucket = bucketOf(set.sum / set.sampleCount);
    this.histogram.set(bucket, (this.histogram.get(bucket) ?? 0) + set.sampleCount);
  }
}

/** Buckets: 0 for zero and below, ±k for magnitudes in [1.02^(k-1), 1.02^k) shifted to stay non-zero. */
function bucketOf(value: number): number {
  if (value === 0) return 0;
  const magnitude = Math.abs(value);
  const index = Math.floor(Math.log(magnitude) / LOG_GROWTH) + 100_000;
  return value > 0 ? index : -index;
}

function bucketMidpoint(bucket: number): number {
  if (bucket === 0) return 0;
  const index = Math.abs(bucket) - 100_000;
  const magnitude = BUCKET_GROWTH ** (index + 0.5);
  return bucket > 0 ? magnitude : -magnitude;
}

/** A metric: namespace, name and exact dimension set, with its minutes. */
export class MetricSeries {
  readonly minutes = new Map<number, MinuteAggregate>();
  unit: StandardUnit | undefined;
  lastWrittenMs = 0;
  private current: MinuteAggregate | undefined;

  constructor(
    readonly namespace: string,
    readonly metricName: string,
    readonly dimensions: Dimension[],
  ) {}

  /** The aggregate of the minute containing `timestampMs`, created on first use. */
  minute(timestampMs: number): MinuteAggregate {
    // Floor division, not `t - t % 60000`: fractional timestamps must land on the exact minute key.
    const minuteMs = Math.floor(timestampMs / MINUTE_MS) * MINUTE_MS;
    if (this.current?.minuteMs === minuteMs) return this.current;
    let aggregate = this.minutes.get(minuteMs);
    if (!aggregate) {
      aggregate = new MinuteAggregate(minuteMs);
      this.minutes.set(minuteMs, aggregate);
    }
    if (minuteMs > this.lastWrittenMs) this.lastWrittenMs = minuteMs;
    this.current = aggregate;
    return aggregate;
  }

  record(value: number, timestampMs: number): void {
    this.minute(timestampMs).add(value);
  }

  dropBefore(cutoffMs: number): void {
    for (const minuteMs of this.minutes.keys()) if (minuteMs < cutoffMs) this.minutes.delete(minuteMs);
    if (this.current && this.current.minuteMs < cutoffMs) this.current = undefined;
  }
}

/** Sorted `Name=Value` pairs: the identity of a dimension set, whatever order the caller used. */
export function seriesKey(namespace: string, metricName: string, dimensions: readonly Dimension[]): string {
  const dims = dimensions
    .map((d) => `${d.Name}=${d.Value}`)
    .sort()
    .join('\u0001');
  return `${namespace}\u0000${metricName}\u0000${dims}`;
}

/** All metrics of the emulated account, in memory, one-minute resolution, bounded by retention. */
export class MetricStore {
  private readonly series = new Map<string, MetricSeries>();
  private lastPruneMinute = 0;
  /** Bumped whenever series are dropped, so holders of series references know to look them up again. */
  generation = 0;

  constructor(
    readonly retentionMs = DEFAULT_METRIC_RETENTION_MS,
    private readonly now: () => number = Date.now,
  ) {}

  /** The series for this exact metric, created on first use (callers on hot paths keep the reference). */
  seriesFor(namespace: string, metricName: string, dimensions: readonly Dimension[]): MetricSeries {
    const key = seriesKey(namespace, metricName, dimensions);
    let found = this.series.get(key);
    if (!found) {
      const sorted = [...dimensions].sort((a, b) => (a.Name ?? '').localeCompare(b.Name ?? ''));
      found = new MetricSeries(namespace, metricName, sorted);
      this.series.set(key, found);
    }
    return found;
  }

  find(namespace: string, metricName: string, dimensions: readonly Dimension[]): MetricSeries | undefined {
    return this.series.get(seriesKey(namespace, metricName, dimensions));
  }

  all(): IterableIterator<MetricSeries> {
    return this.series.values();
  }

  /** Drops minutes older than retention; cheap enough to call on every write (works once a minute). */
  prune(): void {
    const nowMs = this.now();
    const minute = Math.floor(nowMs / MINUTE_MS);
    if (minute === this.lastPruneMinute) return;
    this.lastPruneMinute = minute;
    const cutoff = nowMs - this.retentionMs;
    for (const [key, series] of this.series) {
      series.dropBefore(cutoff);
      if (series.minutes.size === 0 && series.lastWrittenMs < cutoff) {
        this.series.delete(key);
        this.generation++;
      }
    }
  }

  isWithinRetention(timestampMs: number): boolean {
    return timestampMs >= this.now() - this.retentionMs;
  }
}

/** A statistic over merged minute aggregates, as CloudWatch computes it for one period. */
export function statisticOf(aggregates: readonly MinuteAggregate[], stat: string): number | undefined {
  let sampleCount = 0;
  let sum = 0;
  let minimum = Number.POSITIVE_INFINITY;
  let maximum = Number.NEGATIVE_INFINITY;
  for (const a of aggregates) {
    sampleCount += a.sampleCount;
    sum += a.sum;
    if (a.minimum < minimum) minimum = a.minimum;
    if (a.maximum > maximum) maximum = a.maximum;
  }
  if (sampleCount === 0) return undefined;
  switch (stat) {
    case 'SampleCount':
      return sampleCount;
    case 'Sum':
      return sum;
    case 'Average':
      return sum / sampleCount;
    case 'Minimum':
      return minimum;
    case 'Maximum':
      return maximum;
  }
  const percentile = parsePercentile(stat);
  if (percentile === undefined) return undefined;
  return percentileOf(aggregates, sampleCount, percentile, minimum, maximum);
}

/** `p99`, `p99.9`, `p50` → the fraction; anything else → undefined. */
export function parsePercentile(stat: string): number | undefined {
  const match = /^p(\d{1,2}(?:\.\d+)?|100)$/.exec(stat);
  if (!match) return undefined;
  const value = Number(match[1]);
  return value >= 0 && value <= 100 ? value / 100 : undefined;
}

export function isSupportedStatistic(stat: string): boolean {
  return (
    ['SampleCount', 'Sum', 'Average', 'Minimum', 'Maximum'].includes(stat) ||
    parsePercentile(stat) !== undefined
  );
}

function percentileOf(
  aggregates: readonly MinuteAggregate[],
  sampleCount: number,
  fraction: number,
  minimum: number,
  maximum: number,
): number {
  const merged = new Map<number, number>();
  for (const a of aggregates) for (const [b, n] of a.histogram) merged.set(b, (merged.get(b) ?? 0) + n);
  const buckets = [...merged.keys()].sort((x, y) => x - y);
  const rank = Math.max(1, Math.ceil(fraction * sampleCount));
  let seen = 0;
  for (const bucket of buckets) {
    seen += merged.get(bucket)!;
    if (seen >= rank) return Math.min(maximum, Math.max(minimum, bucketMidpoint(bucket)));
  }
  return maximum;
}
