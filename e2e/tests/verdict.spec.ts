import { expect, signIn, test } from '../fixtures.ts';
import { ConsoleApi } from '../pages/ConsoleApi.ts';
import { StagePage } from '../pages/StagePage.ts';

const dir = process.env.SCREENSHOTS === 'docs' ? '../docs/screenshots' : 'output/screenshots';

test('the stage page shows the canary judge’s verdict with the numbers behind it', async ({ page }) => {
  await signIn(page, 'viewer');
  const apiId = await new ConsoleApi(page.context().request).apiIdByName('PetStore');
  const stagePage = new StagePage(page);
  await stagePage.goto(apiId, 'prod');
  const verdict = page.getByRole('status', { name: 'Canary verdict' });
  // The demo's rollout load gives the judge its minimum sample: the demo's failing canary (v2) is called so.
  await expect(verdict).toContainText('Failing', { timeout: 20_000 });
  await expect(verdict).toContainText(/[\d,]+ canary and [\d,]+ base requests/);
  const checks = verdict.getByRole('table', { name: 'Canary checks' });
  for (const check of ['5XX rate', '4XX rate', 'Latency (avg)', 'Latency (p99)']) {
    await expect(checks.getByRole('rowheader', { name: check })).toBeVisible();
  }
  await verdict.scrollIntoViewIfNeeded();
  await page.screenshot({ path: `${dir}/canary-verdict.png` });
});

test('with a failing canary, rolling back is the primary action and promoting needs a typed reason', async ({
  page,
}) => {
  await signIn(page, 'operator');
  const apiId = await new ConsoleApi(page.context().request).apiIdByName('PetStore');
  // The API page's Stages table: the judge's verdict on the prod row, from one call for every stage.
  await page.goto(`/apis/${apiId}`);
  const prodRow = page.getByRole('table', { name: 'Stages' }).getByRole('row').filter({ hasText: 'prod' });
  await expect(prodRow).toContainText('Canary verdict: Failing', { timeout: 20_000 });

  const stagePage = new StagePage(page);
  await stagePage.goto(apiId, 'prod');
  // The demo's prod canary fails about 4.5 % of requests against the base's 0.4 %, and is slower.
  await expect(page.getByRole('status', { name: 'Canary verdict' })).toContainText('Failing', {
    timeout: 60_000,
  });
  await expect(stagePage.rollBackCanary).toHaveClass(/\bprimary\b/);
  await expect(stagePage.promote).toHaveClass(/\bdanger\b/);
  await expect(stagePage.promote).not.toHaveClass(/\bprimary\b/);

  await stagePage.promote.click();
  const confirmPromote = stagePage.dialog.getByRole('button', { name: 'Promote to 100 %' });
  await expect(stagePage.dialog).toContainText('The canary judge says this canary is failing');
  await expect(confirmPromote).toBeDisabled();
  await expect(confirmPromote).toHaveClass(/\bdanger\b/);
  await stagePage.dialog.getByLabel('Reason for promoting a failing canary').fill('Known flaky upstream');
  await expect(confirmPromote).toBeEnabled();
  await page.screenshot({ path: `${dir}/promote-failing-canary.png` });
  await stagePage.dialog.getByRole('button', { name: 'Cancel' }).click();
  await expect(stagePage.dialog).toBeHidden();

  await stagePage.rollBackCanary.click();
  const confirmRollBack = stagePage.dialog.getByRole('button', { name: 'Roll back canary' });
  await expect(confirmRollBack).toBeVisible();
  await expect(confirmRollBack).not.toHaveClass(/\bdanger\b/);
  await stagePage.dialog.getByRole('button', { name: 'Cancel' }).click();
});
