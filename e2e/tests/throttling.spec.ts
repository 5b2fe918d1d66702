import { emulatorTestKit } from '@gateway-console/emulator/testkit';
import { expect, signIn, test } from '../fixtures.ts';
import { ConsoleApi, uniqueStage } from '../pages/ConsoleApi.ts';
import { DashboardPage } from '../pages/DashboardPage.ts';
import { StagePage } from '../pages/StagePage.ts';

// AWS's 429s, passed on by the BFF while the emulator throttles every control-plane call.
test.use({ expectedHttpErrors: [429] });

// `SCREENSHOTS=docs pnpm test:e2e` refreshes the README's pictures; otherwise they land in e2e/output.
const dir = process.env.SCREENSHOTS === 'docs' ? '../docs/screenshots' : 'output/screenshots';

test('when AWS throttles the console, the page says so calmly, keeps what was typed, and recovers by itself', async ({
  page,
  app,
}) => {
  await signIn(page, 'operator');
  const api = new ConsoleApi(page.context().request);
  const apiId = await api.apiIdByName('PetStore');
  const stage = uniqueStage('throttled');
  const [oldest] = await api.deployments(apiId);
  await api.createStage(apiId, { name: stage, deploymentId: oldest!.id, description: 'throttling journey' });

  const stagePage = new StagePage(page);
  const dashboard = new DashboardPage(page);
  await stagePage.goto(apiId, stage);
  await expect(stagePage.heading(stage)).toBeVisible();
  await expect(dashboard.chart('Requests')).toBeVisible();
  // The operator starts typing a new stage rate limit…
  await stagePage.throttlingRate.fill('321');
  await stagePage.throttlingBurst.fill('64');

  // …when AWS starts refusing every API Gateway call as too many, for longer than the BFF's own retries.
  const emulator = emulatorTestKit(app.emulatorUrl);
  await emulator.injectFault({ operation: '*', error: 'TooManyRequestsException' });

  // A change is not retried behind the operator's back: it says when to try again, and the form keeps the value.
  await stagePage.saveThrottling.click();
  const refused = stagePage.stageThrottling.getByRole('alert');
  await expect(refused).toBeVisible({ timeout: 20_000 });
  await expect(refused).toContainText('AWS is throttling requests to API Gateway');
  await expect(refused).toContainText(/Try again in \d+ s|You can try again now/);
  await expect(refused).toContainText(/Request id \S+/);
  await expect(stagePage.throttlingRate).toHaveValue('321');

  // A view that needs API Gateway (the dashboard looks the API up there; the BFF's few seconds of
  // shared answers have run out by now) waits and tries again by itself.
  await dashboard.range('Last 3 hours').click();
  const banner = page.getByRole('alert').filter({ hasText: /Retrying (in \d+ s|now)/ });
  await expect(banner).toBeVisible({ timeout: 20_000 });
  await expect(banner).toContainText('AWS is throttling requests to API Gateway');
  await expect(banner).toContainText(/Request id \S+/);
  await expect(stagePage.heading(stage)).toBeVisible();
  await expect(stagePage.throttlingRate).toHaveValue('321');
  await expect(stagePage.throttlingBurst).toHaveValue('64');
  // The picture: the banner (it stays at the top while scrolling) over the refused form.
  await page
    .getByRole('heading', { name: 'Throttling', exact: true })
    .evaluate((heading) => window.scrollBy(0, heading.getBoundingClientRect().top - 140));
  await page.screenshot({ path: `${dir}/throttling.png` });
  await page.emulateMedia({ colorScheme: 'dark' });
  await page.screenshot({ path: `${dir}/throttling-dark.png` });
  await page.emulateMedia({ colorScheme: 'light' });

  // AWS calms down: the waiting view loads by itself and the banner goes away.
  await emulator.clearFaults();
  await expect(banner).toBeHidden({ timeout: 20_000 });
  await expect(dashboard.range('Last 3 hours')).toBeChecked();
  await expect(dashboard.chart('Requests').locator('svg').first()).toBeVisible({ timeout: 20_000 });
  await expect(stagePage.throttlingRate).toHaveValue('321');

  // Saving the same form again now goes through, and the BFF has it.
  await stagePage.saveThrottling.click();
  await expect(stagePage.page.getByRole('status').filter({ hasText: 'Throttling saved' })).toBeVisible();
  const saved = await api.stage(apiId, stage);
  expect(saved.methodSettings['*/*']).toMatchObject({ throttlingRateLimit: 321, throttlingBurstLimit: 64 });
});
