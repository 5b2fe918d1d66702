import type {
  MetricName,
  MetricRange,
  MetricsResponse,
  MetricsSummary,
  MetricVariant,
} from '@gateway-console/contract';
import { formatRate } from '../../../shared/format.ts';

/** The charts of a dashboard, in the order they are shown; titles are what operators (and tests) look for. */
export const chartKinds = ['requests', 'errors4xx', 'errors5xx', 'latency', 'cache'] as const;
export type ChartKind = (typeof chartKinds)[number];

export const chartTitles: Record<ChartKind, string> = {
  requests: 'Requests',
  errors4xx: '4XX errors',
  errors5xx: '5XX errors',
  latency: 'Latency',
  cache: 'Cache hits',
};

export const rangeLabels: Record<MetricRange, string> = {
  '15m': 'Last 15 minutes',
  '1h': 'Last hour',
  '3h': 'Last 3 hours',
  '24h': 'Last 24 hours',
};
// Spelled out here rather than imported: a runtime import of the contract would pull zod into the shell.
export const ranges = Object.keys(rangeLabels) as MetricRange[];

/** One line of a chart: which series of the response it draws and how it looks. */
export interface ChartLine {
  /** Row key in the chart data, e.g. `canary_errors5xxRate`, `stage-prod_requests`. */
  key: string;
  /** The row keys' prefix of this line's series: `canary`, `stage-prod`. */
  prefix: string;
  metric: MetricName;
  variant: MetricVariant;
  /** The stage of a per-stage line on an API's dashboard. */
  stage?: string;
  label: string;
  dashed: boolean;
  /** A CSS colour. */
  colour: string;
}

export type ChartUnit = 'count' | 'percent' | 'ms';

export interface ChartSpec {
  kind: ChartKind;
  title: string;
  unit: ChartUnit;
  lines: ChartLine[];
}

const variantLabels: Record<MetricVariant, string> = {
  base: 'Base',
  canary: 'Canary',
  all: 'All stages',
  stage: 'Stage',
};
export const variantLabel = (variant: MetricVariant) => variantLabels[variant];

const chartMetrics: Record<ChartKind, { unit: ChartUnit; metrics: Array<[MetricName, string, boolean]> }> = {
  requests: { unit: 'count', metrics: [['requests', '', false]] },
  errors4xx: { unit: 'percent', metrics: [['errors4xxRate', '', false]] },
  errors5xx: { unit: 'percent', metrics: [['errors5xxRate', '', false]] },
  latency: {
    unit: 'ms',
    metrics: [
      ['latencyP99', ' p99', false],
      ['latencyP50', ' p50', true],
    ],
  },
  cache: { unit: 'percent', metrics: [['cacheHitRate', '', false]] },
};

const hasData = (response: MetricsResponse, variant: MetricVariant) =>
  response.series.some(
    (series) => series.variant === variant && series.values.some((value) => value !== null),
  );

/** The variants worth drawing: base (or the whole API) always, the canary when it had traffic in the range. */
export function shownVariants(response: MetricsResponse): MetricVariant[] {
  if (response.stage === null) return ['all'];
  return hasData(response, 'canary') ? ['base', 'canary'] : ['base'];
}

const variantColours: Record<MetricVariant, string> = {
  base: 'var(--base)',
  canary: 'var(--canary)',
  all: 'var(--base)',
  stage: 'var(--stage-1)',
};
/** Per-stage lines take these in turn (defined light and dark in dashboard.css). */
export const STAGE_COLOURS = 6;
const stageColour = (index: number) => `var(--stage-${(index % STAGE_COLOURS) + 1})`;

/** What a per-stage line of an API's dashboard draws on each chart (one line per stage, no p50). */
const stageMetrics: Partial<Record<ChartKind, [MetricName, string]>> = {
  requests: ['requests', ''],
  errors4xx: ['errors4xxRate', ''],
  errors5xx: ['errors5xxRate', ''],
  latency: ['latencyAvg', ' avg'],
};

const stagePrefix = (stage: string) => `stage-${stage}`;

/** The stages an API's response has a line for, in its order. */
export function stagesOf(response: MetricsResponse): string[] {
  const stages: string[] = [];
  for (const series of response.series) {
    if (series.variant === 'stage' && series.stage && !stages.includes(series.stage))
      stages.push(series.stage);
  }
  return stages;
}

/** The charts of this response: cache hits only when the traffic went through a cache. */
export function chartSpecs(response: MetricsResponse): ChartSpec[] {
  const variants = shownVariants(response);
  const stages = stagesOf(response);
  return chartKinds
    .filter((kind) => kind !== 'cache' || response.caching)
    .map((kind) => {
      const lines: ChartLine[] = variants.flatMap((variant) =>
        chartMetrics[kind].metrics.map(([metric, suffix, dashed]) => ({
          key: `${variant}_${metric}`,
          prefix: variant,
          metric,
          variant,
          label: `${variantLabel(variant)}${suffix}`,
          dashed,
          colour: variantColours[variant],
        })),
      );
      const perStage = stageMetrics[kind];
      if (perStage) {
        const [metric, suffix] = perStage;
        stages.forEach((stage, index) => {
          lines.push({
            key: `${stagePrefix(stage)}_${metric}`,
            prefix: stagePrefix(stage),
            metric,
            variant: 'stage',
            stage,
            label: `${stage}${suffix}`,
            dashed: false,
            colour: stageColour(index),
          });
        });
      }
      return { kind, title: chartTitles[kind], unit: chartMetrics[kind].unit, lines };
    });
}

/** "minute", "5 minutes", "hour": how long one point of the charts is. */
export function periodPhrase(periodSeconds: number): string {
  if (periodSeconds === 60) return 'minute';
  if (periodSeconds === 3600) return 'hour';
  if (periodSeconds % 3600 === 0) return `${periodSeconds / 3600} hours`;
  return `${periodSeconds / 60} minutes`;
}

/** The y axis's unit in words, by the period the BFF charted at: "requests per 5 minutes". */
export function axisUnitOf(kind: ChartKind, periodSeconds: number): string {
  const per = periodPhrase(periodSeconds);
  switch (kind) {
    case 'requests':
      return `requests per ${per}`;
    case 'errors4xx':
    case 'errors5xx':
      return `% of requests, per ${per}`;
    case 'latency':
      return `ms, per ${per}`;
    case 'cache':
      return `% of cache lookups, per ${per}`;
  }
}

/**
 * The index of the first row whose period had not ended when CloudWatch was read (`asOf`, epoch
 * ms), or null when every period is complete. A row ends where the next starts (rows may be
 * downsampled buckets), the last at the response's end.
 */
export function partialFrom(rows: ChartRow[], end: number, asOf: number): number | null {
  for (let i = 0; i < rows.length; i++) {
    const rowEnd = rows[i + 1]?.t ?? end;
    if (rowEnd > asOf) return i;
  }
  return null;
}

/** A chart row: the period start (epoch ms) and one value per line key; null is a gap. */
export type ChartRow = { t: number } & Record<string, number | null>;

/** Rows of every series of the response, ratios turned into percents for reading. */
export function chartRows(response: MetricsResponse): ChartRow[] {
  const rows: ChartRow[] = response.timestamps.map((t) => ({ t: Date.parse(t) }) as ChartRow);
  for (const series of response.series) {
    const scale = series.unit === 'ratio' ? 100 : 1;
    const prefix = series.variant === 'stage' && series.stage ? stagePrefix(series.stage) : series.variant;
    const key = `${prefix}_${series.metric}`;
    series.values.forEach((value, i) => {
      const row = rows[i];
      if (row) row[key] = value === null ? null : value * scale;
    });
  }
  return rows;
}

/**
 * At most `maxPoints` rows, each bucket keeping the highest value of every series so error spikes
 * and latency peaks stay visible; a bucket with no data at all stays a gap.
 */
export function downsample(rows: ChartRow[], maxPoints: number): ChartRow[] {
  if (rows.length <= maxPoints) return rows;
  const size = Math.ceil(rows.length / maxPoints);
  const out: ChartRow[] = [];
  for (let start = 0; start < rows.length; start += size) {
    const bucket = rows.slice(start, start + size);
    const merged = { t: bucket[0]!.t } as ChartRow;
    for (const row of bucket) {
      for (const [key, value] of Object.entries(row)) {
        if (key === 't') continue;
        const current = merged[key];
        if (current === undefined || current === null) merged[key] = value;
        else if (value !== null && value > current) merged[key] = value;
      }
    }
    out.push(merged);
  }
  return out;
}

const counts = new Intl.NumberFormat(undefined, { maximumFractionDigits: 0 });

export function formatValue(value: number, unit: ChartUnit): string {
  if (unit === 'percent') return formatRate(value);
  if (unit === 'ms') return value >= 1000 ? `${(value / 1000).toFixed(1)} s` : `${counts.format(value)} ms`;
  return counts.format(value);
}

/** Canary minus base, signed, in the chart's unit (percentage points for rates). */
export function formatDifference(difference: number, unit: ChartUnit): string {
  const sign = difference > 0 ? '+' : difference < 0 ? '−' : '±';
  const size = Math.abs(difference);
  if (unit === 'percent') return `${sign}${size < 0.1 && size > 0 ? size.toFixed(2) : size.toFixed(1)} pp`;
  return `${sign}${formatValue(size, unit)}`;
}

/** How a headline reads: `bad` when the canary is clearly worse than the base. */
export type Tone = 'neutral' | 'bad' | 'good';

export interface Headline {
  text: string;
  tone: Tone;
  /** Extra figures under the headline. */
  detail?: string;
}

const summaryOf = (response: MetricsResponse, variant: MetricVariant) =>
  response.summary.find((summary) => summary.variant === variant);

/** Worse by a margin an operator would act on: half again the base, and at least 0.5 points (or 20 ms). */
function canaryWorse(canary: number, base: number, unit: ChartUnit): boolean {
  const margin = unit === 'ms' ? 20 : 0.5;
  return canary - base >= margin && canary >= base * 1.5;
}

function compared(
  response: MetricsResponse,
  unit: ChartUnit,
  pick: (summary: MetricsSummary) => number | null,
  label: string,
): Headline {
  const variants = shownVariants(response);
  const base = summaryOf(response, variants[0]!);
  const baseValue = base ? pick(base) : null;
  if (variants.length === 1 || !variants.includes('canary')) {
    const who = response.stage === null ? 'all stages' : 'base';
    return {
      text: baseValue === null ? `no ${label} data` : `${who} ${label} ${formatValue(baseValue, unit)}`,
      tone: 'neutral',
    };
  }
  const canary = summaryOf(response, 'canary');
  const canaryValue = canary ? pick(canary) : null;
  const format = (value: number | null) => (value === null ? 'n/a' : formatValue(value, unit));
  const worse = canaryValue !== null && baseValue !== null && canaryWorse(canaryValue, baseValue, unit);
  const better = canaryValue !== null && baseValue !== null && canaryWorse(baseValue, canaryValue, unit);
  return {
    text: `canary ${label} ${format(canaryValue)} vs base ${format(baseValue)}`,
    tone: worse ? 'bad' : better ? 'good' : 'neutral',
  };
}

/** The one sentence above a chart that answers "is the canary worse than the base?". */
export function headlineFor(kind: ChartKind, response: MetricsResponse): Headline {
  const percent = (ratio: number | null) => (ratio === null ? null : ratio * 100);
  switch (kind) {
    case 'requests': {
      const variants = shownVariants(response);
      const total = variants.reduce((sum, variant) => sum + (summaryOf(response, variant)?.requests ?? 0), 0);
      const canary = variants.includes('canary') ? (summaryOf(response, 'canary')?.requests ?? 0) : null;
      const text =
        canary === null
          ? `${counts.format(total)} requests`
          : `canary ${counts.format(canary)} requests (${formatRate(total === 0 ? 0 : (canary / total) * 100)}) vs base ${counts.format(total - canary)}`;
      return { text, tone: 'neutral' };
    }
    case 'errors4xx':
      return compared(response, 'percent', (summary) => summary.errors4xxRate * 100, '4xx rate');
    case 'errors5xx':
      return compared(response, 'percent', (summary) => summary.errors5xxRate * 100, '5xx rate');
    case 'latency': {
      const headline = compared(response, 'ms', (summary) => summary.latencyAvg, 'average latency');
      const details = shownVariants(response).map((variant) => {
        const summary = summaryOf(response, variant);
        const p99 = summary?.latencyP99Peak ?? null;
        const integration = summary?.integrationLatencyAvg ?? null;
        return `${variantLabel(variant)}: p99 peak ${p99 === null ? 'n/a' : formatValue(p99, 'ms')}, integration ${integration === null ? 'n/a' : formatValue(integration, 'ms')}`;
      });
      return { ...headline, detail: details.join(' · ') };
    }
    case 'cache': {
      const headline = compared(
        response,
        'percent',
        (summary) => percent(summary.cacheHitRate),
        'cache hit rate',
      );
      // For a cache, lower is worse: flip the tone.
      const tone: Tone = headline.tone === 'bad' ? 'good' : headline.tone === 'good' ? 'bad' : 'neutral';
      return { ...headline, tone };
    }
  }
}

/** "1-minute points", "5-minute points": what one point of the charts stands for. */
export function describePeriod(periodSeconds: number): string {
  if (periodSeconds % 3600 === 0) return `${periodSeconds / 3600}-hour points`;
  return `${periodSeconds / 60}-minute points`;
}

/** A y axis from 0 with about `count` round steps (1, 2, 2.5 or 5 × 10ⁿ) that covers `max`. */
export function niceTicks(max: number, count = 4): number[] {
  if (!(max > 0)) return [0, 1];
  const rough = max / count;
  const magnitude = 10 ** Math.floor(Math.log10(rough));
  const step = [1, 2, 2.5, 5, 10].map((m) => m * magnitude).find((candidate) => candidate >= rough)!;
  const ticks: number[] = [];
  for (let tick = 0; tick < max + step / 1e6; tick += step) ticks.push(Number(tick.toPrecision(12)));
  if (ticks.at(-1)! < max) ticks.push(Number((ticks.at(-1)! + step).toPrecision(12)));
  return ticks;
}

/** The highest value any of the lines reaches. */
export function peakOf(rows: ChartRow[], lines: ChartLine[]): number {
  let peak = 0;
  for (const row of rows) {
    for (const line of lines) {
      const value = row[line.key];
      if (typeof value === 'number' && value > peak) peak = value;
    }
  }
  return peak;
}

const minute = 60_000;
/** Steps a time axis may take, from 1 minute to 12 hours: each reads as a round time of day. */
const timeSteps = [1, 2, 5, 10, 15, 30, 60, 120, 180, 360, 720].map((minutes) => minutes * minute);

/**
 * Round times of day inside [start, end] (epoch ms), at the smallest step giving at most `maxTicks`,
 * aligned on the viewer's clock (`offsetMinutes` east of UTC). Given to the chart so it draws them as
 * they are, rather than measuring a label for every data point to find which fit.
 */
export function timeTicks(start: number, end: number, maxTicks: number, offsetMinutes = 0): number[] {
  const step = timeSteps.find((candidate) => (end - start) / candidate < maxTicks) ?? timeSteps.at(-1)!;
  const offset = offsetMinutes * minute;
  const ticks: number[] = [];
  for (let t = Math.ceil((start + offset) / step) * step - offset; t <= end; t += step) ticks.push(t);
  return ticks;
}
