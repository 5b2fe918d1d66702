import {
  APIGatewayClient,
  GetRestApisCommand,
  ServiceUnavailableException,
} from '@aws-sdk/client-api-gateway';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sdkClientConfig } from './apigateway/sdk-harness.ts';
import { type RunningEmulator, startEmulator } from './server.ts';
import { emulatorTestKit } from './testkit.ts';

describe('the emulator test kit, over /_emulator/*', () => {
  let emulator: RunningEmulator;
  beforeAll(async () => {
    emulator = await startEmulator({ port: 0, seed: 'none' });
  });
  afterAll(() => emulator.close());

  it('injects a fault the SDK then meets, lists it while it lasts, and clears it', async () => {
    const kit = emulatorTestKit(emulator.url);
    const client = new APIGatewayClient(sdkClientConfig(emulator.url));
    const fault = await kit.injectFault({ operation: 'GetRestApis', error: 'ServiceUnavailableException' });
    expect(await kit.faults()).toEqual([fault]);
    await expect(client.send(new GetRestApisCommand({}))).rejects.toBeInstanceOf(ServiceUnavailableException);
    await kit.clearFaults();
    expect(await kit.faults()).toEqual([]);
    await client.send(new GetRestApisCommand({}));
  });

  it('says why a fault is refused', async () => {
    await expect(
      emulatorTestKit(emulator.url).injectFault({ operation: 'GetRestApis' } as never),
    ).rejects.toThrow(/refused: 400 .*a fault needs an error, a latencyMs, or both/);
  });

  it('counts a caller’s control-plane calls per second', async () => {
    const kit = emulatorTestKit(emulator.url);
    const client = new APIGatewayClient({
      ...sdkClientConfig(emulator.url),
      credentials: { accessKeyId: 'kit-test', secretAccessKey: 'test' },
    });
    await client.send(new GetRestApisCommand({}));
    await client.send(new GetRestApisCommand({}));
    const { mode, seconds } = await kit.quotas({ caller: 'kit-test' });
    expect(mode).toBe('off');
    expect(seconds.reduce((sum, s) => sum + s.accepted, 0)).toBe(2);
    expect(seconds.every((s) => s.caller === 'kit-test')).toBe(true);
  });
});
