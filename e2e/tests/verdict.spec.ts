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
  // The demo's traffic is live: whichever verdict it is now, it comes with its counts and every check.
  await expect(verdict).toContainText(/Healthy|Failing|Not enough traffic yet/, { timeout: 20_000 });
  await expect(verdict).toContainText(/\d+ canary and \d+ base requests/);
  const checks = verdict.getByRole('table', { name: 'Canary checks' });
  for (const check of ['5XX rate', '4XX rate', 'Latency (avg)', 'Latency (p99)']) {
    await expect(checks.getByRole('rowheader', { name: check })).toBeVisible();
  }
  await verdict.scrollIntoViewIfNeeded();
  await page.screenshot({ path: `${dir}/canary-verdict.png` });
});
