import { buildAndMeasure, bundleBudgets, isWebDashboard } from '../bundle.ts';
import { type Figure, measured, notAvailable } from '../report.ts';

/** Shell and dashboard chunk of the web build vs React + recharts alone, built by the same Vite. */
export async function bundleSizes(): Promise<Figure[]> {
  const web = await buildAndMeasure('apps/web', isWebDashboard);
  const baseline = await buildAndMeasure('bench/baselines/web-hello', (src) => src.endsWith('Charts.tsx'));
  const shell = measured({
    figure: 'Bundle: shell JS',
    unit: 'KiB gzip',
    value: web.shellKiB,
    baseline: { label: 'React hello-world', value: baseline.shellKiB },
    target: { atMost: bundleBudgets.shellKiB },
    note: web.shellFiles.join(', '),
  });
  if (web.dashboardKiB === null)
    return [
      shell,
      notAvailable(
        'Bundle: dashboard chunk',
        'KiB gzip',
        { atMost: bundleBudgets.dashboardKiB },
        'no lazy dashboard chunk in the build yet',
      ),
    ];
  return [
    shell,
    measured({
      figure: 'Bundle: dashboard chunk',
      unit: 'KiB gzip',
      value: web.dashboardKiB,
      baseline: { label: 'one bare recharts chart', value: baseline.dashboardKiB ?? 0 },
      target: { atMost: bundleBudgets.dashboardKiB },
      note: web.dashboardFiles.join(', '),
    }),
  ];
}
