import { GetDeploymentsCommand, GetStageCommand } from '@aws-sdk/client-api-gateway';
import { Deployment, Problem } from '@gateway-console/contract';
import type { FaultRequest } from '@gateway-console/emulator/testkit';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { accountStages } from '../account-stages.ts';
import { type RunningConsole, type Session, startConsole } from './harness.ts';
import type { RawResponse } from './raw-http.ts';
import { emptyTally } from './summary.ts';
import { recordNote, recordTally } from './tally.ts';

/** The BFF's per-attempt AWS timeout in this suite: short, so a slow AWS is found out quickly. */
const AWS_TIMEOUT_MS = 400;

let world: RunningConsole;
let viewer: Session;
const tally = emptyTally();

/** Emulator fault injection (`/_emulator/faults`, see packages/emulator/README.md). */
const inject = (fault: FaultRequest, on: RunningConsole = world) => on.kit.injectFault(fault);
const clearFaults = (on: RunningConsole = world) => on.kit.clearFaults();

function problemOf(response: RawResponse): Problem {
  expect(response.headers['content-type']).toBe('application/problem+json');
  const problem = Problem.parse(JSON.parse(response.text));
  expect(response.text).not.toMatch(/\$metadata|x-amzn|node_modules|\n\s+at /);
  return problem;
}

beforeAll(async () => {
  // No read cache: a no-cache reload is answered from it for one period, and each call here must reach AWS.
  world = await startConsole({ awsRequestTimeoutMs: AWS_TIMEOUT_MS, readCacheMs: 0 });
  viewer = await world.as('viewer');
});
afterEach(async () => {
  await clearFaults();
});
afterAll(async () => {
  recordTally(tally);
  await world?.close();
});

// Asked fresh (the read cache is off here): each call must reach API Gateway.
const listApis = async () => {
  const response = await viewer.request('GET', '/api/apis', undefined, { 'Cache-Control': 'no-cache' });
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
    expect(throttled.status, throttled.text).toBe(429);
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

describe('CreateDeployment under faults: never two deployments for one request', () => {
  /** Deployments of an API as AWS lists them (the SDK straight to the emulator, not through the BFF). */
  const deploymentsOf = async (apiId: string) => {
    const ids: string[] = [];
    let position: string | undefined;
    do {
      const page = await world.sdk.send(
        new GetDeploymentsCommand({ restApiId: apiId, limit: 500, position }),
      );
      ids.push(...(page.items ?? []).map((d) => d.id!));
      position = page.position;
    } while (position);
    return ids;
  };

  it('slower than the BFF’s timeout, or 5xx: each request makes at most one deployment', async () => {
    const { apiId, stage: stageName } = (await accountStages(world.sdk, 'PetStore'))[0]!;
    const operator = await world.as('operator');
    const before = new Set(await deploymentsOf(apiId));
    const SLOW_MS = 3 * AWS_TIMEOUT_MS;
    const answered: string[] = [];
    // Beyond the timeout the BFF cannot know whether AWS created it: it must read back, never send again.
    for (const [i, body] of [
      { description: 'slow plain deployment' },
      { description: 'slow deployment onto a stage', stageName },
      { description: 'slow canary deployment', stageName, canary: { percentTraffic: 5 } },
    ].entries()) {
      // A deployment onto a stage is a change of that stage: it names the version of the stage it saw.
      const seen =
        'stageName' in body
          ? await operator.request('GET', `/api/apis/${apiId}/stages/${stageName}`)
          : undefined;
      await inject({ operation: 'CreateDeployment', latencyMs: SLOW_MS, count: 1 });
      const response = await operator.request(
        'POST',
        `/api/apis/${apiId}/deployments`,
        { ...body, description: `${body.description} ${i}` },
        seen ? { 'If-Match': String(seen.headers.etag) } : {},
      );
      tally.casesTried += 1;
      expect(response.status, response.text).toBe(201);
      answered.push(Deployment.parse(response.json()).id);
    }
    // A 5xx before AWS did anything: reported, not retried into a second attempt that might double up.
    for (const error of ['ServiceUnavailableException', 'TooManyRequestsException'] as const) {
      await inject({ operation: 'CreateDeployment', error, count: 1 });
      const response = await operator.request('POST', `/api/apis/${apiId}/deployments`, {
        description: `refused by AWS: ${error}`,
      });
      tally.casesTried += 1;
      expect(response.status).toBeGreaterThanOrEqual(429);
      problemOf(response);
    }
    // Whatever was still in flight at AWS has landed by now.
    await new Promise((resolve) => setTimeout(resolve, SLOW_MS));
    const created = (await deploymentsOf(apiId)).filter((id) => !before.has(id));
    tally.duplicateDeployments += Math.max(0, created.length - answered.length);
    expect(created.sort()).toEqual([...answered].sort());
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
    const { apiId, stage } = (await accountStages(world.sdk, 'PetStore'))[0]!;
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

describe('AWS throttling the console', () => {
  // Its own console with the BFF's real per-attempt timeout: these tests time AWS's Retry-After waits,
  // and the short timeout above would turn a slow moment on a busy machine into a 504 instead.
  let calm: RunningConsole;
  let reader: Session;
  beforeAll(async () => {
    calm = await startConsole();
    reader = await calm.as('viewer');
  });
  afterEach(async () => {
    await clearFaults(calm);
  });
  afterAll(async () => {
    await calm?.close();
  });

  /** A stage of the demo world no other test in this block reads, so no cached answer hides the fault. */
  const someStage = async (index: number) => {
    const all = await accountStages(calm.sdk);
    return all[index % all.length]!;
  };
  const stageCalls = (apiId: string, stage: string) =>
    calm.aws.calls.filter(
      (c) => c.operation === 'GetStage' && c.path === `/restapis/${apiId}/stages/${stage}`,
    );

  it('a short burst: the read tries again only after the Retry-After AWS sent, then succeeds', async () => {
    const { apiId, stage } = await someStage(1);
    await inject({ operation: 'GetStage', error: 'TooManyRequestsException', count: 2 }, calm);
    const before = stageCalls(apiId, stage).length;
    const response = await reader.request('GET', `/api/apis/${apiId}/stages/${stage}`);
    tally.casesTried += 1;
    expect(response.status, response.text).toBe(200);
    const attempts = stageCalls(apiId, stage).slice(before);
    expect(attempts).toHaveLength(3);
    // The emulator, like AWS, answers 429 with `Retry-After: 1`: the SDK waits at least that long.
    const gaps = attempts.slice(1).map((call, i) => call.at - attempts[i]!.at);
    for (const gap of gaps) expect(gap).toBeGreaterThanOrEqual(900);
    recordNote(
      `[resilience] throttling burst: 3 attempts, ${gaps.map((g) => `${g} ms`).join(' and ')} apart`,
    );
  });

  it('a lasting storm: 429 AWS_THROTTLED with AWS’s Retry-After and words an operator understands; fine once it passes', async () => {
    const { apiId, stage } = await someStage(2);
    await inject({ operation: '*', error: 'TooManyRequestsException' }, calm);
    const started = Date.now();
    const throttled = await reader.request('GET', `/api/apis/${apiId}/stages/${stage}`);
    tally.casesTried += 1;
    expect(throttled.status, throttled.text).toBe(429);
    const problem = problemOf(throttled);
    expect(problem).toMatchObject({
      code: 'AWS_THROTTLED',
      status: 429,
      title: 'AWS is throttling requests to API Gateway',
    });
    expect(problem.detail).toMatch(/too many, even after the console retried with backoff/);
    expect(problem.requestId).toBeTruthy();
    expect(throttled.headers['retry-after']).toBe('1');
    // Three attempts, each after waiting out the Retry-After: the BFF gave AWS time before giving up.
    expect(Date.now() - started).toBeGreaterThanOrEqual(1800);
    await clearFaults(calm);
    const after = await reader.request('GET', `/api/apis/${apiId}/stages/${stage}`);
    expect(after.status, after.text).toBe(200);
  });

  it('a change refused as too many: 429, the stage unchanged, and the same view saves once AWS calms down', async () => {
    const { apiId, stage } = await someStage(3);
    const operator = await calm.as('operator');
    const seen = await operator.request('GET', `/api/apis/${apiId}/stages/${stage}`);
    expect(seen.status, seen.text).toBe(200);
    await inject({ operation: 'UpdateStage', error: 'TooManyRequestsException' }, calm);
    const edit = await operator.request(
      'PATCH',
      `/api/apis/${apiId}/stages/${stage}`,
      { description: 'saved while AWS throttles' },
      { 'If-Match': String(seen.headers.etag) },
    );
    tally.casesTried += 1;
    expect(edit.status).toBe(429);
    expect(problemOf(edit).code).toBe('AWS_THROTTLED');
    await clearFaults(calm);
    const now = await calm.sdk.send(new GetStageCommand({ restApiId: apiId, stageName: stage }));
    expect(now.description).not.toBe('saved while AWS throttles');
    // The operator saves again after waiting: the view they saw is still current, so it goes through.
    const again = await operator.request(
      'PATCH',
      `/api/apis/${apiId}/stages/${stage}`,
      { description: 'saved after AWS calmed down' },
      { 'If-Match': String(seen.headers.etag) },
    );
    expect(again.status, again.text).toBe(200);
  });
});
