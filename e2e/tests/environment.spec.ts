import { DEMO_PASSWORD, expect, type RunningApp, signIn, startApp, test } from '../fixtures.ts';

// `SCREENSHOTS=docs pnpm test:e2e` refreshes the README's pictures; otherwise they land in e2e/output.
const dir = process.env.SCREENSHOTS === 'docs' ? '../docs/screenshots' : 'output/screenshots';

test('every page says where the console points: the demo says Demo, with the account and region', async ({
  page,
}) => {
  await signIn(page, 'viewer');
  for (const path of ['/audit', '/']) {
    await page.goto(path);
    const environment = page.getByRole('region', { name: 'Environment' });
    await expect(environment).toContainText('Demo');
    await expect(environment).toContainText('account 000000000000 in us-east-1');
  }
  await expect(page.getByText(/^REST APIs in account 000000000000 in us-east-1( \(\d+\))?\.$/)).toBeVisible();
  for (const scheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: scheme });
    await page.goto('/');
    await expect(page.getByRole('link', { name: 'PetStore' })).toBeVisible();
    await page.screenshot({ path: `${dir}/environment-demo-${scheme}.png` });
  }
});

test.describe('a production environment', () => {
  let prod: { app: RunningApp; stop: () => Promise<void> };
  test.beforeAll(async ({ app }) => {
    // `pnpm serve` against the demo's emulator, named and coloured as a team would name its production.
    prod = await startApp({
      serve: true,
      env: {
        AWS_ENDPOINT_URL: app.emulatorUrl,
        AWS_REGION: 'eu-west-1',
        AWS_ACCESS_KEY_ID: 'test',
        AWS_SECRET_ACCESS_KEY: 'test',
        CONSOLE_ENVIRONMENT: 'prod-eu',
        CONSOLE_ENVIRONMENT_COLOUR: '#b42318',
        CONSOLE_ADMIN_USERNAME: 'admin',
        CONSOLE_ADMIN_PASSWORD: DEMO_PASSWORD,
      },
    });
  });
  test.afterAll(() => prod.stop());

  test('is unmistakable: its name in its colour on every page, the endpoint named', async ({ page }) => {
    await signIn(page, 'admin', prod.app.url);
    await page.goto(`${prod.app.url}/`);
    const environment = page.getByRole('region', { name: 'Environment' });
    await expect(environment).toContainText('prod-eu');
    await expect(environment).toContainText('Custom endpoint · account 000000000000 in eu-west-1');
    await expect(environment.locator('.environment-name')).toHaveCSS('background-color', 'rgb(180, 35, 24)');
    for (const scheme of ['light', 'dark'] as const) {
      await page.emulateMedia({ colorScheme: scheme });
      await page.goto(`${prod.app.url}/audit`);
      await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
      await page.screenshot({ path: `${dir}/environment-prod-eu-${scheme}.png` });
    }
  });
});
