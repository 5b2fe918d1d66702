import {
  CreateResourceCommand,
  CreateRestApiCommand,
  DeleteMethodCommand,
  GetResourcesCommand,
  PutIntegrationCommand,
  PutMethodCommand,
} from '@aws-sdk/client-api-gateway';
import { Deployment, DeploymentDiff, Stage, StageDrift } from '@gateway-console/contract';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Caller, type Harness, startHarness } from '../../test/harness.ts';

describe('releases: diff of deployments, drift of a stage, switching, variables', () => {
  let harness: Harness;
  let viewer: Caller;
  let operator: Caller;
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

  let first: Deployment;
  let second: Deployment;

  beforeAll(async () => {
    harness = await startHarness();
    viewer = await harness.as('viewer');
    operator = await harness.as('operator');
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
});
