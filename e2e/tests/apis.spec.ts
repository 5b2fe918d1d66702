import type { ApiList } from '@gateway-console/contract';
import { expect, signIn, test } from '../fixtures.ts';
import { ApisPage } from '../pages/ApisPage.ts';

test('the APIs table lists the seeded APIs', async ({ page }) => {
  await signIn(page, 'viewer');
  const seeded = (await (await page.context().request.get('/api/apis')).json()) as ApiList;
  expect(seeded.items.map((api) => api.name).sort()).toEqual(['Inventory', 'Payments', 'PetStore']);

  const apis = new ApisPage(page);
  await apis.goto();
  for (const api of seeded.items) {
    await expect(apis.link(api.name)).toBeVisible();
  }
  const payments = apis.row('Payments');
  await expect(payments).toContainText('Regional');
  await expect(payments).toContainText('every method needs an API key');
  await page.screenshot({ path: 'output/screenshots/apis.png', fullPage: true });
});

test('the Canary column marks each canary with the judge’s verdict: PetStore’s fails, Inventory’s is healthy', async ({
  page,
}) => {
  await signIn(page, 'viewer');
  const apis = new ApisPage(page);
  await apis.goto();
  // The demo's rollout load gives both canaries the judge's minimum sample in its window.
  const canaryOf = (name: string) => apis.row(name).getByRole('cell').nth(3);
  // (Other journeys add canary stages of their own to PetStore: prod's comes first.)
  await expect(canaryOf('PetStore')).toHaveText(/^prod 10 % Failing/, { timeout: 20_000 });
  await expect(canaryOf('Inventory')).toHaveText(/^prod 10 % Healthy/);
  await expect(canaryOf('Payments')).toHaveText('None');
});
