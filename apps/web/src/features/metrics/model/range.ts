import type { MetricRange } from '@gateway-console/contract';
import { MIN_METRIC_RANGE_SECONDS, metricsWindowProblem } from '@gateway-console/contract/ranges';

/** What a dashboard charts: a fixed range ending now, or an absolute one (epoch ms). */
export type DashboardRange =
  | { kind: 'fixed'; range: MetricRange }
  | { kind: 'absolute'; from: number; to: number };

export const DEFAULT_RANGE: DashboardRange = { kind: 'fixed', range: '1h' };

const fixedRanges: Record<MetricRange, number> = {
  '15m': 15 * 60_000,
  '1h': 3600_000,
  '3h': 3 * 3600_000,
  '24h': 24 * 3600_000,
};
const isFixed = (value: string): value is MetricRange => Object.hasOwn(fixedRanges, value);

/** The range a URL's search asks for, and why it was not used when it could not be. */
export interface RangeFromUrl {
  range: DashboardRange;
  /** Said above the charts when the URL's range was bad or too long: what was shown instead. */
  problem: string | null;
}

/**
 * `?range=3h`, or `?from=…&to=…` (ISO timestamps), as a dashboard range. Anything the BFF would
 * refuse falls back to the last hour with a note, rather than charts that never come.
 */
export function rangeFromSearch(search: string, now: number): RangeFromUrl {
  const params = new URLSearchParams(search);
  const range = params.get('range');
  const from = params.get('from');
  const to = params.get('to');
  const fallback = (why: string): RangeFromUrl => ({
    range: DEFAULT_RANGE,
    problem: `The link's time range was not used: ${why} Showing the last hour instead.`,
  });
  if (from !== null || to !== null) {
    if (from === null || to === null) return fallback('it needs both a start (from) and an end (to).');
    const start = Date.parse(from);
    const end = Date.parse(to);
    const problem = metricsWindowProblem(start, end, now);
    return problem ? fallback(problem) : { range: { kind: 'absolute', from: start, to: end }, problem: null };
  }
  if (range === null) return { range: DEFAULT_RANGE, problem: null };
  return isFixed(range)
    ? { range: { kind: 'fixed', range }, problem: null }
    : fallback(`"${range}" is not a range.`);
}

/** The URL search parameters of a range (the other parameters of the page are kept by the caller). */
export function searchOf(range: DashboardRange): Record<'range' | 'from' | 'to', string | null> {
  if (range.kind === 'fixed') return { range: range.range, from: null, to: null };
  return { range: null, from: new Date(range.from).toISOString(), to: new Date(range.to).toISOString() };
}

/** The BFF's query for a range. */
export function metricsQueryOf(range: DashboardRange): string {
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(searchOf(range))) if (value !== null) params.set(name, value);
  return params.toString();
}

/** A stable key for the query cache. */
export const rangeKey = (range: DashboardRange) =>
  range.kind === 'fixed' ? range.range : `${range.from}-${range.to}`;

/**
 * The range a drag across a chart selects, [a, b] in either order: at least the shortest range the
 * BFF charts (widened around the middle), and never ending after now.
 */
export function zoomedRange(a: number, b: number, now: number): DashboardRange {
  let from = Math.min(a, b);
  let to = Math.max(a, b);
  const min = MIN_METRIC_RANGE_SECONDS * 1000;
  if (to - from < min) {
    const middle = (from + to) / 2;
    from = middle - min / 2;
    to = middle + min / 2;
  }
  if (to > now) {
    from -= to - now;
    to = now;
  }
  return { kind: 'absolute', from: Math.round(from), to: Math.round(to) };
}

/**
 * The fixed range covering the same time, for views that only offer fixed ranges (status codes):
 * the shortest one reaching back to the range's start, else the longest.
 */
export function coveringFixedRange(range: DashboardRange, now: number): MetricRange {
  if (range.kind === 'fixed') return range.range;
  const back = now - range.from;
  const ranges = Object.keys(fixedRanges) as MetricRange[];
  return ranges.find((candidate) => fixedRanges[candidate] >= back) ?? ranges.at(-1)!;
}

const pad = (n: number) => String(n).padStart(2, '0');

/** Epoch ms as a `datetime-local` input's value, on the viewer's clock. */
export function toLocalInput(t: number): string {
  const d = new Date(t);
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

/** A `datetime-local` input's value (the viewer's clock) as epoch ms, NaN when empty or malformed. */
export function fromLocalInput(value: string): number {
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2})?$/.test(value)) return Number.NaN;
  return new Date(value).getTime();
}

/** Why a custom range the operator typed cannot be charted, or null. */
export const customRangeProblem = (from: number, to: number, now: number) =>
  metricsWindowProblem(from, to, now);
