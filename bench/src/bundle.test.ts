import { describe, expect, it } from 'vitest';
import { buildAndMeasure, bundleBudgets, isWebDashboard } from './bundle.ts';

// Sizes are deterministic for a given lockfile, so unlike timings they are enforced here, in CI.
describe('bundle budgets of the built web app (gzip)', () => {
  it(`shell JS ≤ ${bundleBudgets.shellKiB} KiB and dashboard chunk ≤ ${bundleBudgets.dashboardKiB} KiB`, async () => {
    const sizes = await buildAndMeasure('apps/web', isWebDashboard);
    expect(sizes.shellFiles.length).toBeGreaterThan(0);
    expect(sizes.shellKiB, `shell: ${sizes.shellFiles.join(', ')}`).toBeLessThanOrEqual(
      bundleBudgets.shellKiB,
    );
    // The dashboards must stay a lazy chunk of their own: charts in the shell would fail here too.
    expect(sizes.dashboardFiles.length, 'no lazily loaded dashboard chunk').toBeGreaterThan(0);
    expect(sizes.dashboardKiB, `dashboard: ${sizes.dashboardFiles.join(', ')}`).toBeLessThanOrEqual(
      bundleBudgets.dashboardKiB,
    );
  });
});

describe('measureBundle', () => {
  it('counts a lazily imported chart apart from the shell that loads it', async () => {
    const sizes = await buildAndMeasure('bench/baselines/web-hello', (src) => src.endsWith('Charts.tsx'));
    expect(sizes.shellFiles.some((file) => file.includes('Charts'))).toBe(false);
    expect(sizes.dashboardFiles.some((file) => file.includes('Charts'))).toBe(true);
    // React alone is tens of KiB gzip and recharts more than that; zero would mean nothing was measured.
    expect(sizes.shellKiB).toBeGreaterThan(30);
    expect(sizes.dashboardKiB).toBeGreaterThan(sizes.shellKiB / 2);
  });
});
