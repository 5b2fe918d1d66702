import { GetDeploymentsCommand, GetStageCommand } from '@aws-sdk/client-api-gateway';
import { AuditPage, Problem, Stage } from '@gateway-console/contract';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { accountStages } from '../account-stages.ts';
import { type RunningConsole, type Session, startConsole } from './harness.ts';
import { emptyTally } from './summary.ts';
import { recordTally } from './tally.ts';

// Issue #16 item 5: a deployment onto a stage changes the stage, so it gets every protection a change
// to the stage has: If-Match, the stage's lock, no move away from a running canary, before/after audited.

let world: RunningConsole;
let operator: Session;
let other: Session;
let apiId: string;
let plainStage: string;
let canaryStage: string;
const tally = emptyTally();

beforeAll(async () => {
  world = await startConsole();
  operator = await world.as('operator');
  other = await world.as('operator');
  // An API with a stage that has a canary and one that has none.
  const stages = await accountStages(world.sdk, 'PetStore');
  const canary = stages.find((s) => s.hasCanary && stages.some((o) => o.apiId === s.apiId && !o.hasCanary))!;
  apiId = canary.apiId;
  plainStage = stages.find((s) => s.apiId === apiId && !s.hasCanary)!.stage;
  canaryStage = canary.stage;
});
afterAll(async () => {
  recordTally(tally);
  await world?.close();
});

const deploymentCount = async () =>
  (await world.sdk.send(new GetDeploymentsCommand({ restApiId: apiId, limit: 500 }))).items?.length ?? 0;
const stageInAws = (stageName: string) =>
  world.sdk.send(new GetStageCommand({ restApiId: apiId, stageName }));
const read = async (stageName: string) => {
  const response = await operator.request('GET', `/api/apis/${apiId}/stages/${stageName}`);
  expect(response.status).toBe(200);
  return { stage: Stage.parse(response.json()), etag: String(response.headers.etag) };
};
const deploy = (session: Session, body: Record<string, unknown>, ifMatch?: string) =>
  session.request(
    'POST',
    `/api/apis/${apiId}/deployments`,
    { description: 'resilience deploy', ...body },
    ifMatch ? { 'If-Match': ifMatch } : {},
  );

/** A refused deployment made nothing in AWS; counts a bypass if it did. */
async function expectRefused(
  response: Awaited<ReturnType<typeof deploy>>,
  status: number,
  stageName: string,
  deploymentsBefore: number,
  deploymentIdBefore: string | undefined,
) {
  tally.casesTried += 1;
  const made = (await deploymentCount()) !== deploymentsBefore;
  const moved = (await stageInAws(stageName)).deploymentId !== deploymentIdBefore;
  if (response.status < 400 || made || moved) tally.bypasses += 1;
  expect(response.status, response.text).toBe(status);
  expect(String(response.headers['content-type'])).toMatch(/problem\+json/);
  expect(made || moved).toBe(false);
}

describe('deploying onto a stage has the stage’s protections', () => {
  it('without If-Match: 428, nothing deployed', async () => {
    const [count, before] = [await deploymentCount(), (await stageInAws(plainStage)).deploymentId];
    await expectRefused(await deploy(operator, { stageName: plainStage }), 428, plainStage, count, before);
  });

  it('with a stale If-Match: 412 with the current stage, nothing deployed', async () => {
    const view = await read(plainStage);
    const changed = await operator.request(
      'PATCH',
      `/api/apis/${apiId}/stages/${plainStage}`,
      { description: `changed meanwhile ${Date.now()}` },
      { 'If-Match': view.etag },
    );
    expect(changed.status).toBe(200);
    const count = await deploymentCount();
    const response = await deploy(operator, { stageName: plainStage }, view.etag);
    await expectRefused(response, 412, plainStage, count, view.stage.deploymentId);
    expect(Stage.parse((response.json() as { current: unknown }).current).etag).toBe(changed.headers.etag);
  });

  it('a plain deployment onto a stage running a canary: 409 naming the way out; as its canary: allowed', async () => {
    const view = await read(canaryStage);
    const count = await deploymentCount();
    const response = await deploy(operator, { stageName: canaryStage }, view.etag);
    await expectRefused(response, 409, canaryStage, count, view.stage.deploymentId);
    expect(Problem.parse(response.json()).detail).toMatch(/Promote it or roll it back/);

    const asCanary = await deploy(
      operator,
      { stageName: canaryStage, canary: { percentTraffic: 5 } },
      view.etag,
    );
    expect(asCanary.status, asCanary.text).toBe(201);
    const { id } = asCanary.json() as { id: string };
    expect((await stageInAws(canaryStage)).canarySettings?.deploymentId).toBe(id);
  });

  it('two deployments from the same view at once: the lock lets one through, the other gets 412', async () => {
    const view = await read(plainStage);
    const count = await deploymentCount();
    // CreateDeployment is slow: without the lock both If-Match checks would pass before either lands.
    await world.kit.injectFault({ operation: 'CreateDeployment', latencyMs: 500, count: 2 });
    const responses = await Promise.all([
      deploy(operator, { stageName: plainStage }, view.etag),
      deploy(other, { stageName: plainStage }, view.etag),
    ]);
    await world.kit.clearFaults();
    tally.casesTried += 2;
    const statuses = responses.map((r) => r.status).sort();
    if (statuses[0] === 201 && statuses[1] === 201) tally.lostUpdates += 1;
    expect(statuses, responses.map((r) => r.text).join('\n')).toEqual([201, 412]);
    expect(await deploymentCount()).toBe(count + 1);
  });

  it('a deployment onto a stage is audited with the stage before and after', async () => {
    const view = await read(plainStage);
    const response = await deploy(
      operator,
      { stageName: plainStage, description: 'audited deploy' },
      view.etag,
    );
    expect(response.status, response.text).toBe(201);
    const { id } = response.json() as { id: string };
    const audit = AuditPage.parse(
      (await operator.request('GET', `/api/audit?apiId=${apiId}&stage=${plainStage}`)).json(),
    );
    const row = audit.items.find((e) => e.action === 'deployment.create' && e.outcome === 'success')!;
    expect(Stage.parse(row.before)).toMatchObject({ etag: view.etag, deploymentId: view.stage.deploymentId });
    expect(Stage.parse(row.after)).toMatchObject({ deploymentId: id });
    expect(row.detail).toBe(`deployment ${id}`);
  });
});
