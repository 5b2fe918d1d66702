import { expect, signIn, test } from '../fixtures.ts';
import { ApiPage } from '../pages/ApiPage.ts';
import { ConsoleApi, uniqueStage } from '../pages/ConsoleApi.ts';
import { DashboardPage } from '../pages/DashboardPage.ts';
import { StagePage } from '../pages/StagePage.ts';

const SCREENSHOTS = 'output/screenshots';

test('the stage dashboard shows the failing canary above its base, and the range picker changes the period', async ({
  page,
}) => {
  await signIn(page, 'viewer');
  const api = new ConsoleApi(page.context().request);
  const apiId = await api.apiIdByName('PetStore');
  // The demo's PetStore prod runs a 10 % canary on the "v2" backend, which fails more (backfilled and live).
  expect((await api.stage(apiId, 'prod')).canary).not.toBeNull();
  const dashboard = new DashboardPage(page);
  await new StagePage(page).goto(apiId, 'prod');

  for (const title of ['Requests', '4XX errors', '5XX errors', 'Latency']) {
    await expect(dashboard.chart(title)).toBeVisible();
  }
  await expect(dashboard.chart('Requests').getByRole('list', { name: 'Requests legend' })).toHaveText(
    /Base.*Canary/,
  );
  const headline = dashboard.headline('5XX errors');
  await expect(headline).toHaveText(/^canary 5xx rate [\d.]+ % vs base [\d.]+ %$/);
  const [canaryRate, baseRate] = [...((await headline.textContent()) ?? '').matchAll(/([\d.]+) %/g)].map(
    (m) => Number(m[1]),
  );
  expect(canaryRate).toBeGreaterThan(baseRate!);
  expect(await dashboard.drawnHeight('5XX errors', 'canary')).toBeGreaterThan(
    await dashboard.drawnHeight('5XX errors', 'base'),
  );

  await expect(dashboard.range('Last hour')).toBeChecked();
  await expect(dashboard.status).toContainText('1-minute points');
  await dashboard.range('Last 24 hours').check();
  await expect(dashboard.status).toContainText('5-minute points');
  await expect(dashboard.headline('5XX errors')).toHaveText(/^canary 5xx rate [\d.]+ % vs base [\d.]+ %$/);
  await dashboard.range('Last 15 minutes').check();
  await expect(dashboard.status).toContainText('1-minute points');

  // What the codes mean, in place.
  await dashboard.chart('5XX errors').getByText('What do 5XX errors usually mean?').click();
  await expect(
    dashboard.chart('5XX errors').getByRole('table', { name: 'Typical 5XX errors' }),
  ).toContainText('29 s');
});

test('after a promote the dashboard marks it on the time axis', async ({ page }) => {
  await signIn(page, 'operator');
  const api = new ConsoleApi(page.context().request);
  // A stage of its own, so the seeded prod canary stays for the other journeys.
  const stage = uniqueStage('dash');
  const { apiId } = await api.stageWithCanary('PetStore', stage, 10);
  const stagePage = new StagePage(page);
  const dashboard = new DashboardPage(page);
  await stagePage.goto(apiId, stage);
  await expect(dashboard.chart('5XX errors')).toBeVisible();
  await expect(dashboard.markers('5XX errors', 'promotion')).toHaveCount(0);

  await stagePage.promote.click();
  await stagePage.confirm.click();
  await expect(stagePage.dialog).toBeHidden();
  await expect(dashboard.events.getByText('Canary promoted')).toBeVisible();
  for (const title of ['Requests', '4XX errors', '5XX errors', 'Latency']) {
    await expect(dashboard.markers(title, 'promotion')).toHaveCount(1);
  }
  await expect(dashboard.events).toContainText('by operator');

  // The canary was set moments before the promote: one marker lists both rather than two tags on top of each other.
  const marker = dashboard.markers('5XX errors', 'promotion');
  await expect(marker).toHaveClass(/marker-canary/);
  await expect(marker).toHaveAccessibleName(/^2 events: Canary 10 %, Canary promoted, /);
  await expect(marker.locator('.marker-tag-text')).toHaveText('2');
  // Markers are no Tab stops (a day can draw dozens on each chart): the Events list says the same.
  for (const title of ['Requests', '4XX errors', '5XX errors', 'Latency']) {
    await expect(dashboard.markers(title, 'promotion')).toHaveAttribute('tabindex', '-1');
  }
  await expect(dashboard.events.getByRole('listitem').filter({ hasText: 'Canary promoted' })).toHaveCount(1);
  await marker.focus();
  const callout = marker.locator('.marker-callout');
  await expect(callout).toBeVisible();
  await expect(callout.getByRole('listitem')).toHaveText([
    /Canary 10 %\s*by operator/,
    /Canary promoted\s*by operator/,
  ]);
  await dashboard.chart('5XX errors').screenshot({ path: `${SCREENSHOTS}/dashboard-marker-group.png` });
  await page.keyboard.press('Tab');
  await expect(callout).toBeHidden();
});

test.describe('a stage deleted while its dashboard is open', () => {
  test.use({ expectedHttpErrors: [404] });

  test('the dashboard says the stage is gone instead of drawing empty charts', async ({ page }) => {
    await signIn(page, 'admin');
    const api = new ConsoleApi(page.context().request);
    const apiId = await api.apiIdByName('PetStore');
    const stage = uniqueStage('gone');
    const [oldest] = await api.deployments(apiId);
    await api.createStage(apiId, { name: stage, deploymentId: oldest!.id });
    const dashboard = new DashboardPage(page);
    await new StagePage(page).goto(apiId, stage);
    await expect(dashboard.chart('Requests')).toBeVisible();

    await api.deleteStage(apiId, stage);
    // A range not loaded yet asks the BFF again, which now finds no such stage.
    await dashboard.range('Last 3 hours').check();
    const alert = page.locator('.dashboard').getByRole('alert');
    await expect(alert).toContainText('Stage not found');
    await expect(alert).toContainText(`There is no stage "${stage}"`);
    await expect(dashboard.chart('Requests')).toHaveCount(0);
    await expect(dashboard.status).toHaveText('No metrics to show');
  });
});

test('the API page shows every stage together; screenshots in light and dark', async ({ page }) => {
  await signIn(page, 'viewer');
  const api = new ConsoleApi(page.context().request);
  const apiId = await api.apiIdByName('Payments');
  const dashboard = new DashboardPage(page);
  await new ApiPage(page).goto(apiId);
  await expect(dashboard.headline('Requests')).toHaveText(/^[\d,]+ requests$/);
  // Payments caches its staging and prod stages: the cache chart joins the others.
  await expect(dashboard.headline('Cache hits')).toHaveText(/^all stages cache hit rate [\d.]+ %$/);

  const petStore = await api.apiIdByName('PetStore');
  for (const scheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: scheme });
    await new StagePage(page).goto(petStore, 'prod');
    await expect(dashboard.headline('5XX errors')).toHaveText(/canary/);
    await page.locator('.dashboard').screenshot({ path: `${SCREENSHOTS}/dashboard-stage-${scheme}.png` });
  }
});
