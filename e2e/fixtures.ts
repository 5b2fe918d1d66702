import type { Role } from '@gateway-console/contract';
import { emulatorTestKit } from '@gateway-console/emulator/testkit';
import { CONSOLE_ENTRY, SERVE_ENTRY, startConsoleProcess } from '@gateway-console/testkit/process';
import { test as base, expect, type Page } from '@playwright/test';

export interface RunningApp {
  /** The console's base URL, e.g. http://127.0.0.1:41234. */
  url: string;
  /** The embedded emulator's URL (AWS endpoint). */
  emulatorUrl: string;
}

/** The BFF's default share of the account's API Gateway quota (CONSOLE_AWS_CALLS_PER_SECOND). */
const AWS_CALLS_PER_SECOND = 5;

/**
 * Every journey of a worker ran under AWS's quotas (the demo enforces them): counted by the emulator, the
 * console (signing as `test`) never sent more API Gateway calls than its budget. The budget counts a call
 * when it leaves; the emulator when its event loop reads it, which a long Logs Insights query there can
 * hold for a second or so, so a second's calls may land in the next. Hence a rate over three seconds, with
 * one second of skew: any three seconds together hold at most four seconds' budget. (A console ignoring
 * its budget sends far more: a worker given a budget of 0 fails here.)
 */
async function expectWithinAwsBudget(app: RunningApp): Promise<void> {
  const response = await fetch(`${app.emulatorUrl}/_emulator/quotas?caller=test`);
  const { mode, seconds } = (await response.json()) as {
    mode: string;
    seconds: { second: number; accepted: number; throttled: number }[];
  };
  expect(mode).toBe('aws');
  const calls = new Map(seconds.map((s) => [s.second, s.accepted + s.throttled]));
  const inThree = (second: number) => [0, 1, 2].reduce((sum, i) => sum + (calls.get(second + i) ?? 0), 0);
  const busiest = Math.max(0, ...[...calls.keys()].map(inThree));
  expect(busiest, 'the console’s busiest three seconds at AWS').toBeLessThanOrEqual(4 * AWS_CALLS_PER_SECOND);
  expect(
    seconds.every((s) => s.throttled === 0),
    'AWS throttled none of the console’s calls',
  ).toBe(true);
}

/** The password of the demo users admin / operator / viewer in the app the tests start. */
export const DEMO_PASSWORD = 'e2e-demo-password';

/**
 * Signs `page` in as the demo user of this role through the API. The page's context shares its
 * cookie jar with `page.context().request`, so the SPA is signed in on its next navigation.
 */
export async function signIn(page: Page, role: Role, at = ''): Promise<void> {
  const response = await page.context().request.post(`${at}/api/session`, {
    data: { username: role, password: DEMO_PASSWORD },
    headers: { 'X-Requested-With': 'gateway-console' },
  });
  expect(response.status(), await response.text()).toBe(200);
}

/**
 * Starts the real console on free ports and waits until it answers: by default `pnpm start`'s launcher
 * (BFF + embedded emulator with demo data); with `serve`, the production entry with `env` added.
 */
export async function startApp(
  options: { serve?: boolean; env?: Record<string, string> } = {},
): Promise<{ app: RunningApp; stop: () => Promise<void> }> {
  const { url, emulatorUrl, stop } = await startConsoleProcess({
    entry: options.serve ? SERVE_ENTRY : CONSOLE_ENTRY,
    env: { DATABASE_URL: '', CONSOLE_DEMO_PASSWORD: DEMO_PASSWORD, ...options.env },
    timeoutMs: 90_000,
  });
  return { app: { url, emulatorUrl }, stop };
}

export const test = base.extend<
  // biome-ignore lint/suspicious/noConfusingVoidType: Playwright types auto fixtures as void
  { failOnConsoleErrors: void; expectedHttpErrors: number[] },
  { app: RunningApp }
>({
  /**
   * HTTP statuses a test provokes on purpose (401 before sign-in, 409, 412, 503 from a fault). Chromium logs
   * every failed fetch as a console error; those statuses are not held against the test, any other error is.
   */
  expectedHttpErrors: [[], { option: true }],
  app: [
    // biome-ignore lint/correctness/noEmptyPattern: Playwright's fixture signature
    async ({}, use) => {
      const { app, stop } = await startApp();
      await use(app);
      try {
        await expectWithinAwsBudget(app);
      } finally {
        await stop();
      }
    },
    { scope: 'worker', timeout: 120_000 },
  ],
  baseURL: async ({ app }, use) => use(app.url),
  failOnConsoleErrors: [
    async ({ page, expectedHttpErrors }, use) => {
      const errors: string[] = [];
      page.on('console', (message) => {
        if (message.type() !== 'error') return;
        const status = /^Failed to load resource: the server responded with a status of (\d+)/.exec(
          message.text(),
        );
        if (status && expectedHttpErrors.includes(Number(status[1]))) return;
        errors.push(message.text());
      });
      page.on('pageerror', (error) => errors.push(error.message));
      await use();
      expect(errors, 'the browser console showed errors').toEqual([]);
    },
    { auto: true },
  ],
});

export { expect };
