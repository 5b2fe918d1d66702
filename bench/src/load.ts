import { createRequire } from 'node:module';
import { startChild } from './processes.ts';

const autocannonCli = createRequire(import.meta.url).resolve('autocannon');

export interface LoadResult {
  requestsPerSecond: number;
  /** Responses that were not 2xx, and socket errors/timeouts: a run with any is not a throughput figure. */
  non2xx: number;
  errors: number;
  latencyP50Ms: number;
  latencyP99Ms: number;
}

interface AutocannonJson {
  requests: { average: number; total: number };
  latency: { p50: number; p99: number };
  non2xx: number;
  errors: number;
  timeouts: number;
}

/**
 * Loopback load from autocannon in its own Node process, so the load generator does not share an
 * event loop with the server it measures. Bounded: `seconds` of load with `connections` sockets.
 */
export async function loadTest(
  url: string,
  options: { seconds: number; connections?: number; headers?: Record<string, string> },
): Promise<LoadResult> {
  const args = [
    autocannonCli,
    '--json',
    '--connections',
    String(options.connections ?? 32),
    '--duration',
    String(options.seconds),
  ];
  for (const [name, value] of Object.entries(options.headers ?? {}))
    args.push('--headers', `${name}=${value}`);
  args.push(url);
  const child = startChild(process.execPath, args);
  const exit = await new Promise<number | null>((resolve) => child.process.once('exit', resolve));
  const output = child.output();
  const json = output.slice(output.indexOf('{"'));
  if (exit !== 0) throw new Error(`autocannon ${url} exited with ${exit}:\n${output}`);
  const result = JSON.parse(json) as AutocannonJson;
  return {
    requestsPerSecond: result.requests.average,
    non2xx: result.non2xx,
    errors: result.errors + result.timeouts,
    latencyP50Ms: result.latency.p50,
    latencyP99Ms: result.latency.p99,
  };
}

/** A short warm-up (JIT, connection pools, caches), then the measured run; refuses runs with failures. */
export async function measureThroughput(
  url: string,
  options: { seconds: number; connections?: number; headers?: Record<string, string> },
): Promise<LoadResult> {
  await loadTest(url, { ...options, seconds: 1 });
  const result = await loadTest(url, options);
  if (result.non2xx > 0 || result.errors > 0)
    throw new Error(`${url}: ${result.non2xx} non-2xx responses and ${result.errors} errors under load`);
  return result;
}
