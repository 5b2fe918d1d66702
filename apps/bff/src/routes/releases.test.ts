import {
  CreateResourceCommand,
  CreateRestApiCommand,
  DeleteMethodCommand,
  GetResourcesCommand,
  GetStageCommand,
  NotFoundException,
  PutIntegrationCommand,
  PutMethodCommand,
} from '@aws-sdk/client-api-gateway';
import { AuditPage, Deployment, DeploymentDiff, Stage, StageDrift } from '@gateway-console/contract';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Caller, type Harness, problemOf, startHarness } from '../../test/harness.ts';

describe('releases: diff of deployments, drift of a stage, switching, variables', () => {
  let harness: Harness;
  let viewer: Caller;
  let operator: Caller;
  let admin: Caller;
  let apiId: string;
  let base: string;
  const resourceIds = new Map<string, string>();

  /** Replaces a method's integration (PutIntegration overwrites). */
  const integrate = (path: string, method: string, uri: string) =>
    harness.sdk.send(
      new PutIntegrationCommand({
        restApiId: apiId,
        resourceId: resourceIds.get(path)!,
        httpMethod: method,
        type: 'HTTP',
        integrationHttpMethod: method,
        uri,
        timeoutInMillis: 5_000,
      }),
    );
  const addMethod = async (path: string, method: string, uri: string, apiKeyRequired = false) => {
    const resourceId = resourceIds.get(path)!;
    await harness.sdk.send(
      new PutMethodCommand({
        restApiId: apiId,
        resourceId,
        httpMethod: method,
        authorizationType: 'NONE',
        apiKeyRequired,
      }),
    );
    await integrate(path, method, uri);
  };
  const readStage = async (name: string) => {
    const response = await viewer.get(`${base}/stages/${name}`);
    expect(response.status).toBe(200);
    return Stage.parse(await response.json());
  };
  const deploy = async (description: string, stageName?: string, ifMatch?: string) => {
    const response = await operator.request(
      'POST',
      `${base}/deployments`,
      { description, ...(stageName ? { stageName } : {}) },
      ifMatch ? { 'If-Match': ifMatch } : {},
    );
    expect(response.status, await response.clone().text()).toBe(201);
    return Deployment.parse(await response.json());
  };
  const diff = async (from: string, to: string, stage?: string) => {
    const response = await viewer.get(
      `${base}/deployments/diff?from=${from}&to=${to}${stage ? `&stage=${stage}` : ''}`,
    );
    expect(response.status, await response.clone().text()).toBe(200);
    return DeploymentDiff.parse(await response.json());
  };
  const drift = async (stage: string) => {
    const response = await viewer.get(`${base}/stages/${stage}/drift`, { 'Cache-Control': 'no-cache' });
    expect(response.status, await response.clone().text()).toBe(200);
    return StageDrift.parse(await response.json());
  };

  const awsStage = (stageName: string) =>
    harness.sdk.send(new GetStageCommand({ restApiId: apiId, stageName }));

  let first: Deployment;
  let second: Deployment;

  beforeAll(async () => {
    harness = await startHarness();
    viewer = await harness.as('viewer');
    operator = await harness.as('operator');
    admin = await harness.as('admin');
    const api = await harness.sdk.send(new CreateRestApiCommand({ name: `releases-${Date.now()}` }));
    apiId = api.id!;
    base = `/api/apis/${apiId}`;
    const root = (await harness.sdk.send(new GetResourcesCommand({ restApiId: apiId }))).items![0]!;
    for (const part of ['pets', 'orders', 'users']) {
      const created = await harness.sdk.send(
        new CreateResourceCommand({ restApiId: apiId, parentId: root.id!, pathPart: part }),
      );
      resourceIds.set(`/${part}`, created.id!);
    }
    await addMethod('/pets', 'GET', 'https://pets.example/v1');
    await addMethod('/orders', 'GET', 'https://orders.example/v1');
    await addMethod('/orders', 'DELETE', 'https://orders.example/v1');
    first = await deploy('first', 'blue');
  });
  afterAll(() => harness.close());

  it('drift lists exactly what the stage does not run yet', async () => {
    expect(await drift('blue')).toMatchObject({ added: [], removed: [], changed: [] });
    await addMethod('/users', 'POST', 'https://users.example/v1');
    await integrate('/pets', 'GET', 'https://pets.example/v2');
    // The same method again, now requiring an API key.
    await harness.sdk.send(
      new DeleteMethodCommand({
        restApiId: apiId,
        resourceId: resourceIds.get('/orders')!,
        httpMethod: 'GET',
      }),
    );
    await addMethod('/orders', 'GET', 'https://orders.example/v1', true);
    await harness.sdk.send(
      new DeleteMethodCommand({
        restApiId: apiId,
        resourceId: resourceIds.get('/orders')!,
        httpMethod: 'DELETE',
      }),
    );
    // A no-cache reload is answered from the read cache for one period (2 s): however many ask, AWS is
    // asked once per period. Past it, the changes made straight through the SDK show.
    await new Promise((resolve) => setTimeout(resolve, 2_100));
    const drifted = await drift('blue');
    expect(drifted.deploymentId).toBe(first.id);
    expect(drifted.added).toEqual([{ path: '/users', method: 'POST' }]);
    expect(drifted.removed).toEqual([{ path: '/orders', method: 'DELETE' }]);
    expect(drifted.changed).toEqual([
      { path: '/orders', method: 'GET', fields: [{ name: 'apiKeyRequired', from: 'false', to: 'true' }] },
      {
        path: '/pets',
        method: 'GET',
        fields: [{ name: 'uri', from: 'https://pets.example/v1', to: 'https://pets.example/v2' }],
      },
    ]);
    expect(drifted.compared).toEqual(expect.arrayContaining(['integrationType', 'uri', 'timeoutInMillis']));
  });

  it('the diff of two deployments lists exactly what changed, integrations included while stages run them', async () => {
    second = await deploy('second', 'green');
    const forward = await diff(first.id, second.id);
    expect(forward.added).toEqual([{ path: '/users', method: 'POST' }]);
    expect(forward.removed).toEqual([{ path: '/orders', method: 'DELETE' }]);
    expect(forward.changed.map((c) => [c.path, c.method, c.fields.map((f) => f.name)])).toEqual([
      ['/orders', 'GET', ['apiKeyRequired']],
      ['/pets', 'GET', ['uri']],
    ]);
    expect(forward.compared).toContain('uri');
    // Backwards is the mirror image.
    const backward = await diff(second.id, first.id);
    expect(backward.added).toEqual(forward.removed);
    expect(backward.removed).toEqual(forward.added);
    // After deploying, blue drifts no more than what green runs.
    expect((await drift('green')).added).toEqual([]);
  });

  it('switches a stage forward and back', async () => {
    for (const target of [second, first]) {
      const seen = await readStage('blue');
      const moved = await operator.request(
        'POST',
        `${base}/stages/blue/rollback`,
        { deploymentId: target.id },
        { 'If-Match': seen.etag },
      );
      expect(moved.status, await moved.clone().text()).toBe(200);
      expect(Stage.parse(await moved.json()).deploymentId).toBe(target.id);
    }
  });

  it('a canary’s variable overrides count in the diff for its stage', async () => {
    const seen = await readStage('blue');
    const edited = await operator.request(
      'PATCH',
      `${base}/stages/blue`,
      { variables: { upstream: 'v1' } },
      { 'If-Match': seen.etag },
    );
    expect(edited.status).toBe(200);
    const canary = await operator.request(
      'PUT',
      `${base}/stages/blue/canary`,
      { percentTraffic: 10, deploymentId: second.id, stageVariableOverrides: { upstream: 'v2' } },
      { 'If-Match': String(edited.headers.get('ETag')) },
    );
    expect(canary.status, await canary.clone().text()).toBe(200);
    expect((await diff(first.id, second.id, 'blue')).variables).toEqual([
      { name: 'upstream', from: 'v1', to: 'v2' },
    ]);
    expect((await diff(second.id, first.id, 'blue')).variables).toEqual([]);
  });

  it('variable edits round-trip; a stale edit gets 412 and changes nothing', async () => {
    const seen = await readStage('green');
    const added = await operator.request(
      'PATCH',
      `${base}/stages/green`,
      { variables: { region: 'eu_west', color: 'green' } },
      { 'If-Match': seen.etag },
    );
    expect(added.status).toBe(200);
    expect((await readStage('green')).variables).toEqual({ region: 'eu_west', color: 'green' });
    const removed = await operator.request(
      'PATCH',
      `${base}/stages/green`,
      { variables: { color: null, region: 'us_east' } },
      { 'If-Match': String(added.headers.get('ETag')) },
    );
    expect(removed.status).toBe(200);
    expect((await readStage('green')).variables).toEqual({ region: 'us_east' });
    const stale = await operator.request(
      'PATCH',
      `${base}/stages/green`,
      { variables: { region: 'stale' } },
      { 'If-Match': seen.etag },
    );
    expect(stale.status).toBe(412);
    expect((await readStage('green')).variables).toEqual({ region: 'us_east' });
  });

  it('refuses stage variables AWS would refuse with a 400 problem, before anything reaches AWS', async () => {
    const seen = await readStage('green');
    for (const variables of [{ 'bad name': 'x' }, { ok: 'has space' }, { ok: '' }, { ok: 'v'.repeat(513) }]) {
      const refused = await operator.request(
        'PATCH',
        `${base}/stages/green`,
        { variables },
        { 'If-Match': seen.etag },
      );
      const problem = await problemOf(refused, 400);
      expect(problem.code).toBe('VALIDATION_FAILED');
      expect(problem.errors?.[0]?.path).toMatch(/^variables/);
    }
    expect((await awsStage('green')).variables).toEqual(seen.variables);
    const created = await operator.request('POST', `${base}/stages`, {
      name: 'refused',
      deploymentId: first.id,
      variables: { upstream: 'https://a b' },
    });
    expect((await problemOf(created, 400)).code).toBe('VALIDATION_FAILED');
    await expect(awsStage('refused')).rejects.toBeInstanceOf(NotFoundException);
    for (const description of [undefined, '  ']) {
      const deployed = await operator.request('POST', `${base}/deployments`, { description });
      expect((await problemOf(deployed, 400)).errors?.[0]?.path).toBe('description');
    }
    const blue = await readStage('blue');
    const canary = await operator.request(
      'PUT',
      `${base}/stages/blue/canary`,
      { percentTraffic: 10, stageVariableOverrides: { 'owner:app': 'x' } },
      { 'If-Match': blue.etag },
    );
    expect((await problemOf(canary, 400)).code).toBe('VALIDATION_FAILED');
    expect((await readStage('blue')).etag).toBe(blue.etag);
  });

  it('changes a running canary’s deployment, overrides and stage-cache use with If-Match; stale gets 412', async () => {
    const seen = await readStage('blue');
    expect(seen.canary).toMatchObject({
      deploymentId: second.id,
      stageVariableOverrides: { upstream: 'v2' },
    });
    const third = await deploy('third');
    const change = {
      percentTraffic: seen.canary!.percentTraffic,
      deploymentId: third.id,
      stageVariableOverrides: { upstream: null, flag: 'on' },
      useStageCache: !seen.canary!.useStageCache,
    };
    const changed = await operator.request('PUT', `${base}/stages/blue/canary`, change, {
      'If-Match': seen.etag,
    });
    expect(changed.status, await changed.clone().text()).toBe(200);
    const aws = await awsStage('blue');
    expect(aws.deploymentId).toBe(seen.deploymentId);
    expect(aws.canarySettings).toEqual({
      deploymentId: third.id,
      percentTraffic: seen.canary!.percentTraffic,
      stageVariableOverrides: { flag: 'on' },
      useStageCache: !seen.canary!.useStageCache,
    });
    const stale = await operator.request(
      'PUT',
      `${base}/stages/blue/canary`,
      { ...change, deploymentId: second.id },
      { 'If-Match': seen.etag },
    );
    expect((await problemOf(stale, 412)).code).toBe('PRECONDITION_FAILED');
    expect((await awsStage('blue')).canarySettings?.deploymentId).toBe(third.id);
  });

  it('creates a stage with variables and cache; an admin deletes it while its canary runs, as AWS allows', async () => {
    const created = await operator.request('POST', `${base}/stages`, {
      name: 'doomed',
      deploymentId: first.id,
      description: 'short-lived',
      variables: { upstream: 'https://v1.example/a?b=c' },
      cacheClusterEnabled: true,
      cacheClusterSize: '0.5',
    });
    expect(created.status, await created.clone().text()).toBe(201);
    expect(await awsStage('doomed')).toMatchObject({
      variables: { upstream: 'https://v1.example/a?b=c' },
      cacheClusterEnabled: true,
      cacheClusterSize: '0.5',
    });
    const described = await operator.request(
      'PATCH',
      `${base}/stages/doomed`,
      { description: 'about to go' },
      { 'If-Match': String(created.headers.get('ETag')) },
    );
    expect(described.status).toBe(200);
    const withCanary = await operator.request(
      'PUT',
      `${base}/stages/doomed/canary`,
      { percentTraffic: 5, deploymentId: second.id },
      { 'If-Match': String(described.headers.get('ETag')) },
    );
    expect(withCanary.status).toBe(200);
    const seen = Stage.parse(await withCanary.json());
    expect(seen.description).toBe('about to go');

    const byOperator = await operator.request('DELETE', `${base}/stages/doomed`, undefined, {
      'If-Match': seen.etag,
    });
    expect((await problemOf(byOperator, 403)).code).toBe('FORBIDDEN');
    const stale = await admin.request('DELETE', `${base}/stages/doomed`, undefined, {
      'If-Match': String(described.headers.get('ETag')),
    });
    expect((await problemOf(stale, 412)).code).toBe('PRECONDITION_FAILED');
    expect((await awsStage('doomed')).canarySettings?.deploymentId).toBe(second.id);

    const deleted = await admin.request('DELETE', `${base}/stages/doomed`, undefined, {
      'If-Match': seen.etag,
    });
    expect(deleted.status).toBe(204);
    await expect(awsStage('doomed')).rejects.toBeInstanceOf(NotFoundException);
    const audit = AuditPage.parse(await (await admin.get(`/api/audit?apiId=${apiId}&stage=doomed`)).json());
    const deletion = audit.items.find((e) => e.action === 'stage.delete' && e.outcome === 'success');
    expect(deletion).toMatchObject({ actor: 'admin', stage: 'doomed' });
    expect(Stage.parse(deletion!.before).canary?.deploymentId).toBe(second.id);
  });
});
