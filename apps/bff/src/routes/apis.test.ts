import { APIGatewayClient } from '@aws-sdk/client-api-gateway';
import { CloudWatchClient } from '@aws-sdk/client-cloudwatch';
import { ApiList, Problem } from '@gateway-console/contract';
import { type RunningEmulator, startEmulator } from '@gateway-console/emulator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../app.ts';
import { Gateway } from '../aws/gateway.ts';
import { Metrics } from '../aws/metrics.ts';

describe('GET /api/apis', () => {
  let emulator: RunningEmulator;
  let app: ReturnType<typeof createApp>;

  beforeAll(async () => {
    emulator = await startEmulator({ port: 0, seed: 'demo' });
    const aws = {
      region: 'us-east-1',
      endpoint: emulator.url,
      credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
    };
    app = createApp({
      gateway: new Gateway(new APIGatewayClient(aws)),
      metrics: new Metrics(new CloudWatchClient(aws)),
    });
  });
  afterAll(() => emulator.close());

  it('lists the seeded APIs through the SDK, contract-shaped', async () => {
    const response = await app.request('/api/apis');
    expect(response.status).toBe(200);
    const body = ApiList.parse(await response.json());
    const byName = Object.fromEntries(body.items.map((api) => [api.name, api]));
    expect(Object.keys(byName).sort()).toEqual(['Inventory', 'Payments', 'PetStore']);
    expect(byName.Payments).toMatchObject({ endpointType: 'REGIONAL', stageCount: 3 });
    expect(byName.Inventory?.endpointType).toBe('PRIVATE');
    expect(Date.parse(byName.PetStore!.createdDate)).toBeLessThan(Date.now());
  });

  it('unknown routes answer problem+json with a request id', async () => {
    const response = await app.request('/api/nothing-here');
    expect(response.status).toBe(404);
    expect(response.headers.get('Content-Type')).toBe('application/problem+json');
    const problem = Problem.parse(await response.json());
    expect(problem).toMatchObject({ status: 404, code: 'NOT_FOUND' });
    expect(problem.requestId).toBe(response.headers.get('X-Request-Id'));
  });
});
