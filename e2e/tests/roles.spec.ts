import { expect, signIn, test } from '../fixtures.ts';
import { ApiPage } from '../pages/ApiPage.ts';
import { ConsoleApi } from '../pages/ConsoleApi.ts';
import { StagePage } from '../pages/StagePage.ts';

test('a viewer sees every control disabled with the reason, and the BFF refuses their changes', async ({
  page,
}) => {
  await signIn(page, 'viewer');
  const api = new ConsoleApi(page.context().request);
  const apiId = await api.apiIdByName('PetStore');
  const prod = await api.stage(apiId, 'prod');
  expect(prod.canary).not.toBeNull();

  const apiPage = new ApiPage(page);
  await apiPage.goto(apiId);
  await expect(apiPage.createStageButton).toBeDisabled();
  await expect(page.getByRole('button', { name: 'Deploy', exact: true })).toBeDisabled();
  // One reason beside each of the two.
  await expect(page.getByText('requires operator role')).toHaveCount(2);

  const stagePage = new StagePage(page);
  await stagePage.goto(apiId, 'prod');
  await expect(stagePage.slider).toHaveAttribute('aria-disabled', 'true');
  await expect(stagePage.promote).toBeDisabled();
  await expect(stagePage.rollBackCanary).toBeDisabled();
  await expect(stagePage.canary.getByText('requires operator role').first()).toBeVisible();

  // Dragging does nothing for a viewer.
  const percent = prod.canary!.percentTraffic;
  await stagePage.dragSlider(percent, percent + 30);
  await expect(stagePage.slider).toHaveAttribute('aria-valuenow', String(percent));

  const refused = await page.context().request.put(`/api/apis/${apiId}/stages/prod/canary`, {
    data: { percentTraffic: 50 },
    headers: { 'X-Requested-With': 'gateway-console', 'If-Match': prod.etag },
  });
  expect(refused.status()).toBe(403);
  expect((await api.stage(apiId, 'prod')).canary?.percentTraffic).toBe(percent);
});
