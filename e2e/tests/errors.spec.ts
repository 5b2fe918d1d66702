import { emulatorTestKit } from '@gateway-console/emulator/testkit';
import { expect, signIn, test } from '../fixtures.ts';
import { ApiPage } from '../pages/ApiPage.ts';
import { ConsoleApi } from '../pages/ConsoleApi.ts';
import { StagePage } from '../pages/StagePage.ts';

// AWS's 503 from the injected fault, and the 409 of a duplicate stage, are what these tests provoke.
test.use({ expectedHttpErrors: [409, 503] });

test('when AWS fails a change, the slider goes back and an alert shows the problem', async ({
  page,
  app,
}) => {
  await signIn(page, 'operator');
  const stagePage = new StagePage(page);
  const { api, stage, apiId } = await stagePage.openOwnCanaryStage('fault');

  // The emulator fails UpdateStage as AWS does when it is overloaded (often enough to outlast SDK retries).
  const emulator = emulatorTestKit(app.emulatorUrl);
  await emulator.injectFault({ operation: 'UpdateStage', error: 'ServiceUnavailableException', count: 10 });

  await stagePage.dragSlider(10, 40);
  const alert = stagePage.canary.getByRole('alert');
  await expect(alert).toBeVisible();
  await expect(alert).toContainText(/Request id \S+/);
  await expect(stagePage.slider).toHaveAttribute('aria-valuenow', '10');
  await expect(stagePage.applyState).toContainText('Not applied');
  await emulator.clearFaults();
  expect((await api.stage(apiId, stage)).canary?.percentTraffic).toBe(10);
});

test('a stage name that already exists is refused by the server and the problem is shown in the dialog', async ({
  page,
}) => {
  await signIn(page, 'operator');
  const api = new ConsoleApi(page.context().request);
  const apiId = await api.apiIdByName('PetStore');
  const before = await api.stage(apiId, 'prod');
  const apiPage = new ApiPage(page);
  await apiPage.goto(apiId);
  await apiPage.fillCreateStage({ name: 'prod' });
  await apiPage.submitCreateStage();
  const alert = apiPage.dialog.getByRole('alert');
  await expect(alert).toBeVisible();
  await expect(alert).toContainText(/Request id \S+/);
  expect((await api.stage(apiId, 'prod')).etag).toBe(before.etag);
});
