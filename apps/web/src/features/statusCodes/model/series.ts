import type { StatusCodeSeries, StatusCodesResponse } from '@gateway-console/contract';

/** One line of the Status codes chart: a status on one side. */
export interface StatusLine {
  key: string;
  status: number;
  side: StatusCodeSeries['side'];
  label: string;
  colour: string;
  total: number;
}

/** A colour per status: greens for 2xx, blues for 3xx, ambers for 4xx (429 its own), reds for 5xx. */
const COLOURS: Record<number, string> = {
  200: '#16a34a',
  201: '#22c55e',
  204: '#4ade80',
  304: '#0891b2',
  400: '#a16207',
  401: '#ca8a04',
  403: '#d97706',
  404: '#b45309',
  429: '#9333ea',
  500: '#dc2626',
  502: '#be123c',
  503: '#e11d48',
  504: '#7f1d1d',
};
const FAMILY_COLOURS: Record<number, string> = { 2: '#15803d', 3: '#0e7490', 4: '#c2410c', 5: '#b91c1c' };

export const colourOf = (status: number) =>
  COLOURS[status] ?? FAMILY_COLOURS[Math.floor(status / 100)] ?? '#64748b';

/** The chart's lines: every status and side with requests, canary after base. */
export function statusLines(response: StatusCodesResponse): StatusLine[] {
  const canary = response.series.some((series) => series.side === 'canary');
  return response.series.map((series) => ({
    key: `${series.status}_${series.side}`,
    status: series.status,
    side: series.side,
    label: canary ? `${series.status} ${series.side}` : String(series.status),
    colour: colourOf(series.status),
    total: series.total,
  }));
}

/** Chart rows: one per period, a count per line. */
export function statusRows(response: StatusCodesResponse): Record<string, number>[] {
  const first = response.series[0];
  if (!first) return [];
  return first.points.map((point, i) => {
    const row: Record<string, number> = { t: Date.parse(point.t) };
    for (const series of response.series)
      row[`${series.status}_${series.side}`] = series.points[i]?.count ?? 0;
    return row;
  });
}

/** The failing statuses of the range, most frequent first, with their totals per side. */
export function failingStatuses(
  response: StatusCodesResponse,
): { status: number; base: number; canary: number }[] {
  const byStatus = new Map<number, { status: number; base: number; canary: number }>();
  for (const series of response.series) {
    if (series.status < 400) continue;
    const entry = byStatus.get(series.status) ?? { status: series.status, base: 0, canary: 0 };
    entry[series.side] += series.total;
    byStatus.set(series.status, entry);
  }
  return [...byStatus.values()].sort((a, b) => b.base + b.canary - (a.base + a.canary));
}

/** Per side, the 4XX of the range and how many of them were throttling (429). */
export function throttledShare(
  response: StatusCodesResponse,
): { side: 'base' | 'canary'; errors4xx: number; throttled: number }[] {
  return (['base', 'canary'] as const).map((side) => {
    const of = response.series.filter(
      (series) => series.side === side && series.status >= 400 && series.status < 500,
    );
    return {
      side,
      errors4xx: of.reduce((sum, series) => sum + series.total, 0),
      throttled: of.filter((series) => series.status === 429).reduce((sum, series) => sum + series.total, 0),
    };
  });
}
