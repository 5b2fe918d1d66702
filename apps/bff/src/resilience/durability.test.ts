import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AuditPage, SessionInfo } from '@gateway-console/contract';
import { type RunningEmulator, startEmulator } from '@gateway-console/emulator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type BffProcess, startBffProcess } from './bff-process.ts';
import { PASSWORD, sessionAt, signIn } from './harness.ts';
import { emptyTally } from './summary.ts';
import { recordTally } from './tally.ts';

let emulator: RunningEmulator;
let dataDir: string;
let bff: BffProcess | undefined;
const tally = emptyTally();

beforeAll(async () => {
  emulator = await startEmulator({ port: 0, seed: 'demo', demoTraffic: false });
  dataDir = mkdtempSync(join(tmpdir(), 'gc-resilience-durable-'));
});
afterAll(async () => {
  recordTally(tally);
  await bff?.kill();
  await emulator?.close();
  rmSync(dataDir, { recursive: true, force: true });
});

const start = async () => {
  bff = await startBffProcess({ awsEndpoint: emulator.url, dataDir, password: PASSWORD });
  return bff;
};

describe('durability: kill -9 the BFF', () => {
  it('sessions and the audit log survive kill -9 and a restart on the same PGlite directory', async () => {
    let running = await start();
    const operator = await signIn(running.url, 'operator');
    const viewer = await signIn(running.url, 'viewer');
    expect((await viewer.request('DELETE', '/api/session')).status).toBe(204);
    const auditBefore = AuditPage.parse((await operator.request('GET', '/api/audit?limit=200')).json());
    expect(auditBefore.items.length).toBeGreaterThanOrEqual(3);

    await running.kill();
    running = await start();

    const operatorAgain = sessionAt(running.url, operator.cookie);
    expect(SessionInfo.parse((await operatorAgain.request('GET', '/api/session')).json())).toEqual({
      username: 'operator',
      role: 'operator',
    });
    expect((await sessionAt(running.url, viewer.cookie).request('GET', '/api/session')).status).toBe(401);
    const auditAfter = AuditPage.parse((await operatorAgain.request('GET', '/api/audit?limit=200')).json());
    expect(auditAfter.items.map((e) => e.id)).toEqual(auditBefore.items.map((e) => e.id));
    tally.casesTried += 4;
  }, 180_000);
});
