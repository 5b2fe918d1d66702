import type { MetricsResponse, MetricsSummary } from '@gateway-console/contract';
import { describe, expect, it } from 'vitest';
import {
  axisUnitOf,
  type ChartRow,
  chartRows,
  chartSpecs,
  downsample,
  headlineFor,
  niceTicks,
  partialFrom,
  timeTicks,
} from './charts.ts';

const summary = (variant: MetricsSummary['variant'], values: Partial<MetricsSummary>): MetricsSummary => ({
  variant,
  requests: 0,
  errors4xx: 0,
  errors5xx: 0,
  errors4xxRate: 0,
  errors5xxRate: 0,
  latencyAvg: null,
  latencyP99Peak: null,
  integrationLatencyAvg: null,
  cacheHits: 0,
  cacheMisses: 0,
  cacheHitRate: null,
  ...values,
});

function stageResponse(canaryRequests: Array<number | null>): MetricsResponse {
  return {
    apiId: 'a1',
    apiName: 'PetStore',
    stage: 'prod',
    range: '15m',
    periodSeconds: 60,
    start: '2026-11-29T15:00:00.000Z',
    end: '2026-11-29T15:03:00.000Z',
    asOf: '2026-11-29T15:03:00.000Z',
    timestamps: ['2026-11-29T15:00:00.000Z', '2026-11-29T15:01:00.000Z', '2026-11-29T15:02:00.000Z'],
    series: [
      { metric: 'requests', variant: 'base', unit: 'count', values: [100, 90, null] },
      { metric: 'errors5xxRate', variant: 'base', unit: 'ratio', values: [0.003, 0, null] },
      { metric: 'requests', variant: 'canary', unit: 'count', values: canaryRequests },
      { metric: 'errors5xxRate', variant: 'canary', unit: 'ratio', values: [0.042, null, null] },
    ],
    summary: [
      summary('base', { requests: 1000, errors5xx: 3, errors5xxRate: 0.003, latencyAvg: 120 }),
      summary('canary', { requests: 100, errors5xx: 42, errors5xxRate: 0.042, latencyAvg: 250 }),
    ],
    caching: false,
    warnings: [],
  };
}

describe('headlines', () => {
  it('say how the canary compares with the base, and flag it when clearly worse', () => {
    const response = stageResponse([10, 12, null]);
    expect(headlineFor('errors5xx', response)).toEqual({
      text: 'canary 5xx rate 4.2 % vs base 0.3 %',
      tone: 'bad',
    });
    expect(headlineFor('requests', response).text).toBe('canary 100 requests (9.1 %) vs base 1,000');
    expect(headlineFor('latency', response)).toMatchObject({
      text: 'canary average latency 250 ms vs base 120 ms',
      tone: 'bad',
    });
  });

  it('speak of the base alone when the canary had no traffic', () => {
    const response = stageResponse([null, null, null]);
    response.series = response.series.map((series) =>
      series.variant === 'canary' ? { ...series, values: [null, null, null] } : series,
    );
    expect(headlineFor('errors5xx', response).text).toBe('base 5xx rate 0.3 %');
    expect(chartSpecs(response)[0]!.lines.map((line) => line.label)).toEqual(['Base']);
  });
});

describe('chart data', () => {
  it('turns ratios into percents and keeps gaps', () => {
    const rows = chartRows(stageResponse([10, 12, null]));
    expect(rows[0]).toMatchObject({ base_requests: 100, base_errors5xxRate: 0.3, canary_errors5xxRate: 4.2 });
    expect(rows[2]).toMatchObject({ base_requests: null, canary_requests: null });
    expect(rows[0]!.t).toBe(Date.parse('2026-11-29T15:00:00.000Z'));
  });

  it('shows cache hits only when the traffic went through a cache', () => {
    const response = stageResponse([10, 12, null]);
    expect(chartSpecs(response).map((spec) => spec.title)).toEqual([
      'Requests',
      '4XX errors',
      '5XX errors',
      'Latency',
    ]);
    expect(chartSpecs({ ...response, caching: true }).at(-1)!.title).toBe('Cache hits');
  });

  it('downsamples to the points a chart can draw, keeping peaks and gaps', () => {
    const rows: ChartRow[] = Array.from({ length: 1000 }, (_, i) => ({
      t: i,
      base: i === 501 ? 99 : i >= 900 ? null : 1,
    }));
    const small = downsample(rows, 250);
    expect(small).toHaveLength(250);
    expect(small[125]).toEqual({ t: 500, base: 99 });
    expect(small.at(-1)).toEqual({ t: 996, base: null });
    expect(downsample(rows.slice(0, 10), 250)).toHaveLength(10);
  });
});

describe('niceTicks', () => {
  it('steps the axis in round numbers that cover the peak', () => {
    expect(niceTicks(67)).toEqual([0, 20, 40, 60, 80]);
    expect(niceTicks(1)).toEqual([0, 0.25, 0.5, 0.75, 1]);
    expect(niceTicks(340)).toEqual([0, 100, 200, 300, 400]);
    expect(niceTicks(0)).toEqual([0, 1]);
  });
});

describe('timeTicks', () => {
  const at = (iso: string) => Date.parse(iso);
  it('marks round times of day, few enough for their labels to fit', () => {
    const end = at('2026-11-29T15:07:00.000Z');
    expect(timeTicks(end - 3600_000, end, 7).map((t) => new Date(t).toISOString().slice(11, 16))).toEqual([
      '14:10',
      '14:20',
      '14:30',
      '14:40',
      '14:50',
      '15:00',
    ]);
    const day = timeTicks(end - 24 * 3600_000, end, 5);
    expect(day.map((t) => new Date(t).toISOString().slice(11, 16))).toEqual([
      '18:00',
      '00:00',
      '06:00',
      '12:00',
    ]);
    expect(timeTicks(end - 15 * 60_000, end, 7).map((t) => new Date(t).toISOString().slice(11, 16))).toEqual([
      '14:55',
      '15:00',
      '15:05',
    ]);
  });

  it("aligns on the viewer's clock", () => {
    const end = at('2026-11-29T15:07:00.000Z');
    // Kathmandu is 5:45 east of UTC: its round hours fall at :15 UTC.
    const ticks = timeTicks(end - 24 * 3600_000, end, 5, 345);
    expect(ticks.map((t) => new Date(t).toISOString().slice(11, 16))).toEqual([
      '18:15',
      '00:15',
      '06:15',
      '12:15',
    ]);
  });
});

describe('partial last period', () => {
  const t0 = Date.parse('2026-11-29T15:00:00.000Z');
  const rows = [0, 1, 2].map((i) => ({ t: t0 + i * 60_000 }) as ChartRow);
  const end = t0 + 3 * 60_000;

  it('is the period CloudWatch was read in, before it ended', () => {
    expect(partialFrom(rows, end, t0 + 2 * 60_000 + 15_000)).toBe(2);
  });

  it('is none when the range ended before it was read', () => {
    expect(partialFrom(rows, end, end)).toBeNull();
    expect(partialFrom(rows, end, end + 3600_000)).toBeNull();
  });

  it('covers every period that had not ended, e.g. a range reaching past now', () => {
    expect(partialFrom(rows, end, t0 + 30_000)).toBe(0);
    expect(partialFrom(rows, end, t0 + 90_000)).toBe(1);
  });
});

describe('axis units', () => {
  it('say what one point counts, by the period the BFF used', () => {
    expect(axisUnitOf('requests', 60)).toBe('requests per minute');
    expect(axisUnitOf('requests', 300)).toBe('requests per 5 minutes');
    expect(axisUnitOf('errors5xx', 3600)).toBe('% of requests, per hour');
    expect(axisUnitOf('latency', 900)).toBe('ms, per 15 minutes');
  });
});

describe('per-stage lines', () => {
  it('an API response with stage series draws all stages and a line per stage, coloured apart', () => {
    const response = stageResponse([null, null, null]);
    response.stage = null;
    response.series = [
      { metric: 'requests', variant: 'all', unit: 'count', values: [5, 6, 7] },
      { metric: 'requests', variant: 'stage', stage: 'dev', unit: 'count', values: [1, 2, 3] },
      { metric: 'requests', variant: 'stage', stage: 'prod', unit: 'count', values: [4, 4, 4] },
      { metric: 'latencyAvg', variant: 'stage', stage: 'prod', unit: 'ms', values: [40, 41, 42] },
    ];
    const [requests, , , latency] = chartSpecs(response);
    expect(requests!.lines.map((line) => line.label)).toEqual(['All stages', 'dev', 'prod']);
    expect(new Set(requests!.lines.map((line) => line.colour)).size).toBe(3);
    expect(latency!.lines.map((line) => line.label)).toEqual([
      'All stages p99',
      'All stages p50',
      'dev avg',
      'prod avg',
    ]);
    const rows = chartRows(response);
    expect(rows[2]!['stage-prod_requests']).toBe(4);
    expect(rows[0]!['stage-prod_latencyAvg']).toBe(40);
  });
});
