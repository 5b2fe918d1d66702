import { expect, signIn, test } from '../fixtures.ts';
import { ApiPage } from '../pages/ApiPage.ts';
import { ConsoleApi, uniqueStage } from '../pages/ConsoleApi.ts';

test('an operator creates a stage on an earlier deployment and sees it listed', async ({ page }) => {
  await signIn(page, 'operator');
  const api = new ConsoleApi(page.context().request);
  const apiId = await api.apiIdByName('PetStore');
  const [first] = await api.deployments(apiId);
  const apiPage = new ApiPage(page);
  await apiPage.goto(apiId);
  await expect(apiPage.heading('PetStore')).toBeVisible();
  await expect(page.getByText(/^Edge-optimized: /)).toBeVisible();
  await expect(page.getByText(/^Open: /)).toBeVisible();

  // The form checks the name the way the contract does before anything is sent.
  await apiPage.fillCreateStage({ name: 'has spaces' });
  await apiPage.submitCreateStage();
  await expect(apiPage.dialog.getByText('Use only letters, digits, "_" and "-"')).toBeVisible();

  const name = uniqueStage('qa');
  await apiPage.dialog.getByLabel('Stage name').fill(name);
  await apiPage.dialog.getByLabel('Deployment').selectOption(first!.id);
  await apiPage.dialog.getByLabel('Description').fill('QA sign-off');
  await apiPage.submitCreateStage();
  await expect(apiPage.dialog).toBeHidden();
  await expect(apiPage.stageRow(name)).toContainText(first!.id);
  await expect(apiPage.stageRow(name)).toContainText('QA sign-off');

  const created = await api.stage(apiId, name);
  expect(created).toMatchObject({ name, deploymentId: first!.id, description: 'QA sign-off', canary: null });

  await apiPage.stageLink(name).click();
  await expect(page.getByRole('heading', { level: 1, name })).toBeVisible();
});
