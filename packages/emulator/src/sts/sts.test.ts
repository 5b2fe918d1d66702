import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningEmulator, startEmulator } from '../server.ts';
import { EMULATOR_ACCOUNT_ID } from '../state.ts';

let emulator: RunningEmulator;
beforeAll(async () => {
  emulator = await startEmulator({ port: 0 });
});
afterAll(() => emulator.close());

const sts = () =>
  new STSClient({
    region: 'us-east-1',
    endpoint: emulator.url,
    credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
  });

describe('STS', () => {
  // https://docs.aws.amazon.com/STS/latest/APIReference/API_GetCallerIdentity.html
  it('GetCallerIdentity names the account, through the unmodified SDK', async () => {
    const identity = await sts().send(new GetCallerIdentityCommand({}));
    expect(identity).toMatchObject({
      Account: EMULATOR_ACCOUNT_ID,
      Arn: `arn:aws:iam::${EMULATOR_ACCOUNT_ID}:root`,
    });
    expect(identity.$metadata.requestId).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('an unknown action is an InvalidAction error in the Query protocol’s XML', async () => {
    const response = await fetch(emulator.url, {
      method: 'POST',
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        authorization: 'AWS4-HMAC-SHA256 Credential=test/20261202/us-east-1/sts/aws4_request',
      },
      body: 'Action=AssumeRole&Version=2011-06-15',
    });
    expect(response.status).toBe(400);
    expect(await response.text()).toContain('<Code>InvalidAction</Code>');
  });
});
