import { describe, expect, it } from 'vitest';
import { syntheticMetrics } from './metricsData.ts';

describe('syntheticMetrics', () => {
  it('gives 24 h at the 5-minute period with 7 or 20 series of one value per timestamp', () => {
    for (const count of [7, 20] as const) {
      const response = syntheticMetrics({
        apiId: 'a1',
        apiName: 'Payments',
        stage: 'prod',
        range: '24h',
        series: count,
      });
      expect(response.periodSeconds).toBe(300);
      expect(response.timestamps).toHaveLength(288);
      expect(response.series).toHaveLength(count);
      for (const series of response.series) expect(series.values).toHaveLength(288);
    }
  });

  it('draws the canary only in the 20-series view, worse than base', () => {
    const seven = syntheticMetrics({
      apiId: 'a1',
      apiName: 'Payments',
      stage: 'prod',
      range: '24h',
      series: 7,
    });
    expect(new Set(seven.series.map((s) => s.variant))).toEqual(new Set(['base']));
    const twenty = syntheticMetrics({
      apiId: 'a1',
      apiName: 'Payments',
      stage: 'prod',
      range: '24h',
      series: 20,
    });
    const [base, canary] = twenty.summary;
    expect(canary!.errors5xxRate).toBeGreaterThan(base!.errors5xxRate);
  });
});
