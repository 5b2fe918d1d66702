import type { Locator, Page } from '@playwright/test';
import { expect, signIn, test } from '../fixtures.ts';
import { ApiPage } from '../pages/ApiPage.ts';
import { ConsoleApi } from '../pages/ConsoleApi.ts';
import { DashboardPage } from '../pages/DashboardPage.ts';
import { StagePage } from '../pages/StagePage.ts';

// Read-only journeys on the demo's PetStore: they change the URL and the view, never a stage.

/** The time axis's labels of a chart, left to right: what the operator reads as "the range shown". */
const timeAxis = (chart: Locator) => chart.locator('.axis-tick[text-anchor="middle"]').allTextContents();

/** Drags across a chart's plot from one fraction of its width to another, as a mouse would. */
async function dragAcross(page: Page, chart: Locator, from: number, to: number) {
  await chart.scrollIntoViewIfNeeded();
  const plot = (await chart.locator('.recharts-cartesian-grid').boundingBox())!;
  const y = plot.y + plot.height / 2;
  await page.mouse.move(plot.x + plot.width * from, y);
  await page.mouse.down();
  await page.mouse.move(plot.x + plot.width * ((from + to) / 2), y, { steps: 5 });
  await page.mouse.move(plot.x + plot.width * to, y, { steps: 5 });
  await page.mouse.up();
}

const searchOf = (page: Page) => new URL(page.url()).searchParams;

test('drag-to-zoom narrows the range (URL and axis), Reset zoom restores it, a legend hides a series, the URL range survives a reload', async ({
  page,
}) => {
  await signIn(page, 'viewer');
  const apiId = await new ConsoleApi(page.context().request).apiIdByName('PetStore');
  const dashboard = new DashboardPage(page);
  await new StagePage(page).goto(apiId, 'prod');
  const requests = dashboard.chart('Requests');
  await expect(requests.locator('.series-canary path.recharts-line-curve')).toHaveCount(1);
  await expect(dashboard.range('Last hour')).toBeChecked();
  // Units on the axis, by the BFF's period; the period in progress is drawn (and said) as partial.
  await expect(requests.getByTestId('axis-unit')).toHaveText('requests per minute');
  await expect(dashboard.chart('Latency').getByTestId('axis-unit')).toHaveText('ms, per minute');
  await expect(page.getByTestId('partial-note')).toContainText('still filling in');
  await expect(requests.locator('.series-partial path.recharts-line-curve').first()).toBeAttached();
  const hourAxis = await timeAxis(requests);
  expect(hourAxis.length).toBeGreaterThan(2);

  // Drag across the middle of the chart: the range becomes that stretch, in the URL and on the axis.
  await dragAcross(page, requests, 0.3, 0.6);
  await expect.poll(() => searchOf(page).get('from')).not.toBeNull();
  const from = Date.parse(searchOf(page).get('from')!);
  const to = Date.parse(searchOf(page).get('to')!);
  expect((to - from) / 60_000).toBeGreaterThan(10);
  expect((to - from) / 60_000).toBeLessThan(30);
  await expect(dashboard.range('Last hour')).not.toBeChecked();
  await expect(page.getByTestId('dashboard-range')).toBeVisible();
  await expect.poll(() => timeAxis(requests)).not.toEqual(hourAxis);
  const zoomedAxis = await timeAxis(requests);
  // The zoomed axis steps in fewer minutes between its labels: it shows a shorter stretch.
  const stepOf = (labels: string[]) => {
    const [a, b] = labels.map((label) => {
      const [, h, m] = /(\d+):(\d+)/.exec(label)!;
      return (Number(h) % 12) * 60 + Number(m);
    });
    return (b! - a! + 720) % 720;
  };
  expect(stepOf(zoomedAxis)).toBeLessThan(stepOf(hourAxis));

  const reset = page.getByRole('button', { name: 'Reset zoom' });
  await reset.click();
  await expect(dashboard.range('Last hour')).toBeChecked();
  expect(searchOf(page).get('range')).toBe('1h');
  expect(searchOf(page).get('from')).toBeNull();
  await expect(reset).toBeHidden();
  await expect.poll(() => timeAxis(requests)).toEqual(hourAxis);

  // A legend entry is a toggle button: released, its line is not drawn; pressed again, it is back.
  const canary = requests
    .getByRole('list', { name: 'Requests legend' })
    .getByRole('button', { name: 'Canary' });
  await expect(canary).toHaveAttribute('aria-pressed', 'true');
  await canary.click();
  await expect(canary).toHaveAttribute('aria-pressed', 'false');
  await expect(requests.locator('.series-canary path.recharts-line-curve')).toHaveCount(0);
  await expect(requests.locator('.series-base path.recharts-line-curve')).toHaveCount(1);
  await canary.click();
  await expect(requests.locator('.series-canary path.recharts-line-curve')).toHaveCount(1);

  // The keyboard's zoom: a custom range typed as two times, then Apply.
  await page.getByRole('button', { name: 'Custom range' }).click();
  const fromField = page.getByLabel('From', { exact: true });
  await expect(fromField).not.toHaveValue('');
  const local = (t: number) => {
    const d = new Date(t);
    const pad = (n: number) => String(n).padStart(2, '0');
    return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
  };
  const start = Math.floor((Date.now() - 2 * 3600_000) / 60_000) * 60_000;
  await fromField.fill(local(start));
  await page.getByLabel('To', { exact: true }).fill(local(start + 40 * 60_000));
  await page.getByRole('button', { name: 'Apply range' }).click();
  await expect.poll(() => searchOf(page).get('from')).toBe(new Date(start).toISOString());
  await expect(requests.getByTestId('axis-unit')).toHaveText('requests per minute');
  // A past range has no period in progress.
  await expect(page.getByTestId('partial-note')).toBeHidden();

  // The range is in the URL: a reload (or a shared link) shows the same range.
  const shared = page.url();
  const sharedAxis = await timeAxis(requests);
  await page.reload();
  await expect(requests.locator('svg').first()).toBeVisible();
  expect(page.url()).toBe(shared);
  await expect(dashboard.range('Last hour')).not.toBeChecked();
  await expect(page.getByTestId('dashboard-range')).toBeVisible();
  await expect.poll(() => timeAxis(requests)).toEqual(sharedAxis);

  // A link with a range CloudWatch cannot chart falls back to the last hour, and says why.
  const tooLong = new URLSearchParams({
    from: new Date(Date.now() - 30 * 86_400_000).toISOString(),
    to: new Date().toISOString(),
  });
  await page.goto(`/apis/${apiId}/stages/prod?${tooLong}`);
  await expect(page.getByRole('note').filter({ hasText: 'longer than 14 days' })).toContainText(
    'Showing the last hour instead.',
  );
  await expect(dashboard.range('Last hour')).toBeChecked();
  await expect(requests.locator('svg').first()).toBeVisible();
});

test('the API dashboard draws a line per stage beside all stages, each one a legend toggle', async ({
  page,
}) => {
  await signIn(page, 'viewer');
  const apiId = await new ConsoleApi(page.context().request).apiIdByName('PetStore');
  await new ApiPage(page).goto(apiId);
  const dashboard = new DashboardPage(page);
  const requests = dashboard.chart('Requests');
  const legend = requests.getByRole('list', { name: 'Requests legend' });
  await expect(legend.getByRole('button', { name: 'All stages' })).toBeVisible();
  for (const stage of ['dev', 'prod', 'staging']) {
    await expect(legend.getByRole('button', { name: stage, exact: true })).toHaveAttribute(
      'aria-pressed',
      'true',
    );
    await expect(requests.locator(`.series-stage-${stage} path.recharts-line-curve`)).toHaveCount(1);
  }
  // prod carries most of the demo's traffic: its line is drawn above dev's.
  const height = (stage: string) =>
    requests.evaluate((figure, stage) => {
      const d =
        figure.querySelector(`.series-stage-${stage} path.recharts-line-curve`)?.getAttribute('d') ?? '';
      const ys = [...d.matchAll(/[ML]\s*[-\d.]+[ ,]([-\d.]+)/g)].map((match) => Number(match[1]));
      return ys.reduce((sum, y) => sum + y, 0) / ys.length;
    }, stage);
  expect(await height('prod')).toBeLessThan(await height('dev'));
  await expect(
    dashboard.chart('5XX errors').getByRole('button', { name: 'prod', exact: true }),
  ).toBeVisible();
  await expect(dashboard.chart('Latency').getByRole('button', { name: 'prod avg' })).toBeVisible();

  await legend.getByRole('button', { name: 'dev', exact: true }).click();
  await expect(requests.locator('.series-stage-dev path.recharts-line-curve')).toHaveCount(0);
  await expect(requests.locator('.series-stage-prod path.recharts-line-curve')).toHaveCount(1);
});
