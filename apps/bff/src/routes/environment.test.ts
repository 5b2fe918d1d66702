import { STSClient } from '@aws-sdk/client-sts';
import { Environment } from '@gateway-console/contract';
import { EMULATOR_ACCOUNT_ID } from '@gateway-console/emulator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Harness, startHarness } from '../../test/harness.ts';
import { awsDeps } from '../aws/clients.ts';
import { EnvironmentInfo } from '../aws/identity.ts';

describe('GET /api/environment', () => {
  let harness: Harness;
  beforeAll(async () => {
    harness = await startHarness();
  });
  afterAll(() => harness.close());

  it('names the account (STS GetCallerIdentity), the region and the endpoint, for any signed-in role', async () => {
    const viewer = await harness.as('viewer');
    const response = await viewer.get('/api/environment');
    expect(response.status).toBe(200);
    expect(Environment.parse(await response.json())).toEqual({
      kind: 'endpoint',
      accountId: EMULATOR_ACCOUNT_ID,
      region: 'us-east-1',
      endpoint: harness.emulator.url,
      name: 'us-east-1',
    });
    expect((await harness.anonymous.get('/api/environment')).status).toBe(401);
  });

  it('signed-in JSON is Cache-Control: no-store (#16 item 9)', async () => {
    const viewer = await harness.as('viewer');
    for (const path of ['/api/environment', '/api/apis', '/api/session']) {
      expect((await viewer.get(path)).headers.get('Cache-Control'), path).toBe('no-store');
    }
  });

  it('the demo says Demo; an operator-chosen name and colour are shown as configured', async () => {
    const aws = {
      region: 'eu-west-1',
      endpoint: harness.emulator.url,
      credentials: { accessKeyId: 't', secretAccessKey: 't' },
    };
    expect(await awsDeps(aws, { kind: 'demo' }).environment.describe()).toMatchObject({
      kind: 'demo',
      name: 'Demo',
    });
    const prod = awsDeps(aws, { name: 'prod-eu', colour: '#b42318' }).environment;
    expect(await prod.describe()).toMatchObject({ name: 'prod-eu', colour: '#b42318', region: 'eu-west-1' });
  });

  it('asks STS once per process, and after a failure again only later: no call per page view', async () => {
    let now = 0;
    let calls = 0;
    const sts = new STSClient({
      region: 'us-east-1',
      endpoint: 'http://127.0.0.1:9',
      credentials: { accessKeyId: 't', secretAccessKey: 't' },
      maxAttempts: 1,
    });
    sts.middlewareStack.add(
      (next) => (args) => {
        calls++;
        return next(args);
      },
      { step: 'initialize' },
    );
    const info = new EnvironmentInfo(
      sts,
      { kind: 'aws', region: 'us-east-1', endpoint: undefined, name: undefined, colour: undefined },
      () => now,
    );
    // Unreachable: the header still says where it points, without the account.
    expect(await info.describe()).toMatchObject({ accountId: null, region: 'us-east-1' });
    await info.describe();
    expect(calls).toBe(1);
    now = 31_000;
    await info.describe();
    expect(calls).toBe(2);
  });
});
