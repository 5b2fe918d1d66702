import { GetDeploymentsCommand, GetRestApisCommand } from '@aws-sdk/client-api-gateway';
import { Deployment, Problem } from '@gateway-console/contract';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Caller, type Harness, startHarness } from '../../test/harness.ts';
import { Gateway } from '../aws/gateway.ts';

describe('creating a deployment when API Gateway misbehaves', () => {
  let harness: Harness;
  let operator: Caller;
  let apiId: string;

  const deploymentCount = async () =>
    (await harness.sdk.send(new GetDeploymentsCommand({ restApiId: apiId, limit: 500 }))).items?.length ?? 0;

  beforeAll(async () => {
    harness = await startHarness();
    // The BFF gives up waiting for an answer after 300 ms, as it would on a dropped connection.
    operator = await harness.as('operator', {
      gateway: new Gateway({
        region: 'us-east-1',
        endpoint: harness.emulator.url,
        credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
        requestHandler: { requestTimeout: 300 },
      }),
    });
    const apis = await harness.sdk.send(new GetRestApisCommand({}));
    apiId = apis.items!.find((api) => api.name === 'Payments')!.id!;
  });
  afterAll(() => harness.close());

  it('a lost answer is reconciled by reading back: exactly one new deployment', async () => {
    const before = await deploymentCount();
    // API Gateway creates the deployment, but only after the BFF stopped waiting for the answer.
    await harness.kit.injectFault({ operation: 'CreateDeployment', latencyMs: 1_000, count: 1 });
    const response = await operator.request('POST', `/api/apis/${apiId}/deployments`, {
      description: 'slow one',
    });
    expect(response.status, await response.clone().text()).toBe(201);
    const deployment = Deployment.parse(await response.json());
    expect(deployment.description).toBe('slow one');
    // Give a (wrongly) retried request time to land before counting.
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    expect(await deploymentCount()).toBe(before + 1);
  });

  it('a server error is not retried: no deployment, a 503 problem', async () => {
    const before = await deploymentCount();
    await harness.kit.injectFault({
      operation: 'CreateDeployment',
      error: 'ServiceUnavailableException',
      count: 1,
    });
    const response = await operator.request('POST', `/api/apis/${apiId}/deployments`, {
      description: 'refused',
    });
    expect(response.status).toBe(503);
    const problem = Problem.parse(await response.json());
    expect(problem.code).toBe('AWS_UNAVAILABLE');
    expect(JSON.stringify(problem)).not.toMatch(/\$metadata|stack|at /);
    expect(await deploymentCount()).toBe(before);
  });

  it('throttling answers 429 with Retry-After', async () => {
    await harness.kit.injectFault({ operation: 'GetStages', error: 'TooManyRequestsException' });
    try {
      const response = await operator.get(`/api/apis/${apiId}/stages`);
      expect(response.status).toBe(429);
      expect(Number(response.headers.get('Retry-After'))).toBeGreaterThan(0);
      expect(Problem.parse(await response.json()).code).toBe('AWS_THROTTLED');
    } finally {
      await harness.kit.clearFaults();
    }
  });
});
