import type { Stage } from '@gateway-console/contract';
import { expect, signIn, test } from '../fixtures.ts';
import { ConsoleApi, uniqueStage } from '../pages/ConsoleApi.ts';
import { StagePage } from '../pages/StagePage.ts';
import { StatusCodesPanel } from '../pages/StatusCodesPanel.ts';

// `SCREENSHOTS=docs pnpm test:e2e` refreshes the README's pictures; otherwise they land in e2e/output.
const dir = process.env.SCREENSHOTS === 'docs' ? '../docs/screenshots' : 'output/screenshots';

test('turn on access logging, send traffic, read the Status codes chart and why 429 happens', async ({
  page,
}) => {
  await signIn(page, 'operator');
  const api = new ConsoleApi(page.context().request);
  const apiId = await api.apiIdByName('PetStore');
  const stageName = uniqueStage('codes');
  const [oldest] = await api.deployments(apiId);
  await api.createStage(apiId, { name: stageName, deploymentId: oldest!.id, variables: { version: 'v1' } });

  const stagePage = new StagePage(page);
  const panel = new StatusCodesPanel(page);
  await stagePage.goto(apiId, stageName);
  await expect(panel.region).toContainText('Access logging is off');
  await expect(panel.region).toContainText('per million requests');
  await panel.turnOn.click();
  await expect(panel.turnOff).toBeVisible({ timeout: 15_000 });
  const stage = await api.stage(apiId, stageName);
  expect(stage.accessLog?.logGroupName).toBe(`API-Gateway-Access-Logs_${apiId}/${stageName}`);

  // GET /health throttled to nothing, so its requests are 429s.
  const throttled = await page.request.patch(`/api/apis/${apiId}/stages/${stageName}`, {
    data: { methodSettings: { '/health/GET': { throttlingRateLimit: 0, throttlingBurstLimit: 0 } } },
    headers: { 'X-Requested-With': 'gateway-console', 'If-Match': stage.etag },
  });
  expect(throttled.status()).toBe(200);
  const { invokeUrl } = (await throttled.json()) as Stage;
  const send = async (path: string, n: number) => {
    for (let i = 0; i < n; i++) await page.request.get(`${invokeUrl}${path}`);
  };
  await send('/static/logo.png', 5);
  await send('/health', 3);
  await send('/nope', 2);

  await page.reload();
  await expect(panel.chart.locator('svg').first()).toBeVisible({ timeout: 20_000 });
  await expect(panel.legend).toContainText('200 (5)');
  await expect(panel.legend).toContainText('429 (3)');
  await expect(panel.legend).toContainText('403 (2)');
  // The 4XX chart tells the throttled requests apart from the other 4XX.
  await expect(
    page.getByRole('figure', { name: '4XX errors', exact: true }).getByTestId('throttled-apart'),
  ).toContainText('429 throttled: 3 of 5 4XX (60 %)');
  const why429 = panel.explanation(429);
  await expect(why429).toContainText('Too Many Requests');
  await expect(why429).toContainText('GET /health: 0 req/s, burst 0');
  await expect(panel.explanation(403)).toContainText('No such route');

  await panel.statusFilter.selectOption('429');
  await expect(panel.requests.getByRole('row')).toHaveCount(4);
  for (const row of await panel.requests.getByRole('row').all()) {
    if ((await row.getByRole('cell').count()) > 0) await expect(row).toContainText('THROTTLED');
  }

  await page.screenshot({ path: `${dir}/status-codes.png`, fullPage: false, clip: undefined });
  await panel.region.screenshot({ path: `${dir}/status-codes-light.png` });
  await page.emulateMedia({ colorScheme: 'dark' });
  await panel.region.screenshot({ path: `${dir}/status-codes-dark.png` });
  await page.emulateMedia({ colorScheme: 'light' });
  await page.setViewportSize({ width: 390, height: 844 });
  // The panel fits the phone's width: only its table scrolls, inside its own frame.
  await expect
    .poll(() => panel.region.evaluate((region) => Math.round(region.getBoundingClientRect().right)))
    .toBeLessThanOrEqual(390);
  expect(await panel.region.evaluate((region) => region.scrollWidth <= region.clientWidth)).toBe(true);
  await panel.region.screenshot({ path: `${dir}/status-codes-390.png` });
  await page.setViewportSize({ width: 1280, height: 800 });

  // The 429 explanation leads to the settings that cause it.
  await why429.getByRole('link', { name: 'Change the throttling settings' }).click();
  await expect(page).toHaveURL(/#throttling-heading$/);
  await expect(page.getByRole('heading', { name: 'Throttling', exact: true })).toBeInViewport();

  // The API's dashboard counts every stage with access logs together: this one and the demo's prod.
  await page.goto(`/apis/${apiId}`);
  const across = page.getByRole('region', { name: 'Errors by status code across stages' });
  await expect(across.getByRole('figure', { name: 'Status codes' }).locator('svg').first()).toBeVisible({
    timeout: 20_000,
  });
  await expect(across.getByRole('list', { name: 'Status codes legend' })).toContainText('429');
  await expect(across).toContainText(`${stageName}`);
  await across.screenshot({ path: `${dir}/status-codes-api.png` });
});
