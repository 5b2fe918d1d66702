import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { startChild } from '../processes.ts';
import { type Figure, measured } from '../report.ts';

const pnpm = ['-y', 'pnpm@10.34.8'];
const runs = 2;

/** Seconds from spawning `command` until the URL it prints answers 200 on `path`. */
async function secondsUntilAnswering(args: string[], printed: RegExp, path: string): Promise<number> {
  const dataDir = mkdtempSync(join(tmpdir(), 'gateway-console-start-'));
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
    rmSync(dataDir, { recursive: true, force: true });
  }
}

const mean = (values: number[]) => values.reduce((a, b) => a + b, 0) / values.length;

/** `pnpm start` (web build + BFF + embedded emulator) vs the same launcher starting a hello-world server. */
export async function startTime(): Promise<Figure[]> {
  const console: number[] = [];
  const baseline: number[] = [];
  for (let run = 0; run < runs; run++) {
    baseline.push(
      await secondsUntilAnswering(
        [...pnpm, 'exec', 'tsx', 'bench/baselines/hello-hono.ts'],
        /listening on (http:\/\/\S+)/,
        '/',
      ),
    );
    console.push(await secondsUntilAnswering([...pnpm, 'start'], /Gateway Console on (http:\/\/\S+)/, '/'));
  }
  return [
    measured({
      figure: '`pnpm start` → console answering',
      unit: 's',
      value: mean(console),
      baseline: { label: '`pnpm exec tsx` hello-world', value: mean(baseline) },
      target: { atMost: 10 },
      note: `mean of ${runs} runs (${console.map((s) => s.toFixed(2)).join(', ')} s); includes the Vite build of the web app`,
    }),
  ];
}
