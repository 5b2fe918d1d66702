import {
  CreateDeploymentCommand,
  CreateResourceCommand,
  CreateRestApiCommand,
  PutIntegrationCommand,
  PutIntegrationResponseCommand,
  PutMethodCommand,
  PutMethodResponseCommand,
} from '@aws-sdk/client-api-gateway';
import { ApiList, ApiOverviewList, Problem } from '@gateway-console/contract';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Caller, type Harness, startHarness } from '../../test/harness.ts';

describe('GET /api/apis', () => {
  let harness: Harness;
  let viewer: Caller;

  beforeAll(async () => {
    harness = await startHarness();
    viewer = await harness.as('viewer');
  });
  afterAll(() => harness.close());

  it('lists the seeded APIs through the SDK, contract-shaped', async () => {
    const response = await viewer.get('/api/apis');
    expect(response.status).toBe(200);
    const body = ApiList.parse(await response.json());
    const byName = Object.fromEntries(body.items.map((api) => [api.name, api]));
    expect(Object.keys(byName).sort()).toEqual(['Inventory', 'Payments', 'PetStore']);
    expect(byName.Payments).toMatchObject({ endpointType: 'REGIONAL' });
    // The list is GetRestApis alone: stage counts come per row on screen (/api/apis/overview).
    expect(byName.Payments?.stageCount).toBeUndefined();
    expect(byName.Inventory?.endpointType).toBe('PRIVATE');
    expect(Date.parse(byName.PetStore!.createdDate)).toBeLessThan(Date.now());
  });

  it('gives each listed row its health: the requests and 5XX errors the data plane answered lately', async () => {
    // A fresh API with no other traffic: GET /ok answers 200, GET /fail 500 (MOCK integrations).
    const { sdk } = harness;
    const api = await sdk.send(new CreateRestApiCommand({ name: `health-${Date.now().toString(36)}` }));
    const restApiId = api.id!;
    for (const [path, statusCode] of [
      ['ok', '200'],
      ['fail', '500'],
    ] as const) {
      const { id: resourceId } = await sdk.send(
        new CreateResourceCommand({ restApiId, parentId: api.rootResourceId!, pathPart: path }),
      );
      const method = { restApiId, resourceId: resourceId!, httpMethod: 'GET' };
      await sdk.send(new PutMethodCommand({ ...method, authorizationType: 'NONE' }));
      await sdk.send(
        new PutIntegrationCommand({
          ...method,
          type: 'MOCK',
          requestTemplates: { 'application/json': `{"statusCode": ${statusCode}}` },
        }),
      );
      await sdk.send(new PutMethodResponseCommand({ ...method, statusCode }));
      await sdk.send(new PutIntegrationResponseCommand({ ...method, statusCode }));
    }
    await sdk.send(new CreateDeploymentCommand({ restApiId, stageName: 'live' }));
    const overviewOf = async () =>
      ApiOverviewList.parse(await (await viewer.get(`/api/apis/overview?ids=${restApiId}`)).json()).items[0]!;

    // Not in a list the console read yet: no name to ask CloudWatch by, so no health, and no extra AWS call.
    expect((await overviewOf()).health).toBeUndefined();
    await new Promise((resolve) => setTimeout(resolve, 2_100)); // the list's read-cache period
    expect((await viewer.get('/api/apis', { 'Cache-Control': 'no-cache' })).status).toBe(200);
    expect((await overviewOf()).health).toEqual({ requests: 0, errors5xx: 0 });

    const statuses = await Promise.all(
      Array.from({ length: 30 }, (_, i) =>
        fetch(`${harness.emulator.invokeUrl(restApiId, 'live')}/${i % 3 === 0 ? 'fail' : 'ok'}`).then(
          (r) => r.status,
        ),
      ),
    );
    const failed = statuses.filter((status) => status >= 500).length;
    expect(failed).toBe(10);
    expect((await overviewOf()).health).toEqual({ requests: 30, errors5xx: failed });
  });

  it('serves its OpenAPI 3.1 document, generated from the contract', async () => {
    const response = await harness.anonymous.get('/api/openapi.json');
    expect(response.status).toBe(200);
    // biome-ignore lint/suspicious/noExplicitAny: walking a generated JSON document
    const document: any = await response.json();
    expect(document.openapi).toBe('3.1.0');
    const canary = document.paths['/api/apis/{apiId}/stages/{stage}/canary'];
    expect(Object.keys(canary).sort()).toEqual(['delete', 'put']);
    const body = canary.put.requestBody.content['application/json'].schema;
    expect(JSON.stringify(body)).toContain('percentTraffic');
    expect(JSON.stringify(document)).toContain('"maximum":100');
  });

  it('unknown routes answer problem+json with a request id', async () => {
    const response = await viewer.get('/api/nothing-here');
    expect(response.status).toBe(404);
    expect(response.headers.get('Content-Type')).toBe('application/problem+json');
    const problem = Problem.parse(await response.json());
    expect(problem).toMatchObject({ status: 404, code: 'NOT_FOUND' });
    expect(problem.requestId).toBe(response.headers.get('X-Request-Id'));
  });
});
