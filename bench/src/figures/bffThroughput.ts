import type { RunningConsole } from '../console.ts';
import { compareThroughput } from '../load.ts';
import { startTsx } from '../processes.ts';
import { type Figure, measured } from '../report.ts';

const seconds = 3;

/** Requests/s of the BFF's cheapest route vs a hello-world Hono server, each in its own process. */
export async function bffThroughput(app: RunningConsole): Promise<Figure[]> {
  const hello = startTsx('bench/baselines/hello-hono.ts');
  try {
    const [, helloUrl] = await hello.waitFor(/listening on (http:\/\/\S+)/, 30_000);
    const { hello: baseline, health } = await compareThroughput(
      { hello: helloUrl!, health: `${app.url}/api/health` },
      { seconds },
    );
    return [
      measured({
        figure: 'BFF throughput, GET /api/health',
        unit: 'req/s',
        value: health.requestsPerSecond,
        baseline: { label: 'Hono hello-world', value: baseline.requestsPerSecond },
        target: { atLeast: 10_000 },
        note: `autocannon 32 connections, median of 3 alternating ${seconds} s rounds; p99 ${health.latencyP99Ms} ms (hello p99 ${baseline.latencyP99Ms} ms)`,
      }),
    ];
  } finally {
    await hello.stop();
  }
}
