import type { Page } from '@playwright/test';
import { expect, signIn, test } from '../fixtures.ts';
import { ApiPage } from '../pages/ApiPage.ts';
import { ApisPage } from '../pages/ApisPage.ts';
import { AuditPage } from '../pages/AuditPage.ts';
import { ConsoleApi } from '../pages/ConsoleApi.ts';
import { StagePage } from '../pages/StagePage.ts';

// `SCREENSHOTS=docs pnpm test:e2e` refreshes the README's pictures; otherwise they land in e2e/output.
const dir = process.env.SCREENSHOTS === 'docs' ? '../docs/screenshots' : 'output/screenshots';

/** The dashboards' charts load lazily; a picture of skeletons would sell nothing. */
const chartsDrawn = (page: Page) =>
  expect(page.getByRole('figure', { name: 'Requests', exact: true }).locator('svg').first()).toBeVisible({
    timeout: 20_000,
  });

// Light at 1280 px keeps the README's file names; dark and the 390 px phone get a suffix.
const modes = [
  { suffix: '', colorScheme: 'light', viewport: { width: 1280, height: 800 }, fullPage: false },
  { suffix: '-dark', colorScheme: 'dark', viewport: { width: 1280, height: 800 }, fullPage: false },
  { suffix: '-phone', colorScheme: 'light', viewport: { width: 390, height: 844 }, fullPage: false },
] as const;

for (const mode of modes) {
  test.describe(`screenshots${mode.suffix || '-light'}`, () => {
    test.use({ colorScheme: mode.colorScheme, viewport: mode.viewport });

    test(`every page, a stage with its canary and a confirmation${mode.suffix}`, async ({ page }) => {
      test.setTimeout(120_000);
      const shot = (name: string) =>
        page.screenshot({ path: `${dir}/${name}${mode.suffix}.png`, fullPage: mode.fullPage });

      await page.goto('/sign-in');
      await expect(page.getByLabel('Username')).toBeFocused();
      await shot('sign-in');

      await signIn(page, 'operator');
      const api = new ConsoleApi(page.context().request);

      const apis = new ApisPage(page);
      await apis.goto();
      await expect(apis.link('PetStore')).toBeVisible();
      await shot('apis');

      const apiId = await api.apiIdByName('PetStore');
      const apiPage = new ApiPage(page);
      await apiPage.goto(apiId);
      await expect(apiPage.stageLink('prod')).toBeVisible();
      await expect(apiPage.stageRow('prod')).toContainText('canary');
      await chartsDrawn(page);
      await shot('api');

      const stagePage = new StagePage(page);
      await stagePage.goto(apiId, 'prod');
      await expect(stagePage.slider).toBeVisible();
      await expect(stagePage.deployments.getByRole('row')).not.toHaveCount(1);
      await chartsDrawn(page);
      await shot('stage-canary');

      await stagePage.promote.click();
      await expect(stagePage.confirm).toBeVisible();
      await page.screenshot({ path: `${dir}/confirm-promote${mode.suffix}.png` });
      await page.keyboard.press('Escape');
      await expect(stagePage.dialog).toBeHidden();

      await new AuditPage(page).goto();
      await expect(page.getByRole('table', { name: 'Audit events' }).getByRole('row').nth(1)).toBeVisible();
      await shot('audit');
    });

    test(`the stage and API dashboards, with a custom range open${mode.suffix}`, async ({ page }) => {
      test.setTimeout(120_000);
      await signIn(page, 'viewer');
      const apiId = await new ConsoleApi(page.context().request).apiIdByName('PetStore');
      const dashboard = page.getByRole('region', { name: /^Traffic/ });
      const noSideways = async () =>
        expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(
          mode.viewport.width,
        );

      await new StagePage(page).goto(apiId, 'prod');
      await chartsDrawn(page);
      await page.getByRole('button', { name: 'Custom range' }).click();
      await dashboard.scrollIntoViewIfNeeded();
      // No tooltip left open by the pointer in the picture.
      await page.mouse.move(0, 0);
      await noSideways();
      await dashboard.screenshot({ path: `${dir}/dashboard-stage${mode.suffix}.png` });

      await new ApiPage(page).goto(apiId);
      await chartsDrawn(page);
      await expect(
        page
          .getByRole('figure', { name: 'Requests', exact: true })
          .getByRole('button', { name: 'prod', exact: true }),
      ).toBeVisible();
      await page.mouse.move(0, 0);
      await noSideways();
      await dashboard.screenshot({ path: `${dir}/dashboard-api${mode.suffix}.png` });
    });
  });
}
