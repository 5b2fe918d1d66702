import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { expect, signIn, test } from '../fixtures.ts';
import { ApiPage } from '../pages/ApiPage.ts';
import { ApisPage } from '../pages/ApisPage.ts';
import { AuditPage } from '../pages/AuditPage.ts';
import { ConsoleApi, uniqueStage } from '../pages/ConsoleApi.ts';
import { StagePage } from '../pages/StagePage.ts';

// axe-core via Deque's own Playwright binding (@axe-core/playwright): the engine browsers' devtools use,
// injected into every frame, with WCAG 2.x A/AA and 2.2 rule tags.
const wcag = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

const modes = [
  { name: 'light', colorScheme: 'light', viewport: { width: 1280, height: 800 } },
  { name: 'dark', colorScheme: 'dark', viewport: { width: 1280, height: 800 } },
  { name: 'phone', colorScheme: 'light', viewport: { width: 390, height: 844 } },
] as const;

/** Serious and critical violations on the page as it is now, one line per node. */
async function violations(page: Page, screen: string): Promise<string[]> {
  const results = await new AxeBuilder({ page }).withTags(wcag).analyze();
  return results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .flatMap((v) =>
      v.nodes.map(
        (node) => `${screen}: ${v.id} (${v.impact}) at ${node.target.join(' ')} — ${node.failureSummary}`,
      ),
    );
}

/** The page is wider than the viewport: the phone would scroll sideways. */
const sidewaysScroll = (page: Page) =>
  page.evaluate(() => {
    const width = document.documentElement.clientWidth;
    if (document.documentElement.scrollWidth <= width) return null;
    const culprits = Array.from(document.querySelectorAll('body *'))
      .filter((el) => el.getBoundingClientRect().right > width + 1)
      .filter((el) => !el.closest('.table-wrap, .scroll-box'))
      .slice(0, 5)
      .map((el) => `${el.tagName.toLowerCase()}.${el.className}`);
    return `${document.documentElement.scrollWidth} px wide in ${width} px: ${culprits.join(', ')}`;
  });

const chartsDrawn = (page: Page) =>
  expect(page.getByRole('figure', { name: 'Requests', exact: true }).locator('svg').first()).toBeVisible({
    timeout: 20_000,
  });

for (const mode of modes) {
  test.describe(`${mode.name}`, () => {
    test.use({ colorScheme: mode.colorScheme, viewport: mode.viewport });

    test(`every page and main dialog has no serious or critical axe violation (${mode.name})`, async ({
      page,
    }) => {
      test.setTimeout(180_000);
      const found: string[] = [];
      const check = async (screen: string) => {
        found.push(...(await violations(page, screen)));
        if (mode.name === 'phone') {
          const scroll = await sidewaysScroll(page);
          if (scroll) found.push(`${screen}: page scrolls sideways, ${scroll}`);
        }
      };

      await page.goto('/sign-in');
      await expect(page.getByRole('button', { name: 'Sign in' })).toBeVisible();
      await check('sign-in');

      await signIn(page, 'operator');
      const api = new ConsoleApi(page.context().request);
      const stage = uniqueStage('a11y');
      // A stage with a cache and a canary, so every dialog of the stage page can be opened.
      const apiId = await api.apiIdByName('PetStore');
      const deployments = await api.deployments(apiId);
      await api.createStage(apiId, {
        name: stage,
        deploymentId: deployments[0]!.id,
        cacheClusterEnabled: true,
        cacheClusterSize: '0.5',
      });
      await api.putCanary(apiId, stage, { percentTraffic: 10, deploymentId: deployments.at(-1)!.id });

      const apis = new ApisPage(page);
      await apis.goto();
      await expect(apis.link('PetStore')).toBeVisible();
      await check('APIs');

      const apiPage = new ApiPage(page);
      await apiPage.goto(apiId);
      await expect(apiPage.stageLink('prod')).toBeVisible();
      await chartsDrawn(page);
      await check('API page');
      await apiPage.createStageButton.click();
      await expect(apiPage.dialog).toBeVisible();
      await check('Create stage dialog');
      await page.keyboard.press('Escape');
      await expect(apiPage.dialog).toBeHidden();
      await page.getByRole('button', { name: 'Deploy', exact: true }).click();
      const deployDialog = page.getByRole('dialog', { name: 'Deploy the API' });
      await expect(deployDialog).toBeVisible();
      await check('Deploy dialog');
      await page.keyboard.press('Escape');
      await expect(deployDialog).toBeHidden();

      const stagePage = new StagePage(page);
      await stagePage.goto(apiId, stage);
      await expect(stagePage.slider).toBeVisible();
      await chartsDrawn(page);
      await check('stage page');
      for (const [label, open] of [
        ['Promote dialog', stagePage.promote],
        ['Roll back canary dialog', stagePage.rollBackCanary],
        ['Flush cache dialog', stagePage.flushCache],
      ] as const) {
        await open.click({ timeout: 10_000 });
        await expect(stagePage.dialog).toBeVisible();
        await check(label);
        await page.keyboard.press('Escape');
        await expect(stagePage.dialog).toBeHidden();
      }
      await page
        .getByRole('region', { name: 'Rollout' })
        .getByRole('button', { name: 'Start rollout' })
        .click();
      await expect(page.getByRole('dialog')).toBeVisible();
      await check('Start rollout dialog');
      await page.keyboard.press('Escape');
      await expect(page.getByRole('dialog')).toBeHidden();
      await page.getByRole('button', { name: 'Custom range' }).first().click();
      await check('dashboard custom range');
      const deployments0 = stagePage.deployments.getByRole('row').nth(1);
      await deployments0.getByRole('button', { name: 'Compare' }).click();
      await expect(stagePage.dialog).toBeVisible();
      await check('Compare deployments dialog');
      await page.keyboard.press('Escape');
      await expect(stagePage.dialog).toBeHidden();

      // Rolling a stage back needs a stage without a canary, on a later deployment.
      await api.createStage(apiId, { name: `${stage}-plain`, deploymentId: deployments.at(-1)!.id });
      await stagePage.goto(apiId, `${stage}-plain`);
      await stagePage.rollBackTo(deployments[0]!.id).click({ timeout: 10_000 });
      await expect(stagePage.dialog).toBeVisible();
      await check('Roll back to a deployment dialog');
      await page.keyboard.press('Escape');

      await new AuditPage(page).goto();
      await expect(page.getByRole('table', { name: 'Audit events' }).getByRole('row').nth(1)).toBeVisible();
      await check('audit');

      await page.goto('/no-such-page');
      await expect(page.getByRole('heading', { level: 1, name: 'Page not found' })).toBeVisible();
      await check('not found');

      await page.goto('/change-password');
      await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
      await check('change password');

      // The Users page and its dialog are an admin's.
      await signIn(page, 'admin');
      await page.goto('/users');
      await expect(page.getByRole('table', { name: 'Users' }).getByRole('row').nth(1)).toBeVisible();
      await check('users');
      await page.getByRole('button', { name: 'Add user' }).click();
      await expect(page.getByRole('dialog')).toBeVisible();
      await check('Add user dialog');
      await page.keyboard.press('Escape');

      expect(found, found.join('\n')).toEqual([]);
    });
  });
}

test('each page has one h1, a main landmark, a skip link, and focus goes where the operator looks', async ({
  page,
}) => {
  await page.goto('/sign-in');
  await expect(page.getByRole('main')).toHaveCount(1);
  await expect(page.getByLabel('Username')).toBeFocused();

  await signIn(page, 'operator');
  const api = new ConsoleApi(page.context().request);
  const apiId = await api.apiIdByName('PetStore');
  await page.goto('/');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('APIs');

  // The first Tab reaches the skip link, which takes the keyboard past the header.
  await page.keyboard.press('Tab');
  const skip = page.getByRole('link', { name: 'Skip to content' });
  await expect(skip).toBeFocused();
  await expect(skip).toBeVisible();
  await page.keyboard.press('Enter');
  await expect(page.locator('#content')).toBeFocused();

  // Following a link moves focus to the new page's heading, so a screen reader announces where it is.
  await new ApisPage(page).link('PetStore').click();
  const heading = page.getByRole('heading', { level: 1, name: 'PetStore' });
  await expect(heading).toBeFocused();
  await expect(page.getByRole('heading', { level: 1 })).toHaveCount(1);

  await new ApiPage(page).stageLink('prod').click();
  await expect(page.getByRole('heading', { level: 1, name: 'prod' })).toBeFocused();
  await expect(page.getByRole('heading', { level: 1 })).toHaveCount(1);
  await expect(page.getByRole('navigation', { name: 'Breadcrumb' })).toContainText('PetStore');
  await expect(page.getByRole('navigation', { name: 'Breadcrumb' })).not.toContainText(apiId);

  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Audit' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Audit' })).toBeFocused();

  // The focus ring stands out from what is around it (WCAG 2.2 focus appearance: ≥ 3:1).
  await page.keyboard.press('Tab');
  const ring = await page.evaluate(() => {
    const el = document.activeElement as HTMLElement;
    const style = getComputedStyle(el);
    return { outline: style.outlineStyle, width: Number.parseFloat(style.outlineWidth) };
  });
  expect(ring.outline).not.toBe('none');
  expect(ring.width).toBeGreaterThanOrEqual(2);
});

test.describe('phone', () => {
  test.use({ viewport: { width: 390, height: 844 } });

  test('at 390 px the header fits and tables scroll inside a keyboard-reachable box', async ({ page }) => {
    await signIn(page, 'operator');
    const api = new ConsoleApi(page.context().request);
    const apiId = await api.apiIdByName('PetStore');
    await page.goto(`/apis/${apiId}`);
    await expect(page.getByRole('heading', { level: 1, name: 'PetStore' })).toBeVisible();
    for (const name of ['Environment']) await expect(page.getByRole('region', { name })).toBeInViewport();
    const signOut = page.getByRole('button', { name: 'Sign out', exact: true });
    await expect(signOut).toBeInViewport({ ratio: 1 });
    expect(await sidewaysScroll(page)).toBeNull();

    const resources = page.getByRole('group', { name: 'Resources and methods' });
    await resources.focus();
    await expect(resources).toBeFocused();
    const scrolled = await resources.evaluate((box) => {
      box.scrollLeft = 0;
      return box.scrollWidth > box.clientWidth;
    });
    if (scrolled) {
      await page.keyboard.press('ArrowRight');
      await expect.poll(() => resources.evaluate((box) => box.scrollLeft)).toBeGreaterThan(0);
    }
  });
});
