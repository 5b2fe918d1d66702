import type { ApiList } from '@gateway-console/contract';
import { expect, signIn, test } from '../fixtures.ts';
import { ApisPage } from '../pages/ApisPage.ts';

test('an operator finds an API by search, filters by endpoint type and sorts the columns', async ({
  page,
}) => {
  await signIn(page, 'viewer');
  const all = (await (await page.context().request.get('/api/apis')).json()) as ApiList;
  const apis = new ApisPage(page);
  await apis.goto();
  await expect(apis.link('PetStore')).toBeVisible();

  await apis.search.fill('pay');
  const matching = all.items.filter((a) => `${a.name} ${a.description}`.toLowerCase().includes('pay'));
  await expect.poll(() => apis.names()).toEqual(matching.map((a) => a.name).sort());
  expect(matching.map((a) => a.name)).toContain('Payments');

  await apis.search.fill('');
  await apis.endpointType.selectOption({ label: 'Private' });
  const privateApis = all.items.filter((a) => a.endpointType === 'PRIVATE').map((a) => a.name);
  await expect.poll(() => apis.names()).toEqual(privateApis.sort());

  await apis.endpointType.selectOption({ label: 'All' });
  await apis.search.fill('zzz-no-such-api');
  await expect(apis.table).toContainText('No API matches this search.');
  await apis.search.fill('');

  // Sorting by creation date, newest first, matches the dates the BFF reports.
  await apis.sortBy('Created');
  await apis.sortBy('Created');
  const newestFirst = [...all.items]
    .sort((a, b) => b.createdDate.localeCompare(a.createdDate))
    .map((a) => a.name);
  await expect.poll(() => apis.names()).toEqual(newestFirst);
  await expect(apis.table.getByRole('columnheader', { name: /Created/ })).toHaveAttribute(
    'aria-sort',
    'descending',
  );

  await apis.link('Payments').click();
  await expect(page.getByRole('heading', { level: 1, name: 'Payments' })).toBeVisible();
});
