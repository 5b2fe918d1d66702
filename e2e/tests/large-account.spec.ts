import type { ApiList } from '@gateway-console/contract';
import { emulatorTestKit } from '@gateway-console/emulator/testkit';
import { test as base, expect, signIn, startApp } from '../fixtures.ts';
import { ApisPage } from '../pages/ApisPage.ts';

// The console against an account at AWS's default quotas (600 APIs, 3,000 stages), under AWS's quotas.
const test = base.extend({
  app: [
    // biome-ignore lint/correctness/noEmptyPattern: Playwright's fixture signature
    async ({}, use) => {
      const { app, stop } = await startApp({ env: { CONSOLE_DEMO_SEED: 'large' } });
      await use(app);
      await stop();
    },
    { scope: 'worker', timeout: 120_000 },
  ],
});

test('600 APIs: a window of rows, instant search, lazy stage counts, and the console within its AWS budget', async ({
  page,
  app,
}) => {
  test.setTimeout(120_000);
  await signIn(page, 'viewer');
  const all = (await (await page.context().request.get('/api/apis')).json()) as ApiList;
  expect(all.items).toHaveLength(600);
  const apis = new ApisPage(page);
  await apis.goto();
  await expect(apis.link('PetStore').or(apis.table.getByRole('link').first())).toBeVisible();
  const drawn = async () => apis.table.locator('tbody tr').count();
  expect(await drawn()).toBeLessThan(400);
  // A 20,000-character description is clipped: the page never scrolls sideways.
  const widths = await page.evaluate(() => [document.documentElement.scrollWidth, window.innerWidth]);
  expect(widths[0]).toBeLessThanOrEqual(widths[1]!);

  // The rows on screen get their stage counts lazily (a number, not the placeholder).
  const firstRow = apis.table
    .locator('tbody tr')
    .filter({ has: page.getByRole('link') })
    .first();
  await expect(firstRow.locator('td').nth(2)).toHaveText(/^\d+$/);

  // Scrolling to the end draws the last rows, still only a window of them.
  await page.evaluate(() => window.scrollTo(0, document.documentElement.scrollHeight));
  const byName = [...all.items].sort((a, b) => a.name.localeCompare(b.name));
  await expect(apis.link(byName.at(-1)!.name)).toBeVisible();
  expect(await drawn()).toBeLessThan(400);

  await page.evaluate(() => window.scrollTo(0, 0));
  await apis.search.fill('release-train');
  await expect.poll(() => apis.names()).toEqual(['release-train']);
  await apis.search.fill('');

  // On a phone the table scrolls inside its own frame, never past the screen.
  await page.setViewportSize({ width: 390, height: 800 });
  const frame = await apis.table.evaluate((table) => [
    table.parentElement!.getBoundingClientRect().right,
    window.innerWidth,
  ]);
  expect(frame[0]).toBeLessThanOrEqual(frame[1]!);

  // The widest API: 300 resources × 4 methods, drawn a window at a time.
  await page.setViewportSize({ width: 1280, height: 800 });
  await apis.search.fill('catalogue-wide');
  await apis.link('catalogue-wide').click();
  await expect(page.getByRole('heading', { level: 1, name: 'catalogue-wide' })).toBeVisible();
  const methods = page.getByRole('table', { name: 'Resources and methods' }).locator('tbody tr');
  await expect(methods.first()).toBeVisible();
  expect(await methods.count()).toBeLessThan(400);

  // The most deployed API: 500 deployments on a stage page, drawn a window at a time, the oldest reachable.
  await apis.goto();
  await apis.search.fill('release-train');
  await apis.link('release-train').click();
  await page.getByRole('table', { name: 'Stages' }).getByRole('link').first().click();
  const table = page.getByRole('table', { name: 'Deployments' });
  const deployments = table.locator('tbody tr');
  await expect(table.getByText('release 500', { exact: true })).toBeVisible();
  expect(await deployments.count()).toBeLessThan(400);
  await page.evaluate(() => window.scrollTo(0, document.documentElement.scrollHeight));
  await table.locator('tbody tr:last-child').scrollIntoViewIfNeeded();
  await expect(table.getByText('release 1', { exact: true })).toBeVisible();
  expect(await deployments.count()).toBeLessThan(400);

  // Counted by the emulator: never more AWS calls in a second than the BFF's budget, and none refused.
  // The BFF signs as `test`.
  const stats = await emulatorTestKit(app.emulatorUrl).quotas({ caller: 'test' });
  expect(stats.mode).toBe('aws');
  expect(stats.seconds.length).toBeGreaterThan(0);
  expect(Math.max(...stats.seconds.map((s) => s.accepted + s.throttled))).toBeLessThanOrEqual(5);
  expect(stats.seconds.reduce((sum, s) => sum + s.throttled, 0)).toBe(0);
});
