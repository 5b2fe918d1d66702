import { APIGatewayClient } from '@aws-sdk/client-api-gateway';
import { CloudWatchClient } from '@aws-sdk/client-cloudwatch';
import { ApiList, Problem } from '@gateway-console/contract';
import { type RunningEmulator, startEmulator } from '@gateway-console/emulator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../app.ts';
import { Gateway } from '../aws/gateway.ts';
import { Metrics } from '../aws/metrics.ts';

const credentials = { accessKeyId: 'test', secretAccessKey: 'test' };
const awsAt = (endpoint: string) => ({ region: 'us-east-1', endpoint, credentials, maxAttempts: 1 });

describe('GET /api/apis/:apiId/stages/:stage/metrics', () => {
  let emulator: RunningEmulator;
  let petStoreId: string;

  beforeAll(async () => {
    emulator = await startEmulator({ port: 0, seed: 'demo' });
  });
  afterAll(() => emulator.close());

  const appWith = (cloudWatchEndpoint: string) =>
    createApp({
      gateway: new Gateway(new APIGatewayClient(awsAt(emulator.url))),
      metrics: new Metrics(new CloudWatchClient(awsAt(cloudWatchEndpoint))),
    });

  beforeAll(async () => {
    const list = ApiList.parse(await (await appWith(emulator.url).request('/api/apis')).json());
    petStoreId = list.items.find((api) => api.name === 'PetStore')!.id;
  });

  it('a CloudWatch that does not answer gives a problem, not an empty chart', async () => {
    // A port nothing listens on: the SDK fails to connect, as it would with CloudWatch unreachable.
    const closed = await startEmulator({ port: 0, seed: 'none' });
    await closed.close();
    const response = await appWith(closed.url).request(
      `/api/apis/${petStoreId}/stages/prod/metrics?range=1h`,
    );
    expect(response.status).toBe(502);
    expect(response.headers.get('Content-Type')).toBe('application/problem+json');
    const problem = Problem.parse(await response.json());
    expect(problem).toMatchObject({ code: 'AWS_UNAVAILABLE', title: 'CloudWatch is unavailable' });
  });

  it('rejects a range it does not offer before asking CloudWatch', async () => {
    const response = await appWith(emulator.url).request(
      `/api/apis/${petStoreId}/stages/prod/metrics?range=2d`,
    );
    expect(response.status).toBe(400);
    const problem = Problem.parse(await response.json());
    expect(problem.code).toBe('VALIDATION_FAILED');
    expect(problem.errors?.[0]?.path).toBe('query.range');
  });

  it('answers 404 for an API that does not exist', async () => {
    const response = await appWith(emulator.url).request('/api/apis/nosuchapi/metrics');
    expect(response.status).toBe(404);
    expect(Problem.parse(await response.json()).code).toBe('NOT_FOUND');
  });
});
