import type { Browser, Page } from '@playwright/test';
import { expect, signIn, test } from '../fixtures.ts';
import { ApiPage } from '../pages/ApiPage.ts';
import { ConsoleApi } from '../pages/ConsoleApi.ts';
import { StagePage } from '../pages/StagePage.ts';

// The stale change is refused with 412 on purpose.
test.use({ expectedHttpErrors: [412] });

/** A second person at another browser: their own context, cookies and session. */
async function secondOperator(browser: Browser, baseURL: string, role: 'admin' | 'operator' = 'admin') {
  const context = await browser.newContext({ baseURL });
  const page = await context.newPage();
  await signIn(page, role);
  return { context, page };
}

/** The precise-percent field beside the slider: typing there is one change, sent on Enter. */
async function typePercent(page: Page, percent: number) {
  const field = page.getByRole('spinbutton', { name: 'Canary traffic, precise percent' });
  await field.fill(String(percent));
  await field.press('Enter');
}

test('a canary change made in another browser appears on the stage and API pages within 5 s, with who made it', async ({
  page,
  browser,
  baseURL,
}) => {
  await signIn(page, 'operator');
  const stagePage = new StagePage(page);
  const { stage, apiId } = await stagePage.openOwnCanaryStage('live');

  const other = await secondOperator(browser, baseURL!);
  const theirs = new StagePage(other.page);
  await theirs.goto(apiId, stage);
  await expect(theirs.slider).toHaveAttribute('aria-valuenow', '10');
  await typePercent(other.page, 37);
  await expect(theirs.applyState).toContainText('37 % canary traffic applied');

  // The first page was never touched, reloaded or focused again.
  await expect(stagePage.slider).toHaveAttribute('aria-valuenow', '37', { timeout: 5_000 });
  await expect(page.getByRole('status', { name: 'Changes by others' })).toContainText('Changed by admin');

  const apiPage = new ApiPage(page);
  await apiPage.goto(apiId);
  await expect(apiPage.stageRow(stage)).toContainText('37 % canary');
  await theirs.slider.focus();
  await other.page.keyboard.press('PageDown');
  await expect(theirs.applyState).toContainText('27 % canary traffic applied');
  await expect(apiPage.stageRow(stage)).toContainText('27 % canary', { timeout: 5_000 });
  await other.context.close();
});

test('refused as stale, the operator sees what changed and re-applies their change on top, or keeps theirs', async ({
  page,
  browser,
  baseURL,
}) => {
  await signIn(page, 'operator');
  const stagePage = new StagePage(page);
  const { api, stage, apiId } = await stagePage.openOwnCanaryStage('reapply');

  // This browser's reads of the stage now take 20 s (a slow network): its view stays as it was.
  const stageUrl = new RegExp(`/api/apis/${apiId}/stages/${stage}$`);
  await page.route(stageUrl, async (route) => {
    if (route.request().method() !== 'GET') return route.fallback();
    await new Promise((resolve) => setTimeout(resolve, 20_000));
    return route.fallback().catch(() => undefined);
  });
  const other = await secondOperator(browser, baseURL!);
  await new ConsoleApi(other.context.request).putCanary(apiId, stage, { percentTraffic: 37 });

  await typePercent(page, 25);
  const dialog = page.getByRole('dialog', { name: 'This stage changed since you loaded it' });
  await expect(dialog).toBeVisible();
  const canaryRow = dialog.getByRole('table', { name: 'What changed' }).getByRole('row', { name: /Canary/ });
  await expect(canaryRow).toContainText('10 %');
  await expect(canaryRow).toContainText('37 %');
  await dialog.getByRole('button', { name: 'Re-apply my change on top' }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByRole('status', { name: 'Notifications' })).toContainText(
    `Re-applied canary traffic 25 % on top of the current ${stage}`,
  );
  expect((await api.stage(apiId, stage)).canary?.percentTraffic).toBe(25);
  await expect(stagePage.slider).toHaveAttribute('aria-valuenow', '25');

  // Again, and this time the other person's 40 % stays.
  await new ConsoleApi(other.context.request).putCanary(apiId, stage, { percentTraffic: 40 });
  await typePercent(page, 20);
  await expect(dialog).toBeVisible();
  await dialog.getByRole('button', { name: 'Keep theirs' }).click();
  await expect(dialog).toBeHidden();
  await expect(stagePage.slider).toHaveAttribute('aria-valuenow', '40');
  expect((await api.stage(apiId, stage)).canary?.percentTraffic).toBe(40);
  await page.unrouteAll({ behavior: 'ignoreErrors' });
  await other.context.close();
});
