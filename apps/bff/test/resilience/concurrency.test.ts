import { GetStageCommand } from '@aws-sdk/client-api-gateway';
import { AuditPage, Stage } from '@gateway-console/contract';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { accountStages } from '../account-stages.ts';
import { type RunningConsole, type Session, startConsole } from './harness.ts';
import { emptyTally } from './summary.ts';
import { recordTally } from './tally.ts';

let world: RunningConsole;
let alice: Session;
let bob: Session;
let apiId: string;
let stage: string;
let canaryDeployment: string;
const tally = emptyTally();

beforeAll(async () => {
  world = await startConsole();
  // Two operators, each in their own session.
  alice = await world.as('operator');
  bob = await world.as('operator');
  const record = (await accountStages(world.sdk, 'PetStore')).find(
    (s) => s.apiDeploymentIds.length > 1 && !s.hasCanary,
  )!;
  apiId = record.apiId;
  stage = record.stage;
  canaryDeployment = record.apiDeploymentIds.find((id) => id !== record.deploymentId)!;
});
afterAll(async () => {
  recordTally(tally);
  await world?.close();
});

const stagePath = () => `/api/apis/${apiId}/stages/${stage}`;
const read = async (session: Session) => {
  const response = await session.request('GET', stagePath());
  expect(response.status, response.text).toBe(200);
  return { stage: Stage.parse(response.json()), etag: String(response.headers.etag) };
};

/** The stage in API Gateway equals the audit log's last successful "after" for it; counts a lost update if not. */
async function expectAuditMatchesStage(): Promise<void> {
  const audit = AuditPage.parse(
    (await alice.request('GET', `/api/audit?apiId=${apiId}&stage=${stage}`)).json(),
  );
  const last = audit.items.find((event) => event.outcome === 'success' && event.after !== null);
  const actual = await world.sdk.send(new GetStageCommand({ restApiId: apiId, stageName: stage }));
  const after = Stage.parse(last?.after);
  const agree =
    (after.canary?.percentTraffic ?? null) === (actual.canarySettings?.percentTraffic ?? null) &&
    after.deploymentId === actual.deploymentId;
  if (!agree) tally.lostUpdates += 1;
  expect(
    agree,
    `audit says ${JSON.stringify(after.canary)}, AWS has ${JSON.stringify(actual.canarySettings)}`,
  ).toBe(true);
}

describe('two operators change the same stage at once', () => {
  it('two sliders from the same view: exactly one wins, the other gets 412 with the current state', async () => {
    const seen = await read(alice);
    const created = await alice.request(
      'PUT',
      `${stagePath()}/canary`,
      { percentTraffic: 5, deploymentId: canaryDeployment },
      { 'If-Match': seen.etag },
    );
    expect(created.status, created.text).toBe(200);
    for (let round = 0; round < 5; round++) {
      const view = await read(alice);
      const [a, b] = await Promise.all([
        alice.request(
          'PUT',
          `${stagePath()}/canary`,
          { percentTraffic: 10 + round },
          { 'If-Match': view.etag },
        ),
        bob.request(
          'PUT',
          `${stagePath()}/canary`,
          { percentTraffic: 50 + round },
          { 'If-Match': view.etag },
        ),
      ]);
      tally.casesTried += 2;
      const statuses = [a.status, b.status].sort();
      if (statuses[0] === 200 && statuses[1] === 200) tally.lostUpdates += 1;
      expect(statuses, `${a.text}\n${b.text}`).toEqual([200, 412]);
      const loser = a.status === 412 ? a : b;
      expect(loser.headers['content-type']).toBe('application/problem+json');
      await expectAuditMatchesStage();
    }
  }, 60_000);

  it('slider against promote from the same view: one wins, the other 412, audit and AWS agree', async () => {
    const view = await read(alice);
    expect(view.stage.canary).not.toBeNull();
    const [slider, promote] = await Promise.all([
      alice.request('PUT', `${stagePath()}/canary`, { percentTraffic: 30 }, { 'If-Match': view.etag }),
      bob.request('POST', `${stagePath()}/canary/promote`, undefined, { 'If-Match': view.etag }),
    ]);
    tally.casesTried += 2;
    const statuses = [slider.status, promote.status].sort();
    if (statuses[0] === 200 && statuses[1] === 200) tally.lostUpdates += 1;
    expect(statuses, `${slider.text}\n${promote.text}`).toEqual([200, 412]);
    await expectAuditMatchesStage();
  }, 60_000);
});

describe('the stage lock', () => {
  it('a path the router passes through the lock twice (`/stages/*/*`) is answered, not left waiting on itself', async () => {
    for (const method of ['DELETE', 'PATCH', 'POST'] as const) {
      const answer = await Promise.race([
        alice.request(method, `/api/apis/${apiId}/stages/*/*`, {}),
        new Promise<'no answer'>((resolve) => setTimeout(() => resolve('no answer'), 5_000)),
      ]);
      tally.casesTried += 1;
      expect(answer === 'no answer' ? answer : answer.status, `${method} /stages/*/*`).toBe(404);
    }
    // And the stage's own changes still go through the lock.
    const { etag } = await read(alice);
    const changed = await alice.request(
      'PATCH',
      stagePath(),
      { description: 'after the lock test' },
      {
        'If-Match': etag,
      },
    );
    expect(changed.status, changed.text).toBe(200);
  });
});
