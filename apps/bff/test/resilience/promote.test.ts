import { randomUUID } from 'node:crypto';
import { AuditPage, Deployment, Problem, Stage } from '@gateway-console/contract';
import type { FaultRequest } from '@gateway-console/emulator/testkit';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { accountStages, stageInAws } from '../account-stages.ts';
import { type RunningConsole, type Session, startConsole } from './harness.ts';
import { emptyTally } from './summary.ts';
import { recordTally } from './tally.ts';

// Promote is two UpdateStage calls (AWS's promotion, then removing the canary settings): a failure
// between or inside them must leave a stage whose state the operator and the audit log both know.

let world: RunningConsole;
let operator: Session;
let apiId: string;
const tally = emptyTally();

const inject = (fault: FaultRequest) => world.kit.injectFault(fault);

beforeAll(async () => {
  world = await startConsole();
  operator = await world.as('operator');
  apiId = (await accountStages(world.sdk, 'PetStore'))[0]!.apiId;
});
afterEach(async () => {
  await world.kit.clearFaults();
});
afterAll(async () => {
  recordTally(tally);
  await world?.close();
});

/** A fresh stage with a 20 % canary on a new deployment whose override sets `version=v2`. */
async function stageWithCanary(): Promise<Stage> {
  const name = `promote-${randomUUID().slice(0, 8)}`;
  const base = Deployment.parse(
    (await operator.request('POST', `/api/apis/${apiId}/deployments`, { description: 'base' })).json(),
  );
  const created = await operator.request('POST', `/api/apis/${apiId}/stages`, {
    name,
    deploymentId: base.id,
    variables: { version: 'v1' },
  });
  expect(created.status, created.text).toBe(201);
  const next = Deployment.parse(
    (await operator.request('POST', `/api/apis/${apiId}/deployments`, { description: 'next' })).json(),
  );
  const canary = await operator.request(
    'PUT',
    `/api/apis/${apiId}/stages/${name}/canary`,
    { percentTraffic: 20, deploymentId: next.id, stageVariableOverrides: { version: 'v2' } },
    { 'If-Match': String(created.headers.etag) },
  );
  expect(canary.status, canary.text).toBe(200);
  return Stage.parse(canary.json());
}

/** The stage as AWS has it, read with the SDK straight from the emulator. */
const stageOfApi = (stageName: string) => stageInAws(world.sdk, apiId, stageName);

async function promote(stage: Stage) {
  const response = await operator.request(
    'POST',
    `/api/apis/${apiId}/stages/${stage.name}/canary/promote`,
    undefined,
    { 'If-Match': stage.etag },
  );
  tally.casesTried += 1;
  return response;
}

/** The audit row of the request that answered with `response` (the BFF makes its own request ids). */
async function auditRowOf(response: { json(): unknown }) {
  const { requestId } = Problem.parse(response.json());
  const page = AuditPage.parse((await operator.request('GET', `/api/audit?apiId=${apiId}&limit=200`)).json());
  return page.items.find((e) => e.requestId === requestId);
}

describe('a failure halfway through promote', () => {
  it('removing the canary fails: the problem lists what happened, and the stage and audit log agree', async () => {
    const stage = await stageWithCanary();
    // Hold the first UpdateStage (the promotion) a moment, and make AWS fail every one after it.
    await inject({ operation: 'UpdateStage', latencyMs: 1_000, count: 1 });
    const updatesBefore = world.aws.count('apigateway', 'UpdateStage');
    const answer = promote(stage);
    while (world.aws.count('apigateway', 'UpdateStage') === updatesBefore) {
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    await inject({ operation: 'UpdateStage', error: 'ServiceUnavailableException' });
    const response = await answer;

    expect(response.status, response.text).toBe(503);
    const problem = Problem.parse(response.json());
    expect(problem.title).toBe('Promoted, but the canary settings are still there (at 0 %)');
    expect(problem.steps).toEqual([
      { step: 'Stage takes the canary deployment', status: 'done' },
      { step: 'Stage takes the canary variable overrides', status: 'done' },
      { step: 'Canary traffic set to 0 %', status: 'done' },
      { step: 'Canary settings removed', status: 'failed' },
    ]);
    const actual = await stageOfApi(stage.name);
    expect(actual).toMatchObject({
      deploymentId: stage.canary!.deploymentId,
      variables: { version: 'v2' },
      canary: { deploymentId: stage.canary!.deploymentId, percentTraffic: 0 },
    });
    expect(problem.current).toMatchObject(actual);
    expect(problem.detail).toContain(`now runs deployment ${actual.deploymentId}`);

    const row = await auditRowOf(response);
    expect(row).toMatchObject({ action: 'canary.promote', stage: stage.name, outcome: 'failure' });
    expect(row!.detail).toMatch(/Done: Stage takes the canary deployment; .*Failed: Canary settings removed/);
    expect(row!.after).toMatchObject(actual);

    // Known state, so the operator can finish the job once AWS is back: rolling the canary back removes it.
    await world.kit.clearFaults();
    const now = Stage.parse(problem.current);
    const rollback = await operator.request(
      'DELETE',
      `/api/apis/${apiId}/stages/${stage.name}/canary`,
      undefined,
      { 'If-Match': now.etag },
    );
    expect(rollback.status, rollback.text).toBe(200);
    expect((await stageOfApi(stage.name)).canary).toBeNull();
  });

  it('AWS refuses the promotion itself: nothing happened, the stage is as it was', async () => {
    const stage = await stageWithCanary();
    const before = await stageOfApi(stage.name);
    await inject({ operation: 'UpdateStage', error: 'ServiceUnavailableException' });
    const response = await promote(stage);

    expect(response.status, response.text).toBe(503);
    const problem = Problem.parse(response.json());
    expect(problem.title).toBe('Promotion failed; the stage is unchanged');
    expect(problem.steps).toEqual([
      { step: 'Stage takes the canary deployment', status: 'failed' },
      { step: 'Stage takes the canary variable overrides', status: 'failed' },
      { step: 'Canary traffic set to 0 %', status: 'failed' },
      { step: 'Canary settings removed', status: 'not done' },
    ]);
    expect(await stageOfApi(stage.name)).toEqual(before);
    expect(problem.current).toMatchObject(before);

    const row = await auditRowOf(response);
    expect(row).toMatchObject({ action: 'canary.promote', outcome: 'failure' });
    expect(row!.detail).toMatch(
      /Nothing was done\. Failed: Stage takes the canary deployment.*Not done: Canary settings removed/,
    );
    expect(row!.after).toMatchObject(before);
  });
});
