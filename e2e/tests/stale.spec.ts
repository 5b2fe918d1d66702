import { expect, signIn, test } from '../fixtures.ts';
import { StagePage } from '../pages/StagePage.ts';

// The stale change is refused with 412 on purpose.
test.use({ expectedHttpErrors: [412] });

test('acting on a stale view shows what changed and reloads the current state', async ({ page }) => {
  await signIn(page, 'operator');
  const stagePage = new StagePage(page);
  const { api, stage, apiId } = await stagePage.openOwnCanaryStage('stale');

  // Someone else moves the canary while this page still shows 10 %.
  await api.putCanary(apiId, stage, { percentTraffic: 50 });

  await stagePage.dragSlider(10, 30);
  const dialog = page.getByRole('dialog', { name: 'This stage changed since you loaded it' });
  await expect(dialog).toBeVisible();
  const changes = dialog.getByRole('table', { name: 'What changed' });
  await expect(changes.getByRole('row', { name: /Canary/ })).toContainText('10 %');
  await expect(changes.getByRole('row', { name: /Canary/ })).toContainText('50 %');
  expect((await api.stage(apiId, stage)).canary?.percentTraffic).toBe(50);

  await dialog.getByRole('button', { name: 'Keep theirs' }).click();
  await expect(dialog).toBeHidden();
  await expect(stagePage.slider).toHaveAttribute('aria-valuenow', '50');
  await expect(stagePage.readout).toHaveText('50 % base · 50 % canary');
});
