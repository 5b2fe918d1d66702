import { Problem } from '@gateway-console/contract';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { type RunningConsole, type Session, startConsole } from './harness.ts';
import type { RawResponse } from './raw-http.ts';
import { emptyTally } from './summary.ts';
import { recordTally } from './tally.ts';

/** The BFF's per-attempt AWS timeout in this suite: short, so a slow AWS is found out quickly. */
const AWS_TIMEOUT_MS = 400;

let world: RunningConsole;
let viewer: Session;
const tally = emptyTally();

interface Fault {
  operation: string;
  error?: string;
  latencyMs?: number;
  count?: number;
}

/** Emulator fault injection (`/_emulator/faults`, see packages/emulator/README.md). */
async function inject(fault: Fault): Promise<void> {
  const response = await fetch(`${world.emulator.url}/_emulator/faults`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(fault),
  });
  expect(response.status, await response.text()).toBe(201);
}

const clearFaults = () => fetch(`${world.emulator.url}/_emulator/faults`, { method: 'DELETE' });

function problemOf(response: RawResponse): Problem {
  expect(response.headers['content-type']).toBe('application/problem+json');
  const problem = Problem.parse(JSON.parse(response.text));
  expect(response.text).not.toMatch(/\$metadata|x-amzn|node_modules|\n\s+at /);
  return problem;
}

beforeAll(async () => {
  world = await startConsole({ awsRequestTimeoutMs: AWS_TIMEOUT_MS });
  viewer = await world.as('viewer');
});
afterEach(async () => {
  await clearFaults();
});
afterAll(async () => {
  recordTally(tally);
  await world?.close();
});

const listApis = async () => {
  const response = await viewer.request('GET', '/api/apis');
  tally.casesTried += 1;
  return response;
};

describe('API Gateway faults', () => {
  it('a short throttling storm: reads retry with backoff and succeed', async () => {
    await inject({ operation: 'GetRestApis', error: 'TooManyRequestsException', count: 2 });
    const before = world.aws.count('apigateway', 'GetRestApis');
    const response = await listApis();
    expect(response.status, response.text).toBe(200);
    expect(world.aws.count('apigateway', 'GetRestApis') - before).toBe(3);
  });

  it('a storm that outlasts the retries: 429 problem+json with Retry-After, then recovery', async () => {
    await inject({ operation: 'GetRestApis', error: 'TooManyRequestsException', count: 3 });
    const throttled = await listApis();
    expect(throttled.status).toBe(429);
    expect(problemOf(throttled).code).toBe('AWS_THROTTLED');
    expect(Number(throttled.headers['retry-after'])).toBeGreaterThan(0);
    expect((await listApis()).status).toBe(200);
  });

  it('a 5xx burst: retried and absorbed; a lasting outage is 503 problem+json, never a 500', async () => {
    await inject({ operation: 'GetStages', error: 'ServiceUnavailableException', count: 2 });
    expect((await listApis()).status).toBe(200);
    await inject({ operation: 'GetRestApis', error: 'ServiceUnavailableException' });
    const down = await listApis();
    expect(down.status).toBe(503);
    expect(problemOf(down).code).toBe('AWS_UNAVAILABLE');
    await clearFaults();
    expect((await listApis()).status).toBe(200);
  });

  it('AWS slower than the BFF’s own timeout: 504 problem+json in bounded time, not a hung request', async () => {
    await inject({ operation: 'GetRestApis', latencyMs: 30_000 });
    const started = Date.now();
    const slow = await listApis();
    const took = Date.now() - started;
    expect(slow.status).toBe(504);
    expect(problemOf(slow).code).toBe('AWS_TIMEOUT');
    // Three attempts at most, each cut off at the timeout, plus backoff.
    expect(took).toBeLessThan(3 * AWS_TIMEOUT_MS + 3000);
    await clearFaults();
    expect((await listApis()).status).toBe(200);
  });
});

describe('the emulator stops and comes back', () => {
  it('503 problem+json while it is gone, /api/ready says so, and the BFF recovers by itself', async () => {
    expect((await viewer.request('GET', '/api/ready')).status).toBe(200);
    await world.stopEmulator();
    try {
      const down = await listApis();
      expect(down.status).toBe(503);
      expect(problemOf(down).code).toBe('AWS_UNAVAILABLE');
      const ready = await viewer.request('GET', '/api/ready');
      expect(ready.status).toBe(503);
      expect(ready.json()).toMatchObject({ aws: false, database: true });
    } finally {
      await world.startEmulatorAgain();
    }
    const ready = await viewer.request('GET', '/api/ready');
    expect(ready.status).toBe(200);
    expect(ready.json()).toMatchObject({ aws: true, database: true });
    expect((await listApis()).status).toBe(200);
  });
});

describe('CloudWatch down', () => {
  it('dashboards answer a problem, operations keep working', async () => {
    // The emulator may have been restarted with fresh ids: look them up now.
    const api = [...world.emulator.state.restApis.values()].find((a) => a.stages.size > 0)!;
    const apiId = api.id;
    const stage = [...api.stages.keys()][0]!;
    world.aws.cut('cloudwatch');
    try {
      const metrics = await viewer.request('GET', `/api/apis/${apiId}/stages/${stage}/metrics?range=3h`);
      tally.casesTried += 1;
      expect(metrics.status).toBeGreaterThanOrEqual(500);
      expect(problemOf(metrics).code).toMatch(/^AWS_/);
      expect((await listApis()).status).toBe(200);
      const operator = await world.as('operator');
      const stagePage = await operator.request('GET', `/api/apis/${apiId}/stages/${stage}`);
      if (stagePage.status !== 404) {
        expect(stagePage.status).toBe(200);
        const edit = await operator.request(
          'PATCH',
          `/api/apis/${apiId}/stages/${stage}`,
          { description: 'changed while CloudWatch is down' },
          { 'If-Match': String(stagePage.headers.etag) },
        );
        expect(edit.status, edit.text).toBe(200);
      }
    } finally {
      world.aws.restore('cloudwatch');
    }
    const back = await viewer.request('GET', `/api/apis/${apiId}/stages/${stage}/metrics?range=3h`);
    expect(back.status).toBe(200);
  });
});
