import { expect, signIn, test } from '../fixtures.ts';
import { ConsoleApi, uniqueStage } from '../pages/ConsoleApi.ts';
import { StagePage } from '../pages/StagePage.ts';

test('rolling a stage back points it at an earlier deployment', async ({ page }) => {
  await signIn(page, 'operator');
  const api = new ConsoleApi(page.context().request);
  const apiId = await api.apiIdByName('PetStore');
  const deployments = await api.deployments(apiId);
  const earlier = deployments[0]!;
  const latest = deployments.at(-1)!;
  const stage = uniqueStage('rollback');
  await api.createStage(apiId, { name: stage, deploymentId: latest.id });

  const stagePage = new StagePage(page);
  await stagePage.goto(apiId, stage);
  // Only deployments older than the one the stage serves offer a roll back.
  await expect(stagePage.rollBackTo(latest.id)).toHaveCount(0);
  await stagePage.rollBackTo(earlier.id).click();
  await expect(stagePage.dialog).toContainText(`${latest.id}`);
  await expect(stagePage.dialog).toContainText(`${earlier.id}`);
  await stagePage.confirm.click();
  await expect(stagePage.dialog).toBeHidden();
  await expect(stagePage.deployments.getByRole('row').filter({ hasText: earlier.id })).toContainText(
    'Serving',
  );

  expect((await api.stage(apiId, stage)).deploymentId).toBe(earlier.id);
});
