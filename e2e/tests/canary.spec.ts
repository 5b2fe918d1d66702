import { expect, signIn, test } from '../fixtures.ts';
import { ConsoleApi, uniqueStage } from '../pages/ConsoleApi.ts';
import { StagePage } from '../pages/StagePage.ts';

test('dragging the slider from 10 % to 35 % applies on release and persists', async ({ page }) => {
  await signIn(page, 'operator');
  const stagePage = new StagePage(page);
  const { api, stage, apiId } = await stagePage.openOwnCanaryStage('drag');
  await expect(stagePage.heading(stage)).toBeVisible();
  await expect(stagePage.readout).toHaveText('90 % base · 10 % canary');

  await stagePage.dragSlider(10, 35);
  await expect(stagePage.slider).toHaveAttribute('aria-valuenow', '35');
  await expect(stagePage.readout).toHaveText('65 % base · 35 % canary');
  await expect(stagePage.applyState).toContainText('applied');
  expect((await api.stage(apiId, stage)).canary?.percentTraffic).toBe(35);

  await page.reload();
  await expect(stagePage.slider).toHaveAttribute('aria-valuenow', '35');
});

test('drag after drag, each one applies: none turns into selecting or dragging page text', async ({
  page,
}) => {
  await signIn(page, 'operator');
  const stagePage = new StagePage(page);
  const { api, stage, apiId } = await stagePage.openOwnCanaryStage('drags');

  let at = 10;
  for (const to of [35, 60, 10, 35, 60, 10]) {
    await stagePage.dragSlider(at, to);
    await expect(stagePage.applyState).toContainText(`${to} % canary traffic applied`);
    at = to;
  }
  expect(await page.evaluate(() => document.getSelection()?.toString() ?? '')).toBe('');
  expect((await api.stage(apiId, stage)).canary?.percentTraffic).toBe(10);
});

test('the slider is set by keyboard and applies once the keys stop', async ({ page }) => {
  await signIn(page, 'operator');
  const stagePage = new StagePage(page);
  const { api, stage, apiId } = await stagePage.openOwnCanaryStage('keys');

  await stagePage.slider.focus();
  await page.keyboard.press('PageUp');
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('ArrowRight');
  await expect(stagePage.slider).toHaveAttribute('aria-valuenow', '22');
  await expect(stagePage.applyState).toContainText('22 % canary traffic applied');
  await expect.poll(async () => (await api.stage(apiId, stage)).canary?.percentTraffic).toBe(22);

  // All or nothing asks first (see slider.spec.ts).
  await page.keyboard.press('End');
  await stagePage.confirm.click();
  await expect(stagePage.applyState).toContainText('100 % canary traffic applied');
  await stagePage.slider.focus();
  await page.keyboard.press('Home');
  await stagePage.confirm.click();
  await expect(stagePage.applyState).toContainText('0 % canary traffic applied');
  await expect.poll(async () => (await api.stage(apiId, stage)).canary?.percentTraffic).toBe(0);

  // The numeric field takes fractions the slider's steps cannot.
  const precise = page.getByRole('spinbutton', { name: 'Canary traffic, precise percent' });
  await precise.fill('12.5');
  await precise.press('Enter');
  await expect(stagePage.slider).toHaveAttribute('aria-valuenow', '12.5');
  await expect(stagePage.applyState).toContainText('12.5 % canary traffic applied');
  await expect.poll(async () => (await api.stage(apiId, stage)).canary?.percentTraffic).toBe(12.5);
});

test('promoting moves the stage to the canary deployment; a new canary can be started and rolled back', async ({
  page,
}) => {
  await signIn(page, 'operator');
  const api = new ConsoleApi(page.context().request);
  const stage = uniqueStage('promote');
  const { apiId, base, canary } = await api.stageWithCanary('PetStore', stage, 10);
  const stagePage = new StagePage(page);
  await stagePage.goto(apiId, stage);

  await stagePage.promote.click();
  await expect(stagePage.dialog).toContainText(`${base.id}`);
  await expect(stagePage.dialog).toContainText(`${canary.id}`);
  await expect(stagePage.dialog).toContainText('Stage variable version');
  await stagePage.confirm.click();
  await expect(stagePage.dialog).toBeHidden();
  await expect(stagePage.slider).toHaveCount(0);
  await expect(stagePage.canary).toContainText('No canary on this stage');
  const promoted = await api.stage(apiId, stage);
  expect(promoted.canary).toBeNull();
  expect(promoted.deploymentId).toBe(canary.id);
  expect(promoted.variables.version).toBe('v2');

  // Start a canary again, this time on the older deployment, then roll it back.
  await stagePage.canary.getByLabel('Canary deployment').selectOption(base.id);
  await stagePage.canary.getByLabel('Initial traffic (%)').fill('20');
  await stagePage.canary.getByRole('button', { name: 'Start canary' }).click();
  await expect(stagePage.slider).toHaveAttribute('aria-valuenow', '20');
  const started = await api.stage(apiId, stage);
  expect(started.canary).toMatchObject({ deploymentId: base.id, percentTraffic: 20 });

  await stagePage.rollBackCanary.click();
  await expect(stagePage.dialog).toContainText('is removed');
  await stagePage.confirm.click();
  await expect(stagePage.slider).toHaveCount(0);
  const rolledBack = await api.stage(apiId, stage);
  expect(rolledBack.canary).toBeNull();
  expect(rolledBack.deploymentId).toBe(canary.id);
});
