import { expect, signIn, test } from '../fixtures.ts';
import { AuditPage } from '../pages/AuditPage.ts';
import { SignInPage } from '../pages/SignInPage.ts';
import { StagePage } from '../pages/StagePage.ts';
import { ChangePasswordPage, UsersPage } from '../pages/UsersPage.ts';

// `SCREENSHOTS=docs pnpm test:e2e` refreshes the README's pictures; otherwise they land in e2e/output.
const dir = process.env.SCREENSHOTS === 'docs' ? '../docs/screenshots' : 'output/screenshots';

// Signing out and in again asks "who am I" while nobody is signed in (401); a wrong current password is 400.
test.use({ expectedHttpErrors: [400, 401] });

test('an admin adds a person, who signs in with the temporary password, must change it, moves a canary, and the audit log names them', async ({
  page,
}) => {
  const person = `dana-${Date.now().toString(36)}`;
  await signIn(page, 'admin');
  await page.goto('/');
  const users = new UsersPage(page);
  await users.navLink.click();
  await expect(users.table).toBeVisible();
  await expect(users.row('operator')).toContainText('password');

  const temporary = await users.addUserWithRole(person, 'operator');
  expect(temporary).toMatch(/^[\w-]{24}$/);
  await expect(users.dialog).toContainText('shown only once');
  await users.done.click();
  await expect(users.row(person)).toContainText('temporary password');
  await page.getByRole('button', { name: 'Sign out', exact: true }).click();

  const signInPage = new SignInPage(page);
  await signInPage.signIn(person, temporary);
  const changePassword = new ChangePasswordPage(page);
  await expect(changePassword.heading).toBeVisible();
  await expect(page).toHaveURL(/\/change-password$/);
  // Anything else still sends them back here until the password is theirs.
  await page.goto('/audit');
  await expect(changePassword.heading).toBeVisible();
  await changePassword.change('wrong temporary password', 'dana picks a long passphrase');
  await expect(page.getByRole('alert')).toContainText('Current password is wrong');
  await changePassword.change(temporary, 'dana picks a long passphrase');
  await expect(page.getByRole('link', { name: 'PetStore' })).toBeVisible();
  // No Users page for an operator.
  await expect(users.navLink).toBeHidden();

  const stagePage = new StagePage(page);
  const { api, stage, apiId } = await stagePage.openOwnCanaryStage('people');
  await stagePage.slider.focus();
  await page.keyboard.press('PageUp');
  await expect(stagePage.applyState).toContainText('20 % canary traffic applied');
  expect((await api.stage(apiId, stage)).canary?.percentTraffic).toBe(20);

  const audit = new AuditPage(page);
  await audit.goto();
  await audit.actor.fill(person);
  const canaryRow = audit.table.getByRole('row').filter({ hasText: 'canary' }).filter({ hasText: stage });
  await expect(canaryRow.first()).toContainText(person);
  expect(new Set(await audit.actors())).toEqual(new Set([person]));
});

test('screenshots of the Users page: light, dark and 390 px wide', async ({ page }) => {
  await signIn(page, 'admin');
  const users = new UsersPage(page);
  for (const scheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: scheme });
    await users.goto();
    await expect(users.row('viewer')).toBeVisible();
    await page.screenshot({ path: `${dir}/users-${scheme}.png` });
  }
  await page.emulateMedia({ colorScheme: 'light' });
  await page.setViewportSize({ width: 390, height: 844 });
  await users.goto();
  await expect(users.row('viewer')).toBeVisible();
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  await page.screenshot({ path: `${dir}/users-390.png`, fullPage: true });
  await users.addUser.click();
  await users.username.fill('screenshot-person');
  await users.add.click();
  await expect(users.temporaryPassword).toBeVisible();
  await page.screenshot({ path: `${dir}/users-temporary-password-390.png` });
});
