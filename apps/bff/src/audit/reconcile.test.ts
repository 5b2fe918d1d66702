import { APIGatewayClient } from '@aws-sdk/client-api-gateway';
import { type RunningEmulator, startEmulator } from '@gateway-console/emulator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { accountStages } from '../../test/account-stages.ts';
import { Gateway } from '../aws/gateway.ts';
import { openStorage, type Storage } from '../db/database.ts';
import { listAudit, recordAudit } from './log.ts';
import { reconcileInterruptedChanges } from './reconcile.ts';

const credentials = { accessKeyId: 'test', secretAccessKey: 'test' };
let emulator: RunningEmulator;
let storage: Storage;
let apiId: string;
let stageName: string;

beforeAll(async () => {
  emulator = await startEmulator({ port: 0, seed: 'demo', demoTraffic: false });
  storage = await openStorage({});
  const sdk = new APIGatewayClient({ region: 'us-east-1', endpoint: emulator.url, credentials });
  ({ apiId, stage: stageName } = (await accountStages(sdk, 'PetStore'))[0]!);
  sdk.destroy();
});
afterAll(async () => {
  await storage?.close();
  await emulator?.close();
});

const pendingChange = (actor: string, stage: string | null, time = new Date('2026-03-01T00:00:00Z')) =>
  recordAudit(storage.db, {
    time,
    actor,
    role: 'operator',
    action: 'stage.update',
    apiId,
    stage,
    target: `apis/${apiId}`,
    before: { description: 'before' },
    after: null,
    outcome: 'pending',
    requestId: `req-${actor}`,
    detail: null,
  });

const rowOf = async (actor: string) => (await listAudit(storage.db, { actor, limit: 5 })).items[0]!;

describe('closing changes a stopped console left pending', () => {
  it('reads each stage back from AWS; says so when the stage is gone or AWS cannot be read', async () => {
    const gateway = new Gateway({ region: 'us-east-1', endpoint: emulator.url, credentials });
    await pendingChange('read-back', stageName);
    await pendingChange('gone', 'no-such-stage');
    await pendingChange('no-stage', null);
    // Written after the cut-off: a change another replica may still be making is left alone.
    await pendingChange('in-flight', stageName, new Date('2026-03-01T00:10:00Z'));

    const closed = await reconcileInterruptedChanges(storage.db, gateway, new Date('2026-03-01T00:05:00Z'));
    expect(closed).toBe(3);

    const readBack = await rowOf('read-back');
    expect(readBack.outcome).toBe('interrupted');
    expect(readBack.after).toEqual(await gateway.getStage(apiId, stageName));
    expect(readBack.before).toEqual({ description: 'before' });
    expect(readBack.detail).toMatch(/stopped during this change.*read back from AWS/);
    expect(await rowOf('gone')).toMatchObject({ outcome: 'interrupted', after: null });
    expect((await rowOf('gone')).detail).toMatch(/no longer exists/);
    expect((await rowOf('no-stage')).detail).toMatch(/unknown: check the API's stages and deployments/);
    expect((await rowOf('in-flight')).outcome).toBe('pending');
  });

  it('AWS unreachable at start: the row is closed with a detail saying the stage must be checked', async () => {
    // Nothing listens on the emulator's port once a second emulator is closed.
    const gone = await startEmulator({ port: 0, seed: 'none' });
    const unreachable = new Gateway({ region: 'us-east-1', endpoint: gone.url, credentials });
    await gone.close();
    await pendingChange('unreachable', stageName);

    expect(await reconcileInterruptedChanges(storage.db, unreachable, new Date('2026-03-01T00:05:00Z'))).toBe(
      1,
    );
    const row = await rowOf('unreachable');
    expect(row).toMatchObject({ outcome: 'interrupted', after: null });
    expect(row.detail).toMatch(/AWS could not be read back.*check stage/);
  });
});
