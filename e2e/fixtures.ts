import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test as base, expect } from '@playwright/test';

export interface RunningApp {
  /** The console's base URL, e.g. http://127.0.0.1:41234. */
  url: string;
  /** The embedded emulator's URL (AWS endpoint). */
  emulatorUrl: string;
}

const root = join(import.meta.dirname, '..');

/** Starts the real console (BFF + embedded emulator with demo data) on free ports and waits until it answers. */
async function startApp(): Promise<{ app: RunningApp; stop: () => Promise<void> }> {
  const dataDir = mkdtempSync(join(tmpdir(), 'gateway-console-e2e-'));
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', 'apps/bff/src/server.ts'], {
    cwd: root,
    env: { ...process.env, PORT: '0', EMULATOR_PORT: '0', CONSOLE_DATA_DIR: dataDir, AWS_ENDPOINT_URL: '' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const app = await new Promise<RunningApp>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`console did not start in 30 s:\n${output}`)), 30_000);
    let emulatorUrl = '';
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      emulatorUrl ||= /emulator .*?on (http:\/\/\S+)/i.exec(output)?.[1] ?? '';
      const url = /Gateway Console on (http:\/\/\S+)/.exec(output)?.[1];
      if (url) {
        clearTimeout(timer);
        resolve({ url, emulatorUrl });
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', (chunk: Buffer) => {
      output += chunk.toString();
    });
    child.once('exit', (code) => reject(new Error(`console exited with ${code}:\n${output}`)));
  });
  return {
    app,
    stop: async () => {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await exited;
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

// biome-ignore lint/suspicious/noConfusingVoidType: Playwright types auto fixtures as void
export const test = base.extend<{ failOnConsoleErrors: void }, { app: RunningApp }>({
  app: [
    // biome-ignore lint/correctness/noEmptyPattern: Playwright's fixture signature
    async ({}, use) => {
      const { app, stop } = await startApp();
      await use(app);
      await stop();
    },
    { scope: 'worker', timeout: 60_000 },
  ],
  baseURL: async ({ app }, use) => use(app.url),
  failOnConsoleErrors: [
    async ({ page }, use) => {
      const errors: string[] = [];
      page.on('console', (message) => {
        if (message.type() === 'error') errors.push(message.text());
      });
      page.on('pageerror', (error) => errors.push(error.message));
      await use();
      expect(errors, 'the browser console showed errors').toEqual([]);
    },
    { auto: true },
  ],
});

export { expect };
