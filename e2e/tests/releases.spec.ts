import type { Page } from '@playwright/test';
import { expect, signIn, test } from '../fixtures.ts';
import { ApiPage } from '../pages/ApiPage.ts';
import { ConsoleApi, uniqueStage } from '../pages/ConsoleApi.ts';
import { StagePage } from '../pages/StagePage.ts';

const dir = process.env.SCREENSHOTS === 'docs' ? '../docs/screenshots' : 'output/screenshots';

/** The page as it is now, light and dark at 1280 px and light at 390 px (the dialog stays open). */
async function screenshots(page: Page, name: string) {
  for (const [scheme, width] of [
    ['light', 1280],
    ['dark', 1280],
    ['light', 390],
  ] as const) {
    await page.emulateMedia({ colorScheme: scheme });
    await page.setViewportSize({ width, height: 800 });
    await page.screenshot({ path: `${dir}/${name}-${scheme}-${width}.png` });
  }
  await page.emulateMedia({ colorScheme: 'light' });
  await page.setViewportSize({ width: 1280, height: 800 });
}

/**
 * API Gateway's control plane, as another team editing the API would use it (restJson1 on the emulator).
 * The demo enforces AWS's quotas (CreateRestApi: one per 3 s), so like any AWS client it waits out a 429.
 */
async function gatewayCall(page: Page, url: string, method: string, body?: unknown) {
  const send = () =>
    page.context().request.fetch(url, {
      method,
      headers: { 'Content-Type': 'application/json' },
      ...(body === undefined ? {} : { data: body }),
    });
  let response = await send();
  for (let attempt = 0; response.status() === 429 && attempt < 10; attempt++) {
    await page.waitForTimeout(Number(response.headers()['retry-after'] ?? '1') * 1000);
    response = await send();
  }
  expect(response.status(), await response.text()).toBeLessThan(300);
  return response.json() as Promise<Record<string, unknown>>;
}

/** A new API with a mock GET / deployed onto prod through the console; returns its id and that deployment. */
async function apiOnProd(page: Page, gateway: string) {
  const created = await gatewayCall(page, `${gateway}/restapis`, 'POST', { name: `Releases ${Date.now()}` });
  const apiId = String(created.id);
  const resources = (await gatewayCall(page, `${gateway}/restapis/${apiId}/resources`, 'GET')) as {
    item: { id: string }[];
  };
  const rootId = resources.item[0]!.id;
  await addMockMethod(page, gateway, apiId, rootId, 'GET');
  const first = await page.context().request.post(`/api/apis/${apiId}/deployments`, {
    headers: { 'X-Requested-With': 'gateway-console' },
    data: { description: 'first release', stageName: 'prod' },
  });
  expect(first.status(), await first.text()).toBe(201);
  return { apiId, rootId, firstId: String((await first.json()).id) };
}

async function addMockMethod(page: Page, gateway: string, apiId: string, resourceId: string, verb: string) {
  const method = `${gateway}/restapis/${apiId}/resources/${resourceId}/methods/${verb}`;
  await gatewayCall(page, method, 'PUT', { authorizationType: 'NONE' });
  await gatewayCall(page, `${method}/integration`, 'PUT', {
    type: 'MOCK',
    requestTemplates: { 'application/json': '{"statusCode": 200}' },
  });
}

test('drift banner after an API change → deploy → compare → switch back with the diff in the dialog', async ({
  page,
  app,
}) => {
  test.slow();
  await signIn(page, 'operator');
  const console = new ConsoleApi(page.context().request);
  const gateway = app.emulatorUrl;
  const { apiId, rootId, firstId } = await apiOnProd(page, gateway);

  // Another team adds a method to the API: prod does not run it yet.
  await addMockMethod(page, gateway, apiId, rootId, 'POST');
  const stagePage = new StagePage(page);
  await stagePage.goto(apiId, 'prod');
  const banner = page.getByRole('region', { name: 'Not deployed' });
  await expect(banner).toContainText('1 change not deployed to prod');
  await banner.getByText('What the API has that prod does not run').click();
  await expect(banner.getByRole('list', { name: 'Methods added' })).toContainText('POST /');
  await screenshots(page, 'drift');

  await banner.getByRole('button', { name: 'Deploy to prod' }).click();
  await expect(stagePage.dialog.getByRole('list', { name: 'Methods added' })).toContainText('POST /');
  await stagePage.dialog.getByLabel('Description').fill('adds POST /');
  await stagePage.confirm.click();
  await expect(stagePage.dialog).toBeHidden();
  await expect(banner).toBeHidden();
  const serving = (await console.stage(apiId, 'prod')).deploymentId;
  expect(serving).not.toBe(firstId);
  await expect(stagePage.deployments.getByRole('row').filter({ hasText: serving })).toContainText('Serving');

  // Compare the first release with what prod runs now.
  const firstRow = stagePage.deployments.getByRole('row').filter({ hasText: firstId });
  await firstRow.getByRole('button', { name: 'Compare' }).click();
  await expect(stagePage.dialog.getByRole('list', { name: 'Methods removed' })).toContainText('POST /');
  await page.screenshot({ path: `${dir}/compare.png` });
  await stagePage.dialog.getByRole('button', { name: 'Close' }).click();

  // Back to the first release, with what that takes away shown first; then the drift is back.
  await firstRow.getByRole('button', { name: 'Roll back to this deployment' }).click();
  await expect(stagePage.dialog.getByRole('list', { name: 'Methods removed' })).toContainText('POST /');
  await stagePage.confirm.click();
  await expect(stagePage.dialog).toBeHidden();
  expect((await console.stage(apiId, 'prod')).deploymentId).toBe(firstId);
  await expect(banner).toContainText('1 change not deployed to prod');
  // And forward again.
  await stagePage.deployments
    .getByRole('row')
    .filter({ hasText: serving })
    .getByRole('button', { name: 'Switch to this deployment' })
    .click();
  await expect(stagePage.dialog.getByRole('list', { name: 'Methods added' })).toContainText('POST /');
  await stagePage.confirm.click();
  await expect(banner).toBeHidden();
  expect((await console.stage(apiId, 'prod')).deploymentId).toBe(serving);

  // A canary of the first release: promoting it shows what the stage loses.
  await console.putCanary(apiId, 'prod', { percentTraffic: 10, deploymentId: firstId });
  await page.reload();
  await stagePage.promote.click();
  await expect(stagePage.dialog.getByRole('list', { name: 'Methods removed' })).toContainText('POST /');
  await page.screenshot({ path: `${dir}/promote-diff.png` });
  await stagePage.confirm.click();
  await expect(stagePage.dialog).toBeHidden();
  expect((await console.stage(apiId, 'prod')).deploymentId).toBe(firstId);
  await expect(banner).toContainText('1 change not deployed to prod');
});

test('editing a stage variable: add, change, remove, each saved against the stage as seen', async ({
  page,
}) => {
  await signIn(page, 'operator');
  const console = new ConsoleApi(page.context().request);
  const apiId = await console.apiIdByName('PetStore');
  const deployments = await console.deployments(apiId);
  const stage = uniqueStage('vars');
  await console.createStage(apiId, { name: stage, deploymentId: deployments[0]!.id });
  const stagePage = new StagePage(page);
  await stagePage.goto(apiId, stage);
  // Before a canary starts, what it would run is one click away.
  await stagePage.canary.getByText(`What the canary runs that ${stage} does not`).click();
  await expect(stagePage.canary.getByRole('region', { name: 'What changes' })).toContainText(
    /Methods|No differences/,
  );
  await expect(stagePage.canary.getByRole('alert')).toHaveCount(0);
  const form = page.getByRole('form', { name: 'Stage variables' });
  await form.getByRole('button', { name: 'Add variable' }).click();
  await form.getByLabel('Variable 1 name').fill('bad name');
  await expect(form.getByRole('button', { name: 'Save variables' })).toBeDisabled();
  await form.getByLabel('Variable 1 name').fill('upstream');
  await form.getByLabel('Variable 1 value').fill('https://v1.example');
  await form.getByRole('button', { name: 'Save variables' }).click();
  await expect
    .poll(async () => (await console.stage(apiId, stage)).variables)
    .toEqual({ upstream: 'https://v1.example' });
  await form.getByLabel('Variable 1 value').fill('https://v2.example');
  await form.getByRole('button', { name: 'Save variables' }).click();
  await expect
    .poll(async () => (await console.stage(apiId, stage)).variables)
    .toEqual({ upstream: 'https://v2.example' });
  await page.screenshot({ path: `${dir}/variables.png`, fullPage: true });
  await form.getByRole('button', { name: 'Remove upstream' }).click();
  await form.getByRole('button', { name: 'Save variables' }).click();
  await expect.poll(async () => (await console.stage(apiId, stage)).variables).toEqual({});
  await expect(form).toContainText('No stage variables.');
});

test('deploy as a canary → change its settings → compare → promote with the diff in the dialog', async ({
  page,
  app,
}) => {
  test.slow();
  await signIn(page, 'operator');
  const console = new ConsoleApi(page.context().request);
  const { apiId, rootId, firstId } = await apiOnProd(page, app.emulatorUrl);
  await addMockMethod(page, app.emulatorUrl, apiId, rootId, 'POST');
  const stagePage = new StagePage(page);
  await stagePage.goto(apiId, 'prod');

  await page.getByRole('button', { name: 'Deploy', exact: true }).click();
  const dialog = page.getByRole('dialog', { name: 'Deploy the API' });
  await dialog.getByLabel('As the canary of prod').check();
  await dialog.getByLabel('Canary traffic (%)').fill('20');
  await expect(dialog.getByRole('list', { name: 'Methods added' })).toContainText('POST /');
  await dialog.getByRole('button', { name: 'Confirm' }).click();
  // The description is required before anything is sent.
  await expect(dialog).toContainText('A deployment needs a description');
  await dialog.getByLabel('Description').fill('adds POST /');
  await screenshots(page, 'deploy-dialog');
  await dialog.getByRole('button', { name: 'Confirm' }).click();
  await expect(dialog).toBeHidden();
  const started = await console.stage(apiId, 'prod');
  expect(started.deploymentId).toBe(firstId);
  expect(started.canary).toMatchObject({ percentTraffic: 20, useStageCache: false });
  const builtId = started.canary!.deploymentId;
  expect(builtId).not.toBe(firstId);
  await expect(stagePage.slider).toHaveAttribute('aria-valuenow', '20');

  // The running canary's overrides and cache use, saved against the stage as seen.
  await stagePage.canary.getByText('Change canary settings').click();
  const settings = page.getByRole('form', { name: 'Canary settings' });
  await settings.getByRole('button', { name: 'Add override' }).click();
  await settings.getByLabel('Override 1 name').fill('flag');
  await settings.getByLabel('Override 1 value').fill('on off');
  await expect(settings).toContainText('no spaces');
  await expect(settings.getByRole('button', { name: 'Save canary settings' })).toBeDisabled();
  await settings.getByLabel('Override 1 value').fill('on');
  await settings.getByLabel('Canary uses the stage cache').check();
  await page.screenshot({ path: `${dir}/canary-settings.png` });
  await settings.getByRole('button', { name: 'Save canary settings' }).click();
  await expect
    .poll(async () => (await console.stage(apiId, 'prod')).canary)
    .toEqual({
      deploymentId: builtId,
      percentTraffic: 20,
      stageVariableOverrides: { flag: 'on' },
      useStageCache: true,
    });

  // Another build of the same definition becomes the canary's deployment, with the difference shown first.
  const rebuilt = await page.context().request.post(`/api/apis/${apiId}/deployments`, {
    headers: { 'X-Requested-With': 'gateway-console' },
    data: { description: 'rebuild' },
  });
  expect(rebuilt.status(), await rebuilt.text()).toBe(201);
  const canaryId = String((await rebuilt.json()).id);
  await page.reload();
  await stagePage.canary.getByText('Change canary settings').click();
  await settings.getByLabel('Canary deployment').selectOption(canaryId);
  await settings.getByRole('button', { name: 'Save canary settings' }).click();
  const moving = page.getByRole('dialog', { name: `Run the canary of prod on ${canaryId}?` });
  await expect(moving.getByRole('region', { name: 'What changes' })).toContainText('No differences');
  await moving.getByRole('button', { name: 'Confirm' }).click();
  await expect(moving).toBeHidden();
  await expect
    .poll(async () => (await console.stage(apiId, 'prod')).canary)
    .toMatchObject({ deploymentId: canaryId, stageVariableOverrides: { flag: 'on' } });

  // Compare what the canary runs with what prod runs.
  const canaryRow = stagePage.deployments.getByRole('row').filter({ hasText: canaryId });
  await canaryRow.getByRole('button', { name: 'Compare' }).click();
  await expect(stagePage.dialog.getByRole('list', { name: 'Methods added' })).toContainText('POST /');
  await stagePage.dialog.getByRole('button', { name: 'Close' }).click();

  await stagePage.promote.click();
  await expect(stagePage.dialog.getByRole('list', { name: 'Methods added' })).toContainText('POST /');
  await expect(stagePage.dialog).toContainText('flag');
  await stagePage.confirm.click();
  await expect(stagePage.dialog).toBeHidden();
  await expect.poll(async () => (await console.stage(apiId, 'prod')).deploymentId).toBe(canaryId);
  expect((await console.stage(apiId, 'prod')).variables).toEqual({ flag: 'on' });
  await expect(page.getByRole('region', { name: 'Not deployed' })).toBeHidden();
});

test('deploy from the API page: on its own, then onto a stage', async ({ page, app }) => {
  await signIn(page, 'operator');
  const console = new ConsoleApi(page.context().request);
  const { apiId, rootId, firstId } = await apiOnProd(page, app.emulatorUrl);
  await addMockMethod(page, app.emulatorUrl, apiId, rootId, 'PUT');
  const apiPage = new ApiPage(page);
  await apiPage.goto(apiId);
  await expect(apiPage.stageLink('prod')).toBeVisible();
  const dialog = page.getByRole('dialog', { name: 'Deploy the API' });

  await page.getByRole('button', { name: 'Deploy', exact: true }).click();
  await dialog.getByLabel('On its own: no stage changes').check();
  await expect(dialog.getByRole('region', { name: 'What changes' })).toHaveCount(0);
  await dialog.getByLabel('Description').fill('spare build');
  await dialog.getByRole('button', { name: 'Confirm' }).click();
  await expect(dialog).toBeHidden();
  const deployments = await console.deployments(apiId);
  // Created within the same second, so compared as a set (AWS dates have one-second resolution).
  expect(deployments.map((d) => d.description).sort()).toEqual(['first release', 'spare build']);
  expect((await console.stage(apiId, 'prod')).deploymentId).toBe(firstId);

  await page.getByRole('button', { name: 'Deploy', exact: true }).click();
  await expect(dialog.getByLabel(/^Onto prod/)).toBeChecked();
  await expect(dialog.getByRole('list', { name: 'Methods added' })).toContainText('PUT /');
  await dialog.getByLabel('Description').fill('adds PUT /');
  await dialog.getByRole('button', { name: 'Confirm' }).click();
  await expect(dialog).toBeHidden();
  const serving = await console.stage(apiId, 'prod');
  expect(serving.deploymentId).not.toBe(firstId);
  const added = (await console.deployments(apiId)).find((d) => d.description === 'adds PUT /');
  expect(added?.id).toBe(serving.deploymentId);
  await expect(apiPage.stageRow('prod')).toContainText(serving.deploymentId);
});

test.describe('stage description', () => {
  // The stale save is refused with 412 on purpose.
  test.use({ expectedHttpErrors: [412] });

  test('the stage description is edited in place; a stale view opens the stale-stage dialog', async ({
    page,
  }) => {
    await signIn(page, 'operator');
    const console = new ConsoleApi(page.context().request);
    const apiId = await console.apiIdByName('PetStore');
    const stage = uniqueStage('desc');
    await console.createStage(apiId, {
      name: stage,
      deploymentId: (await console.deployments(apiId))[0]!.id,
    });
    const stagePage = new StagePage(page);
    await stagePage.goto(apiId, stage);
    await page.getByRole('button', { name: 'Edit description' }).click();
    const form = page.getByRole('form', { name: 'Stage description' });
    await form.getByLabel('Description').fill('blue-green trial');
    await form.getByRole('button', { name: 'Save description' }).click();
    await expect(form).toBeHidden();
    await expect(page.locator('.page-header')).toContainText('blue-green trial');
    expect((await console.stage(apiId, stage)).description).toBe('blue-green trial');

    // Someone else changes the stage; saving over it is refused and the operator is told.
    await console.putCanary(apiId, stage, {
      percentTraffic: 5,
      deploymentId: (await console.deployments(apiId)).at(-1)!.id,
    });
    await page.getByRole('button', { name: 'Edit description' }).click();
    await form.getByLabel('Description').fill('mine');
    await form.getByRole('button', { name: 'Save description' }).click();
    await expect(page.getByRole('dialog', { name: 'This stage changed since you loaded it' })).toBeVisible();
    expect((await console.stage(apiId, stage)).description).toBe('blue-green trial');
  });
});

test('an admin creates a stage with variables and cache, then deletes it typing its name', async ({
  page,
}) => {
  test.slow();
  await signIn(page, 'admin');
  const console = new ConsoleApi(page.context().request);
  const apiId = await console.apiIdByName('PetStore');
  const stage = uniqueStage('gone');
  const apiPage = new ApiPage(page);
  await apiPage.goto(apiId);
  await apiPage.fillCreateStage({ name: stage, description: 'short-lived' });
  await apiPage.dialog.getByText('Stage variables and cache (optional)').click();
  await apiPage.dialog.getByRole('button', { name: 'Add variable' }).click();
  await apiPage.dialog.getByLabel('Variable 1 name').fill('upstream');
  await apiPage.dialog.getByLabel('Variable 1 value').fill('https://v1.example/pets?x=1 ');
  await expect(apiPage.dialog).toContainText('no spaces');
  await apiPage.dialog.getByLabel('Variable 1 value').fill('https://v1.example/pets?x=1');
  await apiPage.dialog.getByLabel('Provision a stage cache').check();
  await apiPage.dialog.getByLabel('Cache size').selectOption('1.6');
  await screenshots(page, 'create-stage-dialog');
  await apiPage.submitCreateStage();
  await expect(apiPage.dialog).toBeHidden();
  expect(await console.stage(apiId, stage)).toMatchObject({
    description: 'short-lived',
    variables: { upstream: 'https://v1.example/pets?x=1' },
    cacheClusterEnabled: true,
    cacheClusterSize: '1.6',
  });
  await console.putCanary(apiId, stage, {
    percentTraffic: 5,
    deploymentId: (await console.deployments(apiId)).at(-1)!.id,
  });

  await apiPage.stageLink(stage).click();
  await page.getByRole('button', { name: 'Delete stage' }).click();
  const dialog = page.getByRole('dialog', { name: `Delete stage ${stage}?` });
  await expect(dialog).toContainText('A canary is running on this stage');
  const confirm = dialog.getByRole('button', { name: 'Delete stage' });
  await expect(confirm).toBeDisabled();
  await dialog.getByLabel('Type the stage name to confirm').fill(stage.slice(0, -1));
  await expect(confirm).toBeDisabled();
  await dialog.getByLabel('Type the stage name to confirm').fill(stage);
  await screenshots(page, 'delete-stage-dialog');
  await confirm.click();
  await expect(page).toHaveURL(new RegExp(`/apis/${apiId}$`));
  await expect(page.getByRole('status').filter({ hasText: `Stage ${stage} deleted.` })).toBeVisible();
  await expect(apiPage.stageLink(stage)).toHaveCount(0);
  const gone = await page.context().request.get(`/api/apis/${apiId}/stages/${stage}`);
  expect(gone.status()).toBe(404);
  const audit = await console.audit({ apiId, stage });
  expect(audit.items.find((e) => e.action === 'stage.delete')).toMatchObject({
    actor: 'admin',
    outcome: 'success',
  });
});

test('deleting a stage is for admins: an operator sees why not', async ({ page }) => {
  await signIn(page, 'operator');
  const console = new ConsoleApi(page.context().request);
  const apiId = await console.apiIdByName('PetStore');
  await new StagePage(page).goto(apiId, 'dev');
  await expect(page.getByRole('button', { name: 'Delete stage' })).toBeDisabled();
  await expect(page.locator('#delete-stage-reason')).toHaveText('requires admin role');
});
