import type { RunningConsole } from '../console.ts';
import { signIn } from '../console.ts';
import { compareThroughput } from '../load.ts';
import { startTsx } from '../processes.ts';
import { type Figure, measured } from '../report.ts';
import { demoStage } from './bffLatency.ts';

const seconds = 3;

/**
 * Requests/s of the BFF vs a hello-world Hono server, each in its own process: a signed-in stage read
 * (session check, role check, the stage from the short read cache, ETag) and the unauthenticated
 * health route (the framework and middleware alone).
 */
export async function bffThroughput(app: RunningConsole): Promise<Figure[]> {
  const hello = startTsx('bench/baselines/hello-hono.ts');
  try {
    const [, helloUrl] = await hello.waitFor(/listening on (http:\/\/\S+)/, 30_000);
    const { restApiId, stageName } = await demoStage(app);
    const results = await compareThroughput(
      {
        hello: helloUrl!,
        stage: {
          url: `${app.url}/api/apis/${restApiId}/stages/${stageName}`,
          headers: await signIn(app, 'viewer'),
        },
        health: `${app.url}/api/health`,
      },
      { seconds },
    );
    const baseline = { label: 'Hono hello-world', value: results.hello.requestsPerSecond };
    const rounds = `autocannon 32 connections, median of 3 alternating ${seconds} s rounds`;
    return (['stage', 'health'] as const).map((route) =>
      measured({
        figure:
          route === 'stage'
            ? 'BFF throughput, GET stage (signed in, cached read)'
            : 'BFF throughput, GET /api/health',
        unit: 'req/s',
        value: results[route].requestsPerSecond,
        baseline,
        target: { atLeast: 10_000 },
        note: `${rounds}; p99 ${results[route].latencyP99Ms} ms (hello p99 ${results.hello.latencyP99Ms} ms)`,
      }),
    );
  } finally {
    await hello.stop();
  }
}
