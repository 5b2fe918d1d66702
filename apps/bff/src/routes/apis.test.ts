import { ApiList, Problem } from '@gateway-console/contract';
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
