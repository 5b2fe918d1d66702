import {
  GetDeploymentsCommand,
  GetRestApisCommand,
  GetStageCommand,
  NotFoundException,
} from '@aws-sdk/client-api-gateway';
import {
  ApiDetail,
  AuditPage,
  Deployment,
  DeploymentList,
  PromoteResult,
  Stage,
  StageList,
} from '@gateway-console/contract';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Caller, type Harness, problemOf, startHarness } from '../../test/harness.ts';

describe('stages, deployments and canaries through the BFF, checked in API Gateway', () => {
  let harness: Harness;
  let viewer: Caller;
  let operator: Caller;
  let admin: Caller;
  let apiId: string;
  let base: string;
  /** Deployments created by the tests, oldest first. */
  const deployments: Deployment[] = [];

  const readStage = async (name: string) => {
    const response = await viewer.get(`${base}/stages/${name}`);
    expect(response.status, await response.clone().text()).toBe(200);
    const stage = Stage.parse(await response.json());
    expect(response.headers.get('ETag')).toBe(stage.etag);
    return stage;
  };
  const awsStage = (stageName: string) =>
    harness.sdk.send(new GetStageCommand({ restApiId: apiId, stageName }));
  const deploy = async (description: string) => {
    const response = await operator.request('POST', `${base}/deployments`, { description });
    expect(response.status, await response.clone().text()).toBe(201);
    const deployment = Deployment.parse(await response.json());
    deployments.push(deployment);
    return deployment;
  };
  const createStage = async (name: string, deploymentId: string) => {
    const response = await operator.request('POST', `${base}/stages`, {
      name,
      deploymentId,
      description: name,
    });
    expect(response.status, await response.clone().text()).toBe(201);
    return Stage.parse(await response.json());
  };

  beforeAll(async () => {
    harness = await startHarness();
    [viewer, operator, admin] = await Promise.all([
      harness.as('viewer'),
      harness.as('operator'),
      harness.as('admin'),
    ]);
    const apis = await harness.sdk.send(new GetRestApisCommand({}));
    apiId = apis.items!.find((api) => api.name === 'PetStore')!.id!;
    base = `/api/apis/${apiId}`;
    await deploy('first');
    await deploy('second');
  });
  afterAll(() => harness.close());

  it('shows an API with its resources and methods', async () => {
    const response = await viewer.get(base);
    expect(response.status).toBe(200);
    const api = ApiDetail.parse(await response.json());
    expect(api.name).toBe('PetStore');
    const pet = api.resources.find((r) => r.path === '/pets/{petId}');
    expect(pet?.methods).toEqual([
      expect.objectContaining({ httpMethod: 'GET', authorizationType: 'NONE', apiKeyRequired: false }),
    ]);
    expect(pet?.methods[0]?.integration?.type).toBe('HTTP_PROXY');
  });

  it('lists deployments newest first and stages with their canary', async () => {
    const list = DeploymentList.parse(await (await viewer.get(`${base}/deployments`)).json());
    expect(list.items[0]?.id).toBe(deployments[1]!.id);
    expect(list.items.map((d) => d.description)).toContain('v1: catalogue launch');
    const stages = StageList.parse(await (await viewer.get(`${base}/stages`)).json());
    const prod = stages.items.find((s) => s.name === 'prod');
    expect(prod?.canary).toMatchObject({ percentTraffic: 10, stageVariableOverrides: { version: 'v2' } });
  });

  it('creates a stage, changes its settings with If-Match, refuses stale views, deletes it as admin', async () => {
    const created = await createStage('blue', deployments[0]!.id);
    expect(created).toMatchObject({ name: 'blue', deploymentId: deployments[0]!.id, canary: null });
    const seen = await readStage('blue');

    const change = {
      description: 'blue stage',
      variables: { color: 'blue' },
      cacheClusterEnabled: true,
      cacheClusterSize: '1.6',
      methodSettings: {
        '*/*': { throttlingRateLimit: 50, throttlingBurstLimit: 20 },
        '/pets/{petId}/GET': { cachingEnabled: true, cacheTtlInSeconds: 60 },
      },
    };
    const without = await operator.request('PATCH', `${base}/stages/blue`, change);
    expect((await problemOf(without, 428)).code).toBe('PRECONDITION_REQUIRED');

    const patched = await operator.request('PATCH', `${base}/stages/blue`, change, { 'If-Match': seen.etag });
    expect(patched.status, await patched.clone().text()).toBe(200);
    const after = Stage.parse(await patched.json());
    expect(after.etag).not.toBe(seen.etag);
    const aws = await awsStage('blue');
    expect(aws).toMatchObject({
      description: 'blue stage',
      variables: { color: 'blue' },
      cacheClusterEnabled: true,
    });
    expect(aws.cacheClusterSize).toBe('1.6');
    expect(aws.methodSettings?.['*/*']).toMatchObject({ throttlingRateLimit: 50, throttlingBurstLimit: 20 });
    expect(aws.methodSettings?.['~1pets~1{petId}/GET']).toMatchObject({
      cachingEnabled: true,
      cacheTtlInSeconds: 60,
    });

    // Someone else's view from before the change is stale: 412 with the stage as it is now.
    const stale = await operator.request(
      'PATCH',
      `${base}/stages/blue`,
      { description: 'mine' },
      { 'If-Match': seen.etag },
    );
    const problem = await problemOf(stale, 412);
    expect(problem.code).toBe('PRECONDITION_FAILED');
    expect(Stage.parse(problem.current).description).toBe('blue stage');
    expect((await awsStage('blue')).description).toBe('blue stage');

    const byOperator = await operator.request('DELETE', `${base}/stages/blue`, undefined, {
      'If-Match': after.etag,
    });
    expect((await problemOf(byOperator, 403)).code).toBe('FORBIDDEN');
    const deleted = await admin.request('DELETE', `${base}/stages/blue`, undefined, {
      'If-Match': after.etag,
    });
    expect(deleted.status).toBe(204);
    await expect(awsStage('blue')).rejects.toBeInstanceOf(NotFoundException);
  });

  it('runs the canary life cycle: create → 25 % → promote → gone', async () => {
    const [first, second] = deployments;
    await createStage('canary-life', first!.id);
    let seen = await readStage('canary-life');

    const started = await operator.request(
      'PUT',
      `${base}/stages/canary-life/canary`,
      { percentTraffic: 10, deploymentId: second!.id, stageVariableOverrides: { version: 'next' } },
      { 'If-Match': seen.etag },
    );
    expect(started.status, await started.clone().text()).toBe(200);
    seen = Stage.parse(await started.json());
    expect((await awsStage('canary-life')).canarySettings).toMatchObject({
      deploymentId: second!.id,
      percentTraffic: 10,
      stageVariableOverrides: { version: 'next' },
    });

    const raised = await operator.request(
      'PUT',
      `${base}/stages/canary-life/canary`,
      { percentTraffic: 25 },
      { 'If-Match': seen.etag },
    );
    expect(raised.status).toBe(200);
    seen = Stage.parse(await raised.json());
    expect((await awsStage('canary-life')).canarySettings?.percentTraffic).toBe(25);

    const promoted = await operator.request('POST', `${base}/stages/canary-life/canary/promote`, undefined, {
      'If-Match': seen.etag,
    });
    expect(promoted.status, await promoted.clone().text()).toBe(200);
    const result = PromoteResult.parse(await promoted.json());
    expect(result.steps.map((s) => s.status)).toEqual(['done', 'done', 'done', 'done']);
    const aws = await awsStage('canary-life');
    expect(aws.canarySettings).toBeUndefined();
    expect(aws.deploymentId).toBe(second!.id);
    expect(aws.variables).toMatchObject({ version: 'next' });
    expect(result.stage.canary).toBeNull();

    const again = await operator.request('POST', `${base}/stages/canary-life/canary/promote`, undefined, {
      'If-Match': result.stage.etag,
    });
    expect((await problemOf(again, 409)).code).toBe('NO_CANARY');
  });

  it('rolls a canary back, and refuses a stage rollback while a canary runs', async () => {
    const [first, second] = deployments;
    await createStage('rollback', second!.id);
    let seen = await readStage('rollback');
    const started = await operator.request(
      'PUT',
      `${base}/stages/rollback/canary`,
      { percentTraffic: 50, deploymentId: first!.id },
      { 'If-Match': seen.etag },
    );
    seen = Stage.parse(await started.json());

    const refused = await operator.request(
      'POST',
      `${base}/stages/rollback/rollback`,
      { deploymentId: first!.id },
      { 'If-Match': seen.etag },
    );
    expect((await problemOf(refused, 409)).code).toBe('CANARY_ACTIVE');

    const rolledBack = await operator.request('DELETE', `${base}/stages/rollback/canary`, undefined, {
      'If-Match': seen.etag,
    });
    expect(rolledBack.status).toBe(200);
    seen = Stage.parse(await rolledBack.json());
    expect((await awsStage('rollback')).canarySettings).toBeUndefined();
    expect((await awsStage('rollback')).deploymentId).toBe(second!.id);

    const moved = await operator.request(
      'POST',
      `${base}/stages/rollback/rollback`,
      { deploymentId: first!.id },
      { 'If-Match': seen.etag },
    );
    expect(moved.status, await moved.clone().text()).toBe(200);
    expect((await awsStage('rollback')).deploymentId).toBe(first!.id);
  });

  it('deploys as a canary onto an existing stage and flushes the stage cache', async () => {
    const created = await createStage('green', deployments[0]!.id);
    const response = await operator.request(
      'POST',
      `${base}/deployments`,
      { description: 'green canary', stageName: 'green', canary: { percentTraffic: 5 } },
      { 'If-Match': created.etag },
    );
    expect(response.status, await response.clone().text()).toBe(201);
    const deployment = Deployment.parse(await response.json());
    expect((await awsStage('green')).canarySettings).toMatchObject({
      deploymentId: deployment.id,
      percentTraffic: 5,
    });

    // AWS refuses to flush a stage without a cache cluster; its message reaches the operator.
    const refused = await operator.request('POST', `${base}/stages/green/cache/flush`);
    const problem = await problemOf(refused, 400);
    expect(problem.code).toBe('AWS_BAD_REQUEST');
    expect(problem.detail).toContain('cache cluster is not enabled');

    const seen = await readStage('green');
    const enabled = await operator.request(
      'PATCH',
      `${base}/stages/green`,
      { cacheClusterEnabled: true },
      { 'If-Match': seen.etag },
    );
    expect(enabled.status).toBe(200);
    const flushed = await operator.request('POST', `${base}/stages/green/cache/flush`);
    expect(flushed.status).toBe(202);
  });

  it('refuses viewers, callers without the CSRF header, and foreign origins', async () => {
    const seen = await readStage('dev');
    const asViewer = await viewer.request(
      'PATCH',
      `${base}/stages/dev`,
      { description: 'x' },
      { 'If-Match': seen.etag },
    );
    expect((await problemOf(asViewer, 403)).code).toBe('FORBIDDEN');
    const noCsrf = await operator.request('POST', `${base}/stages/dev/cache/flush`, undefined, {
      'X-Requested-With': '',
    });
    expect((await problemOf(noCsrf, 403)).code).toBe('CSRF_REJECTED');
    const foreign = await operator.request(
      'POST',
      `${base}/deployments`,
      {},
      { Origin: 'https://attacker.example' },
    );
    expect((await problemOf(foreign, 403)).code).toBe('CSRF_REJECTED');
    expect((await harness.anonymous.get(`${base}/stages`)).status).toBe(401);
    expect((await awsStage('dev')).description).not.toBe('x');
  });

  it('answers bad input with 400 problem+json before anything reaches AWS', async () => {
    const before = (await harness.sdk.send(new GetDeploymentsCommand({ restApiId: apiId }))).items?.length;
    const seen = await readStage('dev');
    const ifMatch = { 'If-Match': seen.etag };
    const cases: [string, string, unknown][] = [
      ['PUT', `${base}/stages/dev/canary`, { percentTraffic: 150, deploymentId: deployments[0]!.id }],
      ['PUT', `${base}/stages/dev/canary`, { percentTraffic: 'abc' }],
      ['POST', `${base}/stages`, { name: 'has spaces', deploymentId: deployments[0]!.id }],
      ['POST', `${base}/stages`, { name: 'x'.repeat(200), deploymentId: deployments[0]!.id }],
      ['PATCH', `${base}/stages/dev`, { cacheClusterSize: '2.0' }],
      ['PATCH', `${base}/stages/dev`, { methodSettings: { '*/*': { cacheTtlInSeconds: 4000 } } }],
      ['PATCH', `${base}/stages/dev`, { description: 'ok', surprise: true }],
      ['PATCH', `${base}/stages/dev`, {}],
      ['POST', `${base}/deployments`, { canary: { percentTraffic: 10 } }],
      ['POST', `${base}/stages/dev/rollback`, { deploymentId: 'not an id!' }],
    ];
    for (const [method, path, body] of cases) {
      const problem = await problemOf(await operator.request(method, path, body, ifMatch), 400);
      expect(problem.code, JSON.stringify(body)).toBe('VALIDATION_FAILED');
      expect(problem.detail).toBeTruthy();
    }
    const badStage = await viewer.get(`${base}/stages/${'y'.repeat(200)}`);
    expect((await problemOf(badStage, 400)).code).toBe('VALIDATION_FAILED');
    expect((await readStage('dev')).etag).toBe(seen.etag);
    expect((await harness.sdk.send(new GetDeploymentsCommand({ restApiId: apiId }))).items?.length).toBe(
      before,
    );
  });

  it('answers 404 for an unknown API or stage', async () => {
    expect((await problemOf(await viewer.get('/api/apis/nosuchapi'), 404)).code).toBe('NOT_FOUND');
    expect((await problemOf(await viewer.get(`${base}/stages/nosuchstage`), 404)).code).toBe('NOT_FOUND');
    expect((await problemOf(await viewer.get('/api/apis/nosuchapi/stages'), 404)).code).toBe('NOT_FOUND');
  });

  it('records every mutation in the audit log, refused and failed ones too', async () => {
    const page = AuditPage.parse(await (await viewer.get(`/api/audit?apiId=${apiId}&limit=200`)).json());
    const byAction = (action: string) => page.items.filter((e) => e.action === action);
    expect(byAction('stage.create').filter((e) => e.outcome === 'success').length).toBeGreaterThanOrEqual(4);
    expect(byAction('canary.promote').map((e) => e.outcome)).toEqual(['refused', 'success']);
    const promoted = byAction('canary.promote').find((e) => e.outcome === 'success')!;
    expect(promoted).toMatchObject({ actor: 'operator', role: 'operator', stage: 'canary-life' });
    expect(Stage.parse(promoted.before).canary?.percentTraffic).toBe(25);
    expect(Stage.parse(promoted.after).canary).toBeNull();
    expect(byAction('stage.delete').map((e) => [e.actor, e.outcome])).toEqual([
      ['admin', 'success'],
      ['operator', 'refused'],
    ]);
    expect(byAction('stage.update').some((e) => e.actor === 'viewer' && e.outcome === 'refused')).toBe(true);
    expect(byAction('stage.update').some((e) => e.detail?.includes('412'))).toBe(true);
    for (const action of [
      'canary.set',
      'canary.rollback',
      'stage.rollback',
      'stage.flushCache',
      'deployment.create',
    ]) {
      expect(byAction(action).length, action).toBeGreaterThan(0);
    }
    const times = page.items.map((e) => e.time);
    expect([...times].sort().reverse()).toEqual(times);

    const first = AuditPage.parse(await (await viewer.get('/api/audit?actor=admin&limit=1')).json());
    expect(first.items).toHaveLength(1);
    expect(first.items[0]?.actor).toBe('admin');
    const next = AuditPage.parse(
      await (await viewer.get(`/api/audit?actor=admin&limit=1&cursor=${first.nextCursor}`)).json(),
    );
    expect(next.items[0]?.id).not.toBe(first.items[0]?.id);
    const staged = AuditPage.parse(
      await (await viewer.get(`/api/audit?apiId=${apiId}&stage=rollback`)).json(),
    );
    expect(staged.items.every((e) => e.stage === 'rollback')).toBe(true);
    const future = AuditPage.parse(
      await (await viewer.get(`/api/audit?from=${new Date(Date.now() + 3_600_000).toISOString()}`)).json(),
    );
    expect(future.items).toEqual([]);
  });
});
