import {
  CreateDeploymentCommand,
  GetRestApisCommand,
  GetStagesCommand,
  ServiceUnavailableException,
  TooManyRequestsException,
} from '@aws-sdk/client-api-gateway';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { type ControlPlaneUnderTest, controlPlaneUnderTest, createDeployableApi } from './sdk-harness.ts';

// Fault injection is this emulator's own admin API, so these tests always run against it.
describe('fault injection under /_emulator/faults', () => {
  let cp: ControlPlaneUnderTest;
  let restApiId: string;

  beforeAll(async () => {
    cp = await controlPlaneUnderTest({ ownEmulator: true });
    ({ restApiId } = await createDeployableApi(cp.client, 'faults-test'));
  });
  afterEach(() => fetch(`${cp.endpoint}/_emulator/faults`, { method: 'DELETE' }));
  afterAll(() => cp.close());

  const addFault = async (fault: Record<string, unknown>) => {
    const response = await fetch(`${cp.endpoint}/_emulator/faults`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(fault),
    });
    return { status: response.status, body: (await response.json()) as Record<string, unknown> };
  };
  const activeFaults = async () =>
    ((await (await fetch(`${cp.endpoint}/_emulator/faults`)).json()) as { faults: { id: string }[] }).faults;

  it('fails an operation with the chosen AWS error the chosen number of times, then lets it through', async () => {
    const added = await addFault({
      operation: 'CreateDeployment',
      error: 'TooManyRequestsException',
      count: 2,
    });
    expect(added.status).toBe(201);
    for (let i = 0; i < 2; i++) {
      const error = await cp.client.send(new CreateDeploymentCommand({ restApiId })).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(TooManyRequestsException);
      expect((error as TooManyRequestsException).retryAfterSeconds).toBe('1');
      expect((error as TooManyRequestsException).$metadata.httpStatusCode).toBe(429);
    }
    const deployment = await cp.client.send(new CreateDeploymentCommand({ restApiId }));
    expect(deployment.id).toBeTruthy();
    // Other operations were never affected.
    await expect(cp.client.send(new GetStagesCommand({ restApiId }))).resolves.toBeDefined();
  });

  it('keeps a fault without count until it is cleared, with a custom message', async () => {
    await addFault({ operation: 'GetStages', error: 'ServiceUnavailableException', message: 'maintenance' });
    for (let i = 0; i < 3; i++) {
      await expect(cp.client.send(new GetStagesCommand({ restApiId }))).rejects.toThrow(
        ServiceUnavailableException,
      );
    }
    await expect(cp.client.send(new GetStagesCommand({ restApiId }))).rejects.toThrow('maintenance');
    expect(await activeFaults()).toHaveLength(1);
    expect((await fetch(`${cp.endpoint}/_emulator/faults`, { method: 'DELETE' })).status).toBe(204);
    await expect(cp.client.send(new GetStagesCommand({ restApiId }))).resolves.toBeDefined();
  });

  it('adds latency to one operation or, with "*", to every operation', async () => {
    await addFault({ operation: 'GetRestApis', latencyMs: 300, count: 1 });
    let started = performance.now();
    await cp.client.send(new GetRestApisCommand({}));
    expect(performance.now() - started).toBeGreaterThanOrEqual(290);
    expect(await activeFaults()).toEqual([]);

    const global = await addFault({ operation: '*', latencyMs: 200 });
    started = performance.now();
    await cp.client.send(new GetStagesCommand({ restApiId }));
    expect(performance.now() - started).toBeGreaterThanOrEqual(190);
    expect((await activeFaults()).map((f) => f.id)).toEqual([global.body.id]);
    const removed = await fetch(`${cp.endpoint}/_emulator/faults/${global.body.id}`, { method: 'DELETE' });
    expect(removed.status).toBe(204);
    expect(await activeFaults()).toEqual([]);
  });

  it('refuses a malformed fault with 400 and a message saying what is wrong', async () => {
    const unknownOperation = await addFault({ operation: 'LaunchRocket', error: 'TooManyRequestsException' });
    expect(unknownOperation.status).toBe(400);
    expect(String(unknownOperation.body.message)).toContain('operation');
    const unknownError = await addFault({ operation: 'GetStage', error: 'OopsException' });
    expect(unknownError.status).toBe(400);
    const nothing = await addFault({ operation: 'GetStage' });
    expect(nothing.status).toBe(400);
  });
});
