import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { CONSOLE_READY } from '@gateway-console/testkit/process';
import { startChild } from '../processes.ts';
import { type Figure, measured } from '../report.ts';

const pnpm = ['-y', 'pnpm@10.34.8'];

/** Seconds from spawning `command` until the URL it prints answers 200 on `path`. */
async function secondsUntilAnswering(
  args: string[],
  printed: RegExp,
  path: string,
  dataDir: string,
): Promise<number> {
  const started = performance.now();
  const child = startChild('npx', args, {
    env: { PORT: '0', EMULATOR_PORT: '0', CONSOLE_DATA_DIR: dataDir, AWS_ENDPOINT_URL: '' },
  });
  try {
    const [, url] = await child.waitFor(printed, 120_000);
    for (;;) {
      const response = await fetch(`${url}${path}`).catch(() => null);
      await response?.arrayBuffer();
      if (response?.status === 200) return (performance.now() - started) / 1000;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  } finally {
    await child.stop();
  }
}

/**
 * `pnpm start` (web build, database, embedded emulator, BFF) vs the same launcher starting a
 * hello-world server. The first start after install creates the database; the second reuses it.
 */
export async function startTime(): Promise<Figure[]> {
  const dataDir = mkdtempSync(join(tmpdir(), 'gateway-console-start-'));
  try {
    const baseline = await secondsUntilAnswering(
      [...pnpm, 'exec', 'tsx', 'bench/baselines/hello-hono.ts'],
      /listening on (http:\/\/\S+)/,
      '/',
      dataDir,
    );
    const console = await secondsUntilAnswering([...pnpm, 'start'], CONSOLE_READY, '/', dataDir);
    const again = await secondsUntilAnswering([...pnpm, 'start'], CONSOLE_READY, '/', dataDir);
    return [
      measured({
        figure: '`pnpm start` → console answering',
        unit: 's',
        value: console,
        baseline: { label: '`pnpm exec tsx` hello-world', value: baseline },
        target: { atMost: 10 },
        note: `first start after install (creates the database); the next start ${again.toFixed(2)} s; the web app was built by install`,
      }),
    ];
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
}
