import type { AuditPage as AuditList } from '@gateway-console/contract';
import { expect, signIn, test } from '../fixtures.ts';
import { AuditPage } from '../pages/AuditPage.ts';

test('the audit page lists the latest actions and filters them by actor', async ({ page }) => {
  await signIn(page, 'viewer');
  await signIn(page, 'operator');
  const byOperator = (await (
    await page.context().request.get('/api/audit?actor=operator')
  ).json()) as AuditList;
  expect(byOperator.items.length).toBeGreaterThan(0);

  const audit = new AuditPage(page);
  await audit.goto();
  await expect(audit.table.getByRole('row', { name: /viewer/ }).first()).toBeVisible();
  await expect(audit.table.getByRole('row', { name: /operator/ }).first()).toBeVisible();

  await audit.actor.fill('operator');
  await expect(page).toHaveURL(/actor=operator/);
  await expect.poll(() => audit.actors()).toEqual(byOperator.items.map(() => 'operator'));
});
