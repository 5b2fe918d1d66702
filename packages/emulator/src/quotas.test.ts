import {
  APIGatewayClient,
  CreateDeploymentCommand,
  CreateRestApiCommand,
  GetRestApisCommand,
  TooManyRequestsException,
} from '@aws-sdk/client-api-gateway';
import { afterEach, describe, expect, it } from 'vitest';
import { createDeployableApi, sdkClientConfig } from './apigateway/sdk-harness.ts';
import { type RunningEmulator, startEmulator } from './server.ts';
import { emulatorTestKit } from './testkit.ts';

// `--quotas aws` through the real SDK (one attempt per call, so every 429 is seen).
describe('control-plane quotas (--quotas aws)', () => {
  let emulator: RunningEmulator | undefined;
  afterEach(() => emulator?.close());

  const start = async (quotas: 'aws' | 'off') => {
    emulator = await startEmulator({ port: 0, seed: 'none', quotas });
    return new APIGatewayClient(sdkClientConfig(emulator.url));
  };
  const outcome = (call: Promise<unknown>) =>
    call.then(
      () => 'ok' as const,
      (err: unknown) => err,
    );
  const stats = async (url: string) => (await emulatorTestKit(url).quotas({ caller: 'test' })).seconds;

  it('admits a burst of 40 account-wide, then answers TooManyRequestsException with Retry-After', async () => {
    const client = await start('aws');
    const results = await Promise.all(
      Array.from({ length: 60 }, () => outcome(client.send(new GetRestApisCommand({})))),
    );
    const admitted = results.filter((r) => r === 'ok').length;
    // 40 in the bucket, plus the 10/s refill during the few milliseconds the 60 calls take.
    expect(admitted).toBeGreaterThanOrEqual(40);
    expect(admitted).toBeLessThanOrEqual(42);
    const refused = results.filter((r) => r !== 'ok');
    for (const err of refused) {
      expect(err).toBeInstanceOf(TooManyRequestsException);
      const throttled = err as TooManyRequestsException;
      expect(throttled.$metadata.httpStatusCode).toBe(429);
      expect(throttled.message).toBe('Too Many Requests');
      expect(throttled.retryAfterSeconds).toBe('1');
    }
    const counted = await stats(emulator!.url);
    expect(counted.reduce((sum, s) => sum + s.accepted, 0)).toBe(admitted);
    expect(counted.reduce((sum, s) => sum + s.throttled, 0)).toBe(refused.length);
    // The account refills at 10/s: a second later 10 more get through.
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    const again = await Promise.all(
      Array.from({ length: 15 }, () => outcome(client.send(new GetRestApisCommand({})))),
    );
    expect(again.filter((r) => r === 'ok').length).toBeGreaterThanOrEqual(10);
    expect(again.filter((r) => r === 'ok').length).toBeLessThanOrEqual(12);
  });

  it('allows one CreateDeployment per 5 s and one regional CreateRestApi per 3 s, edge per 30 s', async () => {
    const client = await start('aws');
    const { restApiId } = await createDeployableApi(client, 'quota-test');
    await client.send(new CreateDeploymentCommand({ restApiId }));
    const second = await outcome(client.send(new CreateDeploymentCommand({ restApiId })));
    expect(second).toBeInstanceOf(TooManyRequestsException);
    expect(Number((second as TooManyRequestsException).retryAfterSeconds)).toBe(5);

    // The regional create of createDeployableApi spent the regional bucket; edge has its own.
    const regional = await outcome(
      client.send(new CreateRestApiCommand({ name: 'r', endpointConfiguration: { types: ['REGIONAL'] } })),
    );
    expect(regional).toBeInstanceOf(TooManyRequestsException);
    expect(Number((regional as TooManyRequestsException).retryAfterSeconds)).toBe(3);
    await client.send(new CreateRestApiCommand({ name: 'edge-1' }));
    const edge = await outcome(client.send(new CreateRestApiCommand({ name: 'edge-2' })));
    expect(edge).toBeInstanceOf(TooManyRequestsException);
    expect(Number((edge as TooManyRequestsException).retryAfterSeconds)).toBe(30);
    // A refused call spends nothing: other operations still have the account's tokens.
    await client.send(new GetRestApisCommand({}));
  });

  it('without quotas refuses nothing but still counts every call per second and caller', async () => {
    const client = await start('off');
    const results = await Promise.all(
      Array.from({ length: 60 }, () => outcome(client.send(new GetRestApisCommand({})))),
    );
    expect(results.every((r) => r === 'ok')).toBe(true);
    const counted = await stats(emulator!.url);
    expect(counted.reduce((sum, s) => sum + s.accepted, 0)).toBe(60);
    expect(counted.every((s) => s.caller === 'test' && s.throttled === 0)).toBe(true);
    const bad = await fetch(`${emulator!.url}/_emulator/quotas?since=yesterday`);
    expect(bad.status).toBe(400);
  });
});
