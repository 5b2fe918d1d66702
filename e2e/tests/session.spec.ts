import type { SessionInfo } from '@gateway-console/contract';
import { DEMO_PASSWORD, expect, test } from '../fixtures.ts';
import { SignInPage } from '../pages/SignInPage.ts';

// Signed out, the SPA learns it from a 401, and a wrong password is answered with one.
test.use({ expectedHttpErrors: [401] });

test('signing in shows who is signed in and their role; signing out returns to the sign-in page', async ({
  page,
}) => {
  // Signed out, any page sends the operator to sign in, and back there afterwards.
  await page.goto('/audit');
  await expect(page).toHaveURL(/\/sign-in\?next=%2Faudit/);

  const signInPage = new SignInPage(page);
  await signInPage.signIn('operator', 'not-the-password');
  await expect(page.getByRole('alert')).toContainText('Wrong username or password');

  await signInPage.signIn('operator', DEMO_PASSWORD);
  await expect(page).toHaveURL(/\/audit$/);
  await expect(page.getByRole('heading', { level: 1, name: 'Audit' })).toBeVisible();
  const banner = page.getByRole('banner');
  await expect(banner).toContainText('operator');
  const session = (await (await page.context().request.get('/api/session')).json()) as SessionInfo;
  expect(session).toEqual({ username: 'operator', role: 'operator' });

  await banner.getByRole('button', { name: 'Sign out', exact: true }).click();
  await expect(page).toHaveURL(/\/sign-in$/);
  expect((await page.context().request.get('/api/session')).status()).toBe(401);
});
