import type { Page } from '@playwright/test';
import { expect, signIn, test } from '../fixtures.ts';
import { ConsoleApi, uniqueStage } from '../pages/ConsoleApi.ts';
import { StagePage } from '../pages/StagePage.ts';

/** API Gateway's control plane, as another team editing the API would use it (restJson1 on the emulator). */
async function gatewayCall(page: Page, url: string, method: string, body?: unknown) {
  const response = await page.context().request.fetch(url, {
    method,
    headers: { 'Content-Type': 'application/json' },
    ...(body === undefined ? {} : { data: body }),
  });
  expect(response.status(), await response.text()).toBeLessThan(300);
  return response.json() as Promise<Record<string, unknown>>;
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
  const firstId = String((await first.json()).id);

  // Another team adds a method to the API: prod does not run it yet.
  await addMockMethod(page, gateway, apiId, rootId, 'POST');
  const stagePage = new StagePage(page);
  await stagePage.goto(apiId, 'prod');
  const banner = page.getByRole('region', { name: 'Not deployed' });
  await expect(banner).toContainText('1 change not deployed to prod');
  await banner.getByText('What the API has that prod does not run').click();
  await expect(banner.getByRole('list', { name: 'Methods added' })).toContainText('POST /');
  for (const [scheme, width] of [
    ['light', 1280],
    ['dark', 1280],
    ['light', 390],
  ] as const) {
    await page.emulateMedia({ colorScheme: scheme });
    await page.setViewportSize({ width, height: 800 });
    await page.screenshot({ path: `output/screenshots/drift-${scheme}-${width}.png`, fullPage: false });
  }
  await page.emulateMedia({ colorScheme: 'light' });
  await page.setViewportSize({ width: 1280, height: 800 });

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
  await page.screenshot({ path: 'output/screenshots/compare.png' });
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
  await page.screenshot({ path: 'output/screenshots/promote-diff.png' });
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
  await page.screenshot({ path: 'output/screenshots/variables.png', fullPage: true });
  await form.getByRole('button', { name: 'Remove upstream' }).click();
  await form.getByRole('button', { name: 'Save variables' }).click();
  await expect.poll(async () => (await console.stage(apiId, stage)).variables).toEqual({});
  await expect(form).toContainText('No stage variables.');
});
