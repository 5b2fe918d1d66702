import { createServer } from 'node:net';
import Provider from 'oidc-provider';
import { expect, type RunningApp, startApp, test } from '../fixtures.ts';

// A company's OpenID provider (oidc-provider, with its development login and consent pages) and a
// `pnpm serve` console signing people in through it, password sign-in off.
const freePort = () =>
  new Promise<number>((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });

test.describe('company sign-in', () => {
  let console_: { app: RunningApp; stop: () => Promise<void> };
  let closeProvider: () => void;

  test.beforeAll(async ({ app }) => {
    const [providerPort, consolePort] = [await freePort(), await freePort()];
    const issuer = `http://127.0.0.1:${providerPort}`;
    const callback = `http://127.0.0.1:${consolePort}/api/session/oidc/callback`;
    const provider = new Provider(issuer, {
      clients: [
        {
          client_id: 'gateway-console',
          client_secret: 'an e2e client secret',
          redirect_uris: [callback],
          grant_types: ['authorization_code'],
          response_types: ['code'],
        },
      ],
      claims: { openid: ['sub'], profile: ['preferred_username', 'groups'] },
      conformIdTokenClaims: false,
      findAccount: (_ctx, sub) => ({
        accountId: sub,
        claims: () => ({ sub, preferred_username: sub, groups: sub === 'grace' ? ['sre'] : [] }),
      }),
    });
    const server = provider.listen(providerPort, '127.0.0.1');
    closeProvider = () => server.close();
    console_ = await startApp({
      serve: true,
      env: {
        PORT: String(consolePort),
        AWS_ENDPOINT_URL: app.emulatorUrl,
        AWS_REGION: 'us-east-1',
        AWS_ACCESS_KEY_ID: 'test',
        AWS_SECRET_ACCESS_KEY: 'test',
        CONSOLE_OIDC_ISSUER: issuer,
        CONSOLE_OIDC_CLIENT_ID: 'gateway-console',
        CONSOLE_OIDC_CLIENT_SECRET: 'an e2e client secret',
        CONSOLE_OIDC_REDIRECT_URL: callback,
        CONSOLE_OIDC_OPERATOR_GROUPS: 'sre',
        CONSOLE_PASSWORD_SIGN_IN: 'false',
      },
    });
  });
  test.afterAll(async () => {
    await console_.stop();
    closeProvider();
  });

  test('signing in through the provider lands with the role the groups map to', async ({ page }) => {
    // The provider's development pages import a web font; offline, an empty style sheet stands in.
    await page.route('https://fonts.googleapis.com/**', (route) =>
      route.fulfill({ status: 200, contentType: 'text/css', body: '' }),
    );
    await page.goto(`${console_.app.url}/sign-in`);
    await expect(page.getByLabel('Password')).toBeHidden();
    await page.getByRole('link', { name: 'Sign in with company account' }).click();
    await page.getByPlaceholder('Enter any login').fill('grace');
    await page.getByPlaceholder('and password').fill('any');
    await page.getByRole('button', { name: 'Sign-in' }).click();
    await page.getByRole('button', { name: 'Continue' }).click();
    await expect(page.getByRole('link', { name: 'PetStore' })).toBeVisible();
    const banner = page.getByRole('banner');
    await expect(banner).toContainText('grace');
    await expect(banner.locator('.badge.role-operator')).toHaveText('operator');
  });
});
