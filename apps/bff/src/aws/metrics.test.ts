import { metricRangeSeconds, metricRanges } from '@gateway-console/contract';
import { metricsStageName } from '@gateway-console/emulator';
import { describe, expect, it } from 'vitest';
import {
  cacheHitRates,
  canaryStageDimension,
  errorRates,
  metricQueriesFor,
  metricsPeriodFor,
  metricsWindowFor,
  shapeMetrics,
} from './metrics.ts';

const DAY = 86_400;

describe('metricsPeriodFor', () => {
  it('divides the range into ~400 points, snapped up to 60, 300, 900 or 3600 s', () => {
    expect(metricRanges.map((range) => [range, metricsPeriodFor(metricRangeSeconds[range])])).toEqual([
      ['15m', 60],
      ['1h', 60],
      ['3h', 60],
      ['24h', 300],
    ]);
    expect(metricsPeriodFor(3 * DAY)).toBe(900);
    expect(metricsPeriodFor(7 * DAY)).toBe(3600);
    expect(metricsPeriodFor(400 * DAY)).toBe(3600);
  });

  it('never asks for a resolution CloudWatch no longer keeps for data that old', () => {
    expect(metricsPeriodFor(3600, 14 * DAY)).toBe(60);
    expect(metricsPeriodFor(3600, 16 * DAY)).toBe(300);
    expect(metricsPeriodFor(3600, 64 * DAY)).toBe(3600);
  });
});

describe('metricsWindowFor', () => {
  it('covers the range on period boundaries, ending with the period in progress', () => {
    const now = new Date('2026-11-29T15:07:31Z');
    const window = metricsWindowFor('1h', now);
    expect(window.periodSeconds).toBe(60);
    expect(new Date(window.end * 1000).toISOString()).toBe('2026-11-29T15:08:00.000Z');
    expect(window.end - window.start).toBe(3600);

    const day = metricsWindowFor('24h', now);
    expect(day.periodSeconds).toBe(300);
    expect(new Date(day.end * 1000).toISOString()).toBe('2026-11-29T15:10:00.000Z');
    expect((day.end - day.start) / day.periodSeconds).toBe(288);
  });
});

describe('rates', () => {
  it('divides errors by requests, 0 without requests, a gap without a count', () => {
    expect(errorRates([10, 0, null, 4, 8], [3, 0, null, null, 0])).toEqual([0.3, 0, null, null, 0]);
  });

  it('cache hit ratio over lookups, a gap when the cache was not consulted', () => {
    expect(cacheHitRates([3, null, 0, null], [1, 2, 0, null])).toEqual([0.75, 0, null, null]);
  });
});

describe('canaryStageDimension', () => {
  it('names the canary the way the emulator reports it (AWS leaves it undocumented)', () => {
    expect(canaryStageDimension('prod')).toBe(metricsStageName('prod', true));
  });
});

describe('metricQueriesFor', () => {
  it('asks for base and canary of a stage apart, with unique ids CloudWatch accepts', () => {
    const queries = metricQueriesFor({ apiName: 'PetStore', stage: 'prod' }, 60);
    expect(queries).toHaveLength(18);
    const ids = queries.map((query) => query.Id!);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) expect(id).toMatch(/^[a-z][a-zA-Z0-9_]*$/);
    const canary5xx = queries.find((query) => query.Id === 'canary_errors5xx')!;
    expect(canary5xx.MetricStat).toEqual({
      Metric: {
        Namespace: 'AWS/ApiGateway',
        MetricName: '5XXError',
        Dimensions: [
          { Name: 'ApiName', Value: 'PetStore' },
          { Name: 'Stage', Value: 'prod/Canary' },
        ],
      },
      Period: 60,
      Stat: 'Sum',
    });
    const baseP99 = queries.find((query) => query.Id === 'base_latencyP99')!.MetricStat!;
    expect(baseP99.Stat).toBe('p99');
    expect(baseP99.Metric!.Dimensions).toEqual([
      { Name: 'ApiName', Value: 'PetStore' },
      { Name: 'Stage', Value: 'prod' },
    ]);
  });

  it('reads the whole API by its name alone', () => {
    const queries = metricQueriesFor({ apiName: 'PetStore', stage: null }, 300);
    expect(queries).toHaveLength(9);
    expect(new Set(queries.map((query) => JSON.stringify(query.MetricStat!.Metric!.Dimensions)))).toEqual(
      new Set([JSON.stringify([{ Name: 'ApiName', Value: 'PetStore' }])]),
    );
  });
});

describe('shapeMetrics', () => {
  const window = { start: 1_800_000_000 - 300, end: 1_800_000_000, periodSeconds: 60 };
  const at = (offset: number) => new Date((window.start + offset * 60) * 1000);

  it('puts sparse datapoints on the grid, keeps gaps, and sums the range', () => {
    const shaped = shapeMetrics({ apiName: 'PetStore', stage: 'prod' }, window, [
      { Id: 'base_requests', Timestamps: [at(0), at(2), at(3)], Values: [10, 0, 30] },
      { Id: 'base_errors5xx', Timestamps: [at(0), at(2), at(3)], Values: [1, 0, 2] },
      { Id: 'base_errors4xx', Timestamps: [at(0), at(2), at(3)], Values: [0, 0, 3] },
      { Id: 'base_latencyAvg', Timestamps: [at(0), at(3)], Values: [100, 200] },
      { Id: 'base_latencyP99', Timestamps: [at(0), at(3)], Values: [400, 900] },
      { Id: 'canary_requests', Timestamps: [at(3)], Values: [4] },
      { Id: 'canary_errors5xx', Timestamps: [at(3)], Values: [1] },
    ]);
    expect(shaped.timestamps).toHaveLength(5);
    const values = (metric: string, variant: string) =>
      shaped.series.find((series) => series.metric === metric && series.variant === variant)!.values;
    expect(values('requests', 'base')).toEqual([10, null, 0, 30, null]);
    expect(values('errors5xxRate', 'base')).toEqual([0.1, null, 0, 2 / 30, null]);
    expect(values('errors5xxRate', 'canary')).toEqual([null, null, null, 0.25, null]);
    expect(values('cacheHitRate', 'base')).toEqual([null, null, null, null, null]);
    expect(shaped.series.find((series) => series.metric === 'errors5xxRate')!.unit).toBe('ratio');

    const base = shaped.summary.find((summary) => summary.variant === 'base')!;
    expect(base).toMatchObject({ requests: 40, errors5xx: 3, errors4xx: 3, errors5xxRate: 3 / 40 });
    expect(base.latencyAvg).toBeCloseTo((100 * 10 + 200 * 30) / 40);
    expect(base.latencyP99Peak).toBe(900);
    expect(base.cacheHitRate).toBeNull();
    expect(shaped.caching).toBe(false);
  });

  it('reports 0 % errors, not a gap, for a range without requests', () => {
    const shaped = shapeMetrics({ apiName: 'PetStore', stage: null }, window, []);
    expect(shaped.summary).toEqual([
      expect.objectContaining({ variant: 'all', requests: 0, errors5xxRate: 0, latencyAvg: null }),
    ]);
    expect(shaped.series.every((series) => series.values.every((value) => value === null))).toBe(true);
  });
});
