import { createRequire } from 'node:module';
import { startChild } from './processes.ts';

const autocannonCli = createRequire(import.meta.url).resolve('autocannon');

export interface LoadResult {
  /** Requests answered 2xx per second. */
  requestsPerSecond: number;
  /** Responses that were 429 (throttled), part of `non2xx`. */
  throttled: number;
  /** Responses that were not 2xx, and socket errors/timeouts: a run with any is not a throughput figure. */
  non2xx: number;
  errors: number;
  latencyP50Ms: number;
  latencyP99Ms: number;
  /** Responses by status code. */
  statuses: Record<string, number>;
}

interface AutocannonJson {
  requests: { average: number; total: number };
  '2xx': number;
  duration: number;
  statusCodeStats?: Record<string, { count: number }>;
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
  options: {
    seconds: number;
    connections?: number;
    headers?: Record<string, string>;
    /** A POST with this body; `[<id>]` in it becomes a fresh random id in every request. */
    post?: string;
  },
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
  if (options.post !== undefined) args.push('--method', 'POST', '--body', options.post, '--idReplacement');
  args.push(url);
  const child = startChild(process.execPath, args);
  const exit = await new Promise<number | null>((resolve) => child.process.once('exit', resolve));
  const output = child.output();
  const json = output.slice(output.indexOf('{"'));
  if (exit !== 0) throw new Error(`autocannon ${url} exited with ${exit}:\n${output}`);
  const result = JSON.parse(json) as AutocannonJson;
  return {
    requestsPerSecond: result['2xx'] / result.duration,
    throttled: result.statusCodeStats?.['429']?.count ?? 0,
    non2xx: result.non2xx,
    errors: result.errors + result.timeouts,
    latencyP50Ms: result.latency.p50,
    latencyP99Ms: result.latency.p99,
    statuses: Object.fromEntries(
      Object.entries(result.statusCodeStats ?? {}).map(([status, { count }]) => [status, count]),
    ),
  };
}

/**
 * Requests/s of several servers measured in alternating rounds (A B C A B C …) after a warm-up of
 * each, so a change in the machine's load during the run hits all of them alike; the median round
 * counts. Refuses runs with failures.
 */
export async function compareThroughput<Name extends string>(
  targets: Record<Name, string | { url: string; headers: Record<string, string> }>,
  options: {
    rounds?: number;
    seconds: number;
    connections?: number;
    /** 429s are an answer here (a throttle reached), counted apart; other failures still void the run. */
    throttlingExpected?: boolean;
  },
): Promise<Record<Name, LoadResult>> {
  const names = Object.keys(targets) as Name[];
  type Target = { url: string; headers: Record<string, string> };
  const request = (name: Name): Target => {
    const target: string | Target = targets[name];
    return typeof target === 'string' ? { url: target, headers: {} } : target;
  };
  for (const name of names)
    await loadTest(request(name).url, { ...options, headers: request(name).headers, seconds: 1 });
  const rounds = new Map<Name, LoadResult[]>(names.map((name) => [name, []]));
  for (let round = 0; round < (options.rounds ?? 3); round++)
    for (const name of names) {
      const { url, headers } = request(name);
      const result = await loadTest(url, { ...options, headers });
      const failed = result.non2xx - (options.throttlingExpected ? result.throttled : 0);
      if (failed > 0 || result.errors > 0)
        throw new Error(`${url}: ${result.non2xx} non-2xx responses and ${result.errors} errors under load`);
      rounds.get(name)!.push(result);
    }
  const median = (results: LoadResult[]) =>
    [...results].sort((a, b) => a.requestsPerSecond - b.requestsPerSecond)[Math.floor(results.length / 2)]!;
  return Object.fromEntries(names.map((name) => [name, median(rounds.get(name)!)])) as Record<
    Name,
    LoadResult
  >;
}
