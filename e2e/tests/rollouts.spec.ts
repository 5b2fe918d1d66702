import type { Page } from '@playwright/test';
import { expect, signIn, test } from '../fixtures.ts';
import { ConsoleApi, uniqueStage } from '../pages/ConsoleApi.ts';
import { invoke } from '../pages/DemoTraffic.ts';
import { StagePage } from '../pages/StagePage.ts';

const dir = process.env.SCREENSHOTS === 'docs' ? '../docs/screenshots' : 'output/screenshots';

// A rollout's verdict query may meet the canary just removed (409 NO_CANARY) while the page catches up.
test.use({ expectedHttpErrors: [409] });

/** Opens Start rollout, enters custom steps and starts it. */
async function startRollout(page: Page, steps: string) {
  const rollout = page.getByRole('region', { name: 'Rollout' });
  await rollout.getByRole('button', { name: 'Start rollout' }).click();
  const dialog = page.getByRole('dialog');
  // The gates start from the judge's defaults.
  await expect(dialog.getByLabel('Minimum requests per side')).toHaveValue('700');
  await expect(dialog.getByLabel('Confidence (%)')).toHaveValue('95');
  await dialog.getByLabel('Plan').selectOption('custom');
  await dialog.getByLabel('Steps (percent:seconds, comma-separated)').fill(steps);
  await dialog.getByRole('button', { name: 'Start' }).click();
  await expect(dialog).toBeHidden();
  return rollout;
}

test('a person moving the slider during a rollout pauses it, and says why', async ({ page }) => {
  await signIn(page, 'operator');
  const api = new ConsoleApi(page.context().request);
  const stage = uniqueStage('rollout-slider');
  const { apiId } = await api.stageWithCanary('PetStore', stage, 10);
  const stagePage = new StagePage(page);
  await stagePage.goto(apiId, stage);

  const rollout = await startRollout(page, '20:600, 50:600');
  await expect(rollout).toContainText('Running');
  await expect(rollout).toContainText('1 of 2: 20 % canary');
  // The runner applied the first step: the slider shows it.
  await expect(stagePage.slider).toHaveAttribute('aria-valuenow', '20', { timeout: 15_000 });

  await stagePage.dragSlider(20, 40);
  await expect(stagePage.applyState).toContainText('applied');
  await expect(rollout).toContainText('Paused', { timeout: 15_000 });
  await expect(rollout).toContainText('Someone else changed the canary');
  await expect(rollout.getByRole('button', { name: 'Resume rollout' })).toBeVisible();
  expect((await api.stage(apiId, stage)).canary?.percentTraffic).not.toBe(20);

  await rollout.getByRole('button', { name: 'Abort rollout' }).click();
  await expect(rollout.getByRole('table', { name: 'Rollout history' })).toContainText('Aborted');
});

test('Start rollout → progress → the failing canary is rolled back by itself', async ({ page, app }) => {
  // CloudWatch's minutes are judged once published (about three minutes after the traffic).
  test.setTimeout(480_000);
  await signIn(page, 'operator');
  const api = new ConsoleApi(page.context().request);
  // Its own stage, with the demo's failing upstream (v2) on the canary: prod stays as the other journeys expect.
  const stage = uniqueStage('rollout-judge');
  const { apiId } = await api.stageWithCanary('PetStore', stage, 10);
  const stagePage = new StagePage(page);
  await stagePage.goto(apiId, stage);

  const rollout = await startRollout(page, '50:600, 100:600');
  await expect(stagePage.slider).toHaveAttribute('aria-valuenow', '50', { timeout: 15_000 });
  await expect(rollout).toContainText('1 of 2: 50 % canary');
  await expect(rollout).toContainText(/Time left in this step\s*(9|10) min/);
  await invoke(`${app.emulatorUrl}/_aws/execute-api/${apiId}/${stage}/pets`, 2400);
  // The judge's gates against their thresholds, while the step bakes.
  await expect(rollout.getByRole('table', { name: 'Rollout gates' })).toBeVisible({ timeout: 60_000 });
  await rollout.scrollIntoViewIfNeeded();
  await page.screenshot({ path: `${dir}/rollout-progress.png` });

  await expect(rollout.getByRole('table', { name: 'Rollout history' })).toContainText('Rolled back', {
    timeout: 300_000,
  });
  await expect(stagePage.canary).toContainText('No canary on this stage');
  expect((await api.stage(apiId, stage)).canary).toBeNull();
  const audit = await api.audit({ apiId, stage });
  expect(audit.items.map((row) => row.action)).toEqual(
    expect.arrayContaining(['rollout.step', 'rollout.rollback']),
  );

  await rollout.scrollIntoViewIfNeeded();
  await page.screenshot({ path: `${dir}/rollout-rolled-back-light.png` });
  await page.emulateMedia({ colorScheme: 'dark' });
  await page.screenshot({ path: `${dir}/rollout-rolled-back-dark.png` });
  await page.emulateMedia({ colorScheme: 'light' });
  await page.setViewportSize({ width: 390, height: 844 });
  await rollout.scrollIntoViewIfNeeded();
  // The region fits the narrow screen; its history table scrolls inside its own frame.
  const box = (await rollout.boundingBox())!;
  expect(box.x + box.width).toBeLessThanOrEqual(390);
  expect(await rollout.evaluate((el) => el.scrollWidth <= el.clientWidth)).toBe(true);
  await page.screenshot({ path: `${dir}/rollout-rolled-back-390.png` });
});
