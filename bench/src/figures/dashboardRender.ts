import { readFile } from 'node:fs/promises';
import { extname, join, normalize } from 'node:path';
import type { MetricRange } from '@gateway-console/contract';
import type { BrowserContext, Page } from 'playwright-core';
import { launchChromium } from '../browser.ts';
import { viteBuild } from '../bundle.ts';
import { type RunningConsole, signIn } from '../console.ts';
import { syntheticMetrics } from '../metricsData.ts';
import { type Figure, measured, notAvailable } from '../report.ts';
import { percentile } from '../stats.ts';

const samples = 8;
const seriesCounts = [7, 20] as const;
const figureName = (series: number) => `Dashboard data → drawn, 24 h × ${series} series`;
const baselineOrigin = 'http://baseline.bench';

/**
 * In-page clocks: the frame after the last change inside the dashboard. With Resource Timing's
 * responseEnd of the metrics request this gives "data arrived → charts on screen".
 */
const instrument = () => {
  const clocks = { lastFrame: 0, lastChange: 0 };
  (window as unknown as { __dashboard: typeof clocks }).__dashboard = clocks;
  new MutationObserver((records) => {
    const inDashboard = records.some((record) => {
      const target = record.target instanceof Element ? record.target : record.target.parentElement;
      return Boolean(target?.closest('.dashboard'));
    });
    if (!inDashboard) return;
    clocks.lastChange = performance.now();
    requestAnimationFrame(() => {
      clocks.lastFrame = performance.now();
    });
  }).observe(document, { subtree: true, childList: true, attributes: true, characterData: true });
};

/**
 * Waits until the dashboard has been still for `quietMs` after the 24 h metrics arrived, and
 * returns ms from the response's last byte to the frame that drew the last change.
 */
async function dataToDrawn(page: Page, quietMs = 400): Promise<number> {
  const handle = await page.waitForFunction(
    (quiet) => {
      const entry = performance
        .getEntriesByType('resource')
        .find((e) => e.name.includes('metrics') && e.name.includes('24h')) as
        | PerformanceResourceTiming
        | undefined;
      const clocks = (window as unknown as { __dashboard: { lastFrame: number; lastChange: number } })
        .__dashboard;
      if (!entry || clocks.lastFrame < entry.responseEnd) return false;
      if (performance.now() - clocks.lastChange < quiet) return false;
      if (document.querySelectorAll('.dashboard .recharts-line-curve').length === 0) return false;
      return clocks.lastFrame - entry.responseEnd;
    },
    quietMs,
    { timeout: 30_000, polling: 50 },
  );
  return (await handle.jsonValue()) as number;
}

/** Serves a built Vite app on a made-up origin from disk, and the metrics JSON beside it. */
async function serveBaseline(context: BrowserContext, distDir: string, metrics: () => string) {
  const types: Record<string, string> = {
    '.html': 'text/html',
    '.js': 'text/javascript',
    '.css': 'text/css',
  };
  await context.route(`${baselineOrigin}/**`, async (route) => {
    const path = new URL(route.request().url()).pathname;
    if (path === '/metrics.json') return route.fulfill({ contentType: 'application/json', body: metrics() });
    const file = normalize(join(distDir, path === '/' ? 'index.html' : path));
    if (!file.startsWith(distDir)) return route.fulfill({ status: 404 });
    const body = await readFile(file).catch(() => null);
    if (!body) return route.fulfill({ status: 404 });
    return route.fulfill({ body, contentType: types[extname(file)] ?? 'application/octet-stream' });
  });
}

/**
 * The stage dashboard in Chromium, given 24 h of metrics (served in place of the BFF's answer so
 * the amount of data is fixed): from the response arriving to the charts drawn, for 7 and 20
 * series; baseline: bare recharts drawing the same series in the same browser.
 */
export async function dashboardRender(app: RunningConsole): Promise<Figure[]> {
  const unavailable = (why: string) =>
    seriesCounts.map((series) =>
      notAvailable(figureName(series), 'ms', series === 7 ? { atMost: 300 } : {}, why),
    );
  const session = await signIn(app, 'viewer');
  const list = await fetch(`${app.url}/api/apis`, { headers: session });
  if (!list.ok) return unavailable('BFF sign-in not built yet');
  const apis = (await list.json()) as { items: { id: string; name: string }[] };
  const api = apis.items.find((item) => item.name === 'Payments') ?? apis.items[0]!;
  const stage = 'prod';

  const browser = await launchChromium();
  const baselineBuild = await viteBuild('bench/baselines/web-hello');
  try {
    const figures: Figure[] = [];
    for (const series of seriesCounts) {
      const body = (range: MetricRange) =>
        JSON.stringify(syntheticMetrics({ apiId: api.id, apiName: api.name, stage, range, series }));
      const context = await browser.newContext({ baseURL: app.url, viewport: { width: 1280, height: 800 } });
      await context.addInitScript(instrument);
      await context.request.post('/api/session', {
        data: { username: 'viewer', password: app.password },
        headers: { 'X-Requested-With': 'gateway-console' },
      });
      await context.route('**/api/apis/*/stages/*/metrics?*', (route) => {
        const range = (new URL(route.request().url()).searchParams.get('range') ?? '1h') as MetricRange;
        return route.fulfill({ contentType: 'application/json', body: body(range) });
      });
      await serveBaseline(context, baselineBuild.outDir, () => body('24h'));

      const console: number[] = [];
      const baseline: number[] = [];
      for (let i = 0; i <= samples; i++) {
        const page = await context.newPage();
        await page.goto(`/apis/${api.id}/stages/${stage}`);
        const range24h = page.getByLabel('Last 24 hours');
        const found = await range24h.waitFor({ timeout: 20_000 }).then(
          () => true,
          () => false,
        );
        if (!found) {
          await context.close();
          return unavailable('dashboard not on the stage page yet');
        }
        // Let the first range draw, then switch: the 24 h data arrives into a live dashboard.
        await page.locator('.dashboard .recharts-line-curve').first().waitFor({ timeout: 20_000 });
        await range24h.check();
        const consoleMs = await dataToDrawn(page);
        await page.close();

        const bare = await context.newPage();
        await bare.goto(`${baselineOrigin}/`);
        await bare.waitForFunction(() => 'loadMetrics' in window);
        await bare.evaluate(() =>
          (window as unknown as { loadMetrics: (url: string) => void }).loadMetrics(
            '/metrics.json?range=24h',
          ),
        );
        const baselineMs = await dataToDrawn(bare);
        await bare.close();
        // The first sample warms Chromium's caches and the lazy chunks; it is not counted.
        if (i > 0) {
          console.push(consoleMs);
          baseline.push(baselineMs);
        }
      }
      await context.close();
      figures.push(
        measured({
          figure: figureName(series),
          unit: 'ms',
          value: percentile(console, 50),
          baseline: { label: 'the same series in one bare recharts chart', value: percentile(baseline, 50) },
          target: series === 7 ? { atMost: 300 } : {},
          note: `median of ${samples} fresh pages (worst ${Math.max(...console).toFixed(0)} ms), 288 points per series`,
        }),
      );
    }
    return figures;
  } finally {
    baselineBuild.remove();
    await browser.close();
  }
}
