import type { Page } from '@playwright/test';
import { expect, signIn, test } from '../fixtures.ts';
import { ApiPage } from '../pages/ApiPage.ts';
import { ApisPage } from '../pages/ApisPage.ts';
import { ConsoleApi } from '../pages/ConsoleApi.ts';
import { StagePage } from '../pages/StagePage.ts';

// `SCREENSHOTS=docs pnpm test:e2e` refreshes the README's pictures; otherwise they land in e2e/output.
const dir = process.env.SCREENSHOTS === 'docs' ? '../docs/screenshots' : 'output/screenshots';

/** The dashboards' charts load lazily; a picture of skeletons would sell nothing. */
const chartsDrawn = (page: Page) =>
  expect(page.getByRole('figure', { name: 'Requests', exact: true }).locator('svg').first()).toBeVisible({
    timeout: 20_000,
  });

test('screenshots of the APIs list, an API, a stage with its canary and a confirmation', async ({ page }) => {
  await signIn(page, 'operator');
  const api = new ConsoleApi(page.context().request);

  const apis = new ApisPage(page);
  await apis.goto();
  await expect(apis.link('PetStore')).toBeVisible();
  await page.screenshot({ path: `${dir}/apis.png` });

  const apiId = await api.apiIdByName('PetStore');
  const apiPage = new ApiPage(page);
  await apiPage.goto(apiId);
  await expect(apiPage.stageLink('prod')).toBeVisible();
  await expect(apiPage.stageRow('prod')).toContainText('canary');
  await chartsDrawn(page);
  await page.screenshot({ path: `${dir}/api.png` });

  const stagePage = new StagePage(page);
  await stagePage.goto(apiId, 'prod');
  await expect(stagePage.slider).toBeVisible();
  await expect(stagePage.deployments.getByRole('row')).not.toHaveCount(1);
  await chartsDrawn(page);
  await page.screenshot({ path: `${dir}/stage-canary.png` });

  await stagePage.promote.click();
  await expect(stagePage.confirm).toBeVisible();
  await page.screenshot({ path: `${dir}/confirm-promote.png` });
  await page.keyboard.press('Escape');
  await expect(stagePage.dialog).toBeHidden();
});
