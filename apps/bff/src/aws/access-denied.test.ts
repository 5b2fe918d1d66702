import { Problem } from '@gateway-console/contract';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { type Caller, type Harness, startHarness } from '../../test/harness.ts';
import { iamActionOf } from './access-denied.ts';

describe('AWS denies the console an IAM action', () => {
  let harness: Harness;
  let operator: Caller;
  let petStore: string;
  beforeAll(async () => {
    harness = await startHarness();
    operator = await harness.as('operator');
    const apis = (await (await operator.get('/api/apis')).json()) as {
      items: { id: string; name: string }[];
    };
    petStore = apis.items.find((api) => api.name === 'PetStore')!.id;
  });
  afterEach(() => harness.kit.clearFaults());
  afterAll(() => harness.close());

  it('a refused change is a 403 problem naming the action, derived from the SDK command', async () => {
    const stage = `/api/apis/${petStore}/stages/dev`;
    const { etag } = (await (await operator.get(stage)).json()) as { etag: string };
    await harness.kit.injectFault({ operation: 'UpdateStage', error: 'AccessDeniedException', count: 1 });
    const response = await operator.request('PATCH', stage, { description: 'denied' }, { 'If-Match': etag });
    expect(response.status).toBe(403);
    const problem = Problem.parse(await response.json());
    expect(problem.code).toBe('AWS_ACCESS_DENIED');
    expect(problem.detail).toContain('apigateway:PATCH');
    expect(problem.requestId).toBe(response.headers.get('X-Request-Id'));
  });

  it("a refused read is the same problem, with the action in AWS's own words", async () => {
    await harness.kit.injectFault({
      operation: 'GetRestApis',
      error: 'AccessDeniedException',
      message:
        'User: arn:aws:iam::000000000000:user/console is not authorized to perform: apigateway:GET on resource: arn:aws:apigateway:us-east-1::/restapis',
      count: 1,
    });
    const response = await operator.get('/api/apis', { 'Cache-Control': 'no-cache' });
    const problem = Problem.parse(await response.json());
    expect(problem).toMatchObject({ status: 403, code: 'AWS_ACCESS_DENIED' });
    expect(problem.detail).toContain('not allowed apigateway:GET');
    // Who the console runs as stays in the logs, not in the browser.
    expect(problem.detail).not.toContain('arn:aws:iam');
  });

  it('/api/ready says which permission is missing', async () => {
    await harness.kit.injectFault({ operation: 'GetRestApis', error: 'AccessDeniedException' });
    const response = await harness.anonymous.get('/api/ready');
    expect(response.status).toBe(503);
    expect(await response.json()).toEqual({
      status: 'not ready',
      aws: false,
      database: true,
      missingPermission: 'apigateway:GET',
      awsBudget: { callsPerSecond: 5, replicas: 1 },
    });
  });

  it('CloudWatch and Logs actions are named by operation, as IAM names them', () => {
    expect(iamActionOf('cloudwatch', 'GetMetricDataCommand', 'POST')).toBe('cloudwatch:GetMetricData');
    expect(iamActionOf('logs', 'StartQueryCommand', 'POST')).toBe('logs:StartQuery');
    expect(iamActionOf('apigateway', 'FlushStageCacheCommand', 'DELETE')).toBe('apigateway:DELETE');
  });
});
