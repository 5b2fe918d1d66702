import { createHmac } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { GetRestApisCommand, GetStageCommand, UpdateStageCommand } from '@aws-sdk/client-api-gateway';
import { AuditPage, Problem, Rollout, RolloutList, type Stage } from '@gateway-console/contract';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Caller, type Harness, startHarness } from '../../test/harness.ts';
import { awsDeps } from '../aws/clients.ts';
import type { Deps } from '../context.ts';
import { openStorage, type Storage } from '../db/database.ts';
import { rollouts } from '../db/schema.ts';
import { type RolloutRunner, startRolloutRunner } from '../rollouts/runner.ts';
import { SIGNATURE_HEADER, signatureOf } from '../rollouts/webhooks.ts';

// The runner against the real emulator through the SDK, with the app's clock moved on so bake periods pass
// at once; CloudWatch's minutes are real, so traffic is sent for real and judged "later".
let offset = 0;
const clock = () => new Date(Date.now() + offset);
let harness: Harness;
let operator: Caller;
let petStore: string;
const runners: RolloutRunner[] = [];

function runner(storage: Storage = harness.storage): RolloutRunner {
  const deps: Deps = {
    ...awsDeps({
      region: 'us-east-1',
      endpoint: harness.emulator.url,
      credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
    }),
    storage,
    clock,
  };
  // The loop's own timer never fires in a test: each pass is a tick() the test asks for.
  const started = startRolloutRunner(deps, { tickMs: 3_600_000, leaseMs: 30_000, evaluateEveryMs: 30_000 });
  runners.push(started);
  return started;
}

async function send(stage: string, requests: number, path = '/pets') {
  const url = `${harness.emulator.invokeUrl(petStore, stage)}${path}`;
  for (let sent = 0; sent < requests; sent += 50) {
    await Promise.all(Array.from({ length: 50 }, () => fetch(url).then((r) => r.arrayBuffer())));
  }
}

const awsStage = (stageName: string) =>
  harness.sdk.send(new GetStageCommand({ restApiId: petStore, stageName }));

async function etagOf(stage: string) {
  // Read from AWS now, not the BFF's short read cache: the runner (its own clients) may just have changed it.
  return (
    await operator.get(`/api/apis/${petStore}/stages/${stage}`, { 'Cache-Control': 'no-cache' })
  ).headers.get('ETag')!;
}

async function start(stage: string, body: unknown) {
  const response = await operator.request('POST', `/api/apis/${petStore}/stages/${stage}/rollouts`, body, {
    'If-Match': await etagOf(stage),
  });
  expect(response.status, await response.clone().text()).toBe(201);
  return Rollout.parse(await response.json());
}

async function rollout(id: string) {
  const response = await operator.get(`/api/rollouts/${id}`);
  expect(response.status).toBe(200);
  return { body: Rollout.parse(await response.json()), etag: response.headers.get('ETag')! };
}

async function auditOf(stage: string) {
  return AuditPage.parse(
    await (await operator.get(`/api/audit?apiId=${petStore}&stage=${stage}&limit=100`)).json(),
  ).items;
}

/** A new stage of PetStore whose canary runs the very same deployment and variables: a healthy canary. */
async function stageWithHealthyCanary(name: string): Promise<Stage> {
  const prod = await awsStage('prod');
  const created = await operator.request('POST', `/api/apis/${petStore}/stages`, {
    name,
    deploymentId: prod.deploymentId,
    variables: { version: 'v1' },
  });
  expect(created.status, await created.clone().text()).toBe(201);
  const canary = await operator.request(
    'PUT',
    `/api/apis/${petStore}/stages/${name}/canary`,
    { percentTraffic: 10, deploymentId: prod.deploymentId },
    { 'If-Match': created.headers.get('ETag')! },
  );
  expect(canary.status, await canary.clone().text()).toBe(200);
  return (await canary.json()) as Stage;
}

beforeAll(async () => {
  harness = await startHarness({ clock });
  operator = await harness.as('operator');
  const apis = await harness.sdk.send(new GetRestApisCommand({}));
  petStore = apis.items!.find((api) => api.name === 'PetStore')!.id!;
});
afterAll(async () => {
  for (const r of runners) r.halt();
  await harness.close();
});

describe('rollouts', () => {
  it('a two-step rollout of PetStore prod’s failing canary rolls back by itself in its first bake period', async () => {
    offset = 0;
    const started = await start('prod', {
      steps: [
        { percentTraffic: 50, bakeSeconds: 300 },
        { percentTraffic: 100, bakeSeconds: 300 },
      ],
      onFailure: 'rollback',
    });
    expect(started).toMatchObject({
      state: 'running',
      step: 0,
      gates: { minRequests: 700, confidence: 0.95 },
    });
    const drive = runner();
    await drive.tick();
    expect((await awsStage('prod')).canarySettings?.percentTraffic).toBe(50);

    await send('prod', 2400);
    // Four minutes on (inside the 5-minute bake): the minutes just sent are ones CloudWatch has published.
    offset = 4 * 60_000;
    await drive.tick();
    const { body } = await rollout(started.id);
    expect(body.state, JSON.stringify(body.events)).toBe('rolled_back');
    expect(body.step).toBe(0);
    expect(body.lastVerdict?.verdict).toBe('failing');
    expect(body.lastVerdict?.canaryRequests).toBeGreaterThanOrEqual(700);
    // The stage as AWS shows it: no canary, the base deployment serving everything.
    expect((await awsStage('prod')).canarySettings).toBeUndefined();
    // The audit log explains each step with its numbers.
    const audit = await auditOf('prod');
    const step = audit.find((row) => row.action === 'rollout.step');
    expect(step).toMatchObject({ outcome: 'success', actor: 'operator' });
    expect(step?.detail).toContain('→ 50 %');
    const rolledBack = audit.find((row) => row.action === 'rollout.rollback');
    expect(rolledBack?.outcome).toBe('success');
    expect(rolledBack?.detail).toMatch(/failing/);
    const verdict = body.events.find((e) => e.kind === 'verdict');
    expect(verdict?.detail).toMatch(/5xx-rate .* FAILED/);
    expect(body.events.map((e) => e.kind)).toEqual(['started', 'step', 'verdict', 'rolled_back']);
  });

  it('a rollout of a healthy canary promotes by itself after its last step', async () => {
    offset = 0;
    const stage = await stageWithHealthyCanary(`healthy-${Date.now().toString(36)}`);
    const started = await start(stage.name, {
      steps: [
        { percentTraffic: 50, bakeSeconds: 60 },
        { percentTraffic: 80, bakeSeconds: 60 },
      ],
      // A gate a team may tighten: at 99 % confidence an A/A canary is called failing well under 1 % of
      // the time (the judge's calibration), so this test of the happy path is not a coin with a bias.
      gates: { confidence: 0.99 },
    });
    const drive = runner();
    await drive.tick();
    expect((await awsStage(stage.name)).canarySettings?.percentTraffic).toBe(50);
    await send(stage.name, 2400);
    offset = 4 * 60_000;
    await drive.tick();
    let now = (await rollout(started.id)).body;
    expect(now.lastVerdict?.verdict, JSON.stringify(now.lastVerdict)).toBe('healthy');
    expect(now).toMatchObject({ state: 'running', step: 1 });
    expect((await awsStage(stage.name)).canarySettings?.percentTraffic).toBe(80);
    offset = 6 * 60_000;
    await drive.tick();
    now = (await rollout(started.id)).body;
    expect(now.state, JSON.stringify(now.events)).toBe('promoted');
    const after = await awsStage(stage.name);
    expect(after.canarySettings).toBeUndefined();
    expect(after.deploymentId).toBe(stage.canary!.deploymentId);
    const actions = (await auditOf(stage.name)).map((row) => `${row.action}:${row.outcome}`);
    expect(actions.filter((a) => a === 'rollout.step:success')).toHaveLength(2);
    expect(actions).toContain('rollout.promote:success');
  });

  it('after a crash mid-step a new BFF on the same database continues the step with the bake time left, applying nothing twice', async () => {
    offset = 0;
    const stage = await stageWithHealthyCanary(`restart-${Date.now().toString(36)}`);
    const started = await start(stage.name, {
      steps: [
        { percentTraffic: 20, bakeSeconds: 300 },
        { percentTraffic: 40, bakeSeconds: 300 },
      ],
      onSuccess: 'wait',
    });
    const first = runner();
    await first.tick();
    expect((await awsStage(stage.name)).canarySettings?.percentTraffic).toBe(20);
    first.halt(); // as kill -9 would: its lease stays until it expires

    offset = 60_000;
    const second = runner();
    await second.tick();
    const { body } = await rollout(started.id);
    expect(body).toMatchObject({ state: 'running', step: 0 });
    expect(body.bakeSecondsLeft).toBeGreaterThan(230);
    expect(body.bakeSecondsLeft).toBeLessThanOrEqual(240);
    const steps = () => auditOf(stage.name).then((rows) => rows.filter((r) => r.action === 'rollout.step'));
    expect(await steps()).toHaveLength(1);

    // A crash between AWS's change and its record: the next step was asked of AWS but never written down.
    await harness.storage.db.update(rollouts).set({ applyingStep: 1 }).where(eq(rollouts.id, started.id));
    await harness.sdk.send(
      new UpdateStageCommand({
        restApiId: petStore,
        stageName: stage.name,
        patchOperations: [{ op: 'replace', path: '/canarySettings/percentTraffic', value: '40' }],
      }),
    );
    second.halt();
    offset = 2 * 60_000;
    const third = runner();
    await third.tick();
    const recovered = (await rollout(started.id)).body;
    expect(recovered).toMatchObject({ state: 'running', step: 1, appliedPercent: 40 });
    expect(recovered.events.at(-1)?.detail).toContain('not applied again');
    expect(await steps()).toHaveLength(1);
  });

  it('a step short of traffic at the end of its bake waits for CloudWatch’s last minutes, then pauses and says why', async () => {
    offset = 0;
    const stage = await stageWithHealthyCanary(`quiet-${Date.now().toString(36)}`);
    const started = await start(stage.name, { steps: [{ percentTraffic: 30, bakeSeconds: 60 }] });
    const drive = runner();
    await drive.tick();
    // The bake is over, but its last minute is younger than CloudWatch's publishing delay: still running.
    offset = 90_000;
    await drive.tick();
    let now = (await rollout(started.id)).body;
    expect(now, JSON.stringify(now.events)).toMatchObject({ state: 'running', bakeSecondsLeft: 0 });
    expect(now.lastVerdict?.verdict).toBe('inconclusive');
    // While it waits, ticks judge at the usual pace (every 30 s here): no new version, event or AWS call.
    const waitingSince = now;
    for (const at of [95_000, 100_000, 110_000]) {
      offset = at;
      await drive.tick();
    }
    now = (await rollout(started.id)).body;
    expect(now.version).toBe(waitingSince.version);
    expect(now.events).toHaveLength(waitingSince.events.length);
    // Every minute of the bake published, and still no traffic: a person decides.
    offset = 5 * 60_000;
    await drive.tick();
    now = (await rollout(started.id)).body;
    expect(now.state).toBe('paused');
    expect(now.reason).toContain('Paused at the end of step 1: Not enough traffic yet');
    expect((await awsStage(stage.name)).canarySettings?.percentTraffic).toBe(30);
  });

  it('a person’s change to the canary pauses the rollout with the reason; the controls check If-Match', async () => {
    offset = 0;
    const stage = await stageWithHealthyCanary(`person-${Date.now().toString(36)}`);
    const started = await start(stage.name, { template: 'Canary10Percent5Minutes', onFailure: 'pause' });
    const drive = runner();
    await drive.tick();
    expect((await awsStage(stage.name)).canarySettings?.percentTraffic).toBe(10);

    const moved = await operator.request(
      'PUT',
      `/api/apis/${petStore}/stages/${stage.name}/canary`,
      { percentTraffic: 30 },
      { 'If-Match': await etagOf(stage.name) },
    );
    expect(moved.status).toBe(200);
    await drive.tick();
    const { body, etag } = await rollout(started.id);
    expect(body.state).toBe('paused');
    expect(body.reason).toContain('Someone else changed the canary');
    expect(body.reason).toContain('30 %');
    expect((await awsStage(stage.name)).canarySettings?.percentTraffic).toBe(30);

    const path = `/api/rollouts/${started.id}/resume`;
    const noMatch = await operator.request('POST', path);
    expect(noMatch.status).toBe(428);
    const stale = await operator.request('POST', path, undefined, { 'If-Match': '"rollout-1"' });
    expect(stale.status).toBe(412);
    const viewer = await harness.as('viewer');
    expect((await viewer.request('POST', path, undefined, { 'If-Match': etag })).status).toBe(403);
    const resumed = await operator.request('POST', path, undefined, { 'If-Match': etag });
    expect(resumed.status, await resumed.clone().text()).toBe(200);
    expect(Rollout.parse(await resumed.json())).toMatchObject({ state: 'running', appliedPercent: 30 });

    const again = await start(stage.name, { template: 'Canary10Percent5Minutes' }).catch((e) => e);
    expect(String(again)).toContain('409');
    const list = RolloutList.parse(
      await (await operator.get(`/api/apis/${petStore}/stages/${stage.name}/rollouts`)).json(),
    );
    expect(list.items[0]?.id).toBe(started.id);

    const latest = await rollout(started.id);
    const aborted = await operator.request('POST', `/api/rollouts/${started.id}/abort`, undefined, {
      'If-Match': latest.etag,
    });
    expect(aborted.status).toBe(200);
    expect(Rollout.parse(await aborted.json()).state).toBe('aborted');
    const notWaiting = await operator.request('POST', `/api/rollouts/${started.id}/approve`, undefined, {
      'If-Match': (await rollout(started.id)).etag,
    });
    expect(notWaiting.status).toBe(409);
    expect(Problem.parse(await notWaiting.json()).code).toBe('ROLLOUT_CONFLICT');
  });

  it('each event goes to the rollout’s webhook as signed JSON, retried with backoff when the receiver fails', async () => {
    offset = 0;
    const received: { body: string; signature: string | undefined }[] = [];
    let answered = 0;
    const receiver = createServer((req, res) => {
      let body = '';
      req.on('data', (chunk) => {
        body += chunk;
      });
      req.on('end', () => {
        // The first delivery fails: the next attempt must come.
        if (answered++ === 0) {
          res.writeHead(503).end();
          return;
        }
        received.push({ body, signature: req.headers[SIGNATURE_HEADER.toLowerCase()] as string | undefined });
        res.writeHead(204).end();
      });
    });
    await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hooks/rollouts`;
    const secret = 'a-long-shared-webhook-secret';
    try {
      const stage = await stageWithHealthyCanary(`hook-${Date.now().toString(36)}`);
      const started = await start(stage.name, {
        template: 'Canary10Percent5Minutes',
        webhook: { url, secret },
      });
      expect(started.webhookUrl).toBe(url);
      expect(JSON.stringify(started)).not.toContain(secret);
      await runner().tick();
      await expect.poll(() => received.length, { timeout: 10_000 }).toBeGreaterThanOrEqual(2);
      const kinds = received.map((r) => JSON.parse(r.body).event.kind).sort();
      expect(kinds).toEqual(['started', 'step']);
      for (const delivery of received) {
        expect(delivery.signature).toBe(signatureOf(secret, delivery.body));
        expect(delivery.signature).toBe(
          `sha256=${createHmac('sha256', secret).update(delivery.body).digest('hex')}`,
        );
      }
      const step = received.map((r) => JSON.parse(r.body)).find((b) => b.event.kind === 'step');
      expect(step).toMatchObject({ rolloutId: started.id, apiId: petStore, stage: stage.name });
      expect(step.event.detail).toContain('→ 10 %');
      expect(answered).toBe(3);
    } finally {
      receiver.close();
    }
  });

  it('exactly one replica drives a rollout: the other takes over when the first dies and its lease expires', async () => {
    offset = 0;
    const stage = await stageWithHealthyCanary(`lease-${Date.now().toString(36)}`);
    const started = await start(stage.name, { template: 'Careful5To100' });
    const leaseOf = async () =>
      (await harness.storage.db.select().from(rollouts).where(eq(rollouts.id, started.id)))[0]!;
    // On PostgreSQL (test-postgres.sh) the second replica has its own connection pool, as a process would.
    const otherStorage = process.env.DATABASE_URL
      ? await openStorage({ databaseUrl: process.env.DATABASE_URL })
      : harness.storage;
    const a = runner();
    const b = runner(otherStorage);
    await a.tick();
    await b.tick();
    expect((await leaseOf()).leaseOwner).toBe(a.owner);
    expect((await awsStage(stage.name)).canarySettings?.percentTraffic).toBe(5);

    a.halt(); // dies without giving its lease back
    offset = 10_000;
    await b.tick();
    expect((await leaseOf()).leaseOwner, 'a live lease is not taken').toBe(a.owner);
    offset = 31_000;
    await b.tick();
    expect((await leaseOf()).leaseOwner).toBe(b.owner);
    const steps = (await auditOf(stage.name)).filter((row) => row.action === 'rollout.step');
    expect(steps).toHaveLength(1);
    // A replica stopping on purpose hands its rollouts over at once.
    await b.stop();
    expect((await leaseOf()).leaseOwner).toBeNull();
    if (otherStorage !== harness.storage) await otherStorage.close();
  });

  it('bad plans never reach AWS', async () => {
    const etag = await etagOf('dev');
    const bad = await operator.request(
      'POST',
      `/api/apis/${petStore}/stages/dev/rollouts`,
      { steps: [{ percentTraffic: 50, bakeSeconds: 10 }] },
      { 'If-Match': etag },
    );
    expect(bad.status).toBe(400);
    const both = await operator.request(
      'POST',
      `/api/apis/${petStore}/stages/dev/rollouts`,
      { template: 'Canary10Percent5Minutes', steps: [{ percentTraffic: 50, bakeSeconds: 60 }] },
      { 'If-Match': etag },
    );
    expect(both.status).toBe(400);
    const noCanary = await operator.request(
      'POST',
      `/api/apis/${petStore}/stages/dev/rollouts`,
      { template: 'Canary10Percent5Minutes' },
      { 'If-Match': etag },
    );
    expect(noCanary.status).toBe(409);
  });
});
