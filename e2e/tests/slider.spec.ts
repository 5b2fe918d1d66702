import { expect, signIn, test } from '../fixtures.ts';
import { ConsoleApi, uniqueStage } from '../pages/ConsoleApi.ts';
import { StagePage } from '../pages/StagePage.ts';

/** How many canary changes the BFF audited on this stage: each one is a live change to production. */
async function canaryChanges(api: ConsoleApi, apiId: string, stage: string): Promise<number> {
  const page = await api.audit({ apiId, stage });
  return page.items.filter((event) => event.action === 'canary.set' && event.outcome === 'success').length;
}

test('five quick arrow presses make one change to the stage, once the keys stop', async ({ page }) => {
  await signIn(page, 'operator');
  const api = new ConsoleApi(page.context().request);
  const stage = uniqueStage('taps');
  const { apiId } = await api.stageWithCanary('PetStore', stage, 10);
  const before = await canaryChanges(api, apiId, stage);
  const stagePage = new StagePage(page);
  await stagePage.goto(apiId, stage);
  await expect(stagePage.slider).toHaveAttribute('aria-valuenow', '10');

  await stagePage.slider.focus();
  for (let i = 0; i < 5; i++) await page.keyboard.press('ArrowRight', { delay: 40 });
  await expect(stagePage.slider).toHaveAttribute('aria-valuenow', '15');
  await expect(stagePage.applyState).toContainText('15 % canary traffic applied');
  await expect.poll(async () => (await api.stage(apiId, stage)).canary?.percentTraffic).toBe(15);
  // Give a second change time to show up if the keys had sent more than one.
  await page.waitForTimeout(1500);
  expect(await canaryChanges(api, apiId, stage)).toBe(before + 1);
});

test('End asks before sending all traffic to the canary; Cancel leaves the split as it was', async ({
  page,
}) => {
  await signIn(page, 'operator');
  const stagePage = new StagePage(page);
  const { api, stage, apiId } = await stagePage.openOwnCanaryStage('end');

  await stagePage.slider.focus();
  await page.keyboard.press('End');
  const dialog = page.getByRole('dialog', { name: 'Send all traffic to the canary?' });
  await expect(dialog).toBeVisible();
  await expect(dialog.getByRole('button', { name: 'Confirm' })).toHaveClass(/danger/);
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  await expect(dialog).toBeHidden();
  await expect(stagePage.slider).toHaveAttribute('aria-valuenow', '10');
  await expect(stagePage.slider).toBeFocused();
  await page.waitForTimeout(1000);
  expect((await api.stage(apiId, stage)).canary?.percentTraffic).toBe(10);

  await page.keyboard.press('End');
  await dialog.getByRole('button', { name: 'Confirm' }).click();
  await expect(stagePage.applyState).toContainText('100 % canary traffic applied');
  expect((await api.stage(apiId, stage)).canary?.percentTraffic).toBe(100);
});

test('after promoting, a toast confirms it and focus is on the stage heading', async ({ page }) => {
  await signIn(page, 'operator');
  const api = new ConsoleApi(page.context().request);
  const stage = uniqueStage('toast');
  const { apiId, canary } = await api.stageWithCanary('PetStore', stage, 10);
  const stagePage = new StagePage(page);
  await stagePage.goto(apiId, stage);

  await stagePage.promote.click();
  await stagePage.confirm.click();
  await expect(stagePage.dialog).toBeHidden();
  const toast = page.getByRole('status', { name: 'Notifications' });
  await expect(toast).toContainText(`Canary promoted: ${stage} now serves ${canary.id}`);
  await expect(stagePage.heading(stage)).toBeFocused();
  expect((await api.stage(apiId, stage)).deploymentId).toBe(canary.id);
});
