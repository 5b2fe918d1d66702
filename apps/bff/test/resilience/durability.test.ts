import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { APIGatewayClient, GetDeploymentsCommand } from '@aws-sdk/client-api-gateway';
import { type AuditEvent, AuditPage, SessionInfo } from '@gateway-console/contract';
import { type RunningEmulator, startEmulator } from '@gateway-console/emulator';
import { emulatorTestKit, type OperationName } from '@gateway-console/emulator/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { accountStages, stageInAws } from '../account-stages.ts';
import { type BffProcess, startBffProcess } from './bff-process.ts';
import { awsConfig, PASSWORD, type Session, sessionAt, signIn } from './harness.ts';
import { emptyTally } from './summary.ts';
import { recordTally } from './tally.ts';

let emulator: RunningEmulator;
let dataDir: string;
let bff: BffProcess | undefined;
let sdk: APIGatewayClient;
const tally = emptyTally();

beforeAll(async () => {
  emulator = await startEmulator({ port: 0, seed: 'demo', demoTraffic: false });
  sdk = new APIGatewayClient(awsConfig(emulator.url));
  dataDir = mkdtempSync(join(tmpdir(), 'gc-resilience-durable-'));
});
afterAll(async () => {
  recordTally(tally);
  await emulatorTestKit(emulator.url)
    .clearFaults()
    .catch(() => undefined);
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

/** Emulator fault injection (`/_emulator/faults`, see packages/emulator/README.md). */
async function injectLatency(operation: OperationName, latencyMs: number): Promise<void> {
  await emulatorTestKit(emulator.url).injectFault({ operation, latencyMs, count: 1 });
}

/** Waits for `check` to return something, polling; fails after `ms`. */
async function eventually<T>(what: string, check: () => Promise<T | undefined>, ms = 30_000): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const found = await check().catch(() => undefined);
    if (found !== undefined) return found;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

const auditRows = async (session: Session): Promise<AuditEvent[]> =>
  AuditPage.parse((await session.request('GET', '/api/audit?limit=200')).json()).items;

const deploymentCount = async (apiId: string) =>
  (await sdk.send(new GetDeploymentsCommand({ restApiId: apiId, limit: 500 }))).items?.length ?? 0;

/**
 * Sends a change whose AWS call the emulator holds for a while, kills the BFF with SIGKILL while AWS is
 * still working on it, lets AWS finish, restarts the BFF on the same data directory and returns the
 * audit row of that request once the restart has reconciled it.
 */
async function killMidChange(change: {
  operation: 'UpdateStage' | 'CreateDeployment';
  method: string;
  path: string;
  body: unknown;
  ifMatch?: string;
  /** True once AWS has made the change. */
  landed: () => Promise<boolean>;
}): Promise<AuditEvent> {
  const operator = await signIn(bff!.url, 'operator');
  const earlier = new Set((await auditRows(operator)).map((e) => e.id));
  await injectLatency(change.operation, 2_000);
  const inFlight = operator
    .request(change.method, change.path, change.body, change.ifMatch ? { 'If-Match': change.ifMatch } : {})
    .catch((err: Error) => err);
  // Written ahead: the row is there, `pending`, while AWS is still working on the change. (The BFF makes its
  // own request ids, so the row is the one new row of this operator's.)
  const pending = await eventually(
    'the pending row',
    async () => (await auditRows(operator)).find((e) => !earlier.has(e.id) && e.actor === 'operator'),
    10_000,
  );
  expect(pending.outcome).toBe('pending');
  await eventually('AWS to receive the call', async () => {
    const faults = await emulatorTestKit(emulator.url).faults();
    return faults.length === 0 ? true : undefined;
  });
  await bff!.kill();
  expect(await inFlight).toBeInstanceOf(Error);
  // AWS finishes what it was asked, whoever is left to hear the answer.
  await eventually('AWS to make the change', async () => ((await change.landed()) ? true : undefined));
  bff = await start();
  const again = sessionAt(bff.url, operator.cookie);
  return eventually('the row to be reconciled', async () => {
    const row = (await auditRows(again)).find((e) => e.id === pending.id);
    return row && row.outcome !== 'pending' ? row : undefined;
  });
}

describe('durability: kill -9 the BFF in the middle of a change', () => {
  it('UpdateStage: the row written ahead is closed as interrupted, its after = the stage in AWS', async () => {
    bff ??= await start();
    const { apiId, stage: stageName } = (await accountStages(sdk, 'PetStore'))[0]!;
    const viewer = await signIn(bff.url, 'viewer');
    const seen = await viewer.request('GET', `/api/apis/${apiId}/stages/${stageName}`);
    const description = `changed while the console was killed ${randomUUID()}`;
    const row = await killMidChange({
      operation: 'UpdateStage',
      method: 'PATCH',
      path: `/api/apis/${apiId}/stages/${stageName}`,
      body: { description },
      ifMatch: String(seen.headers.etag),
      landed: async () => (await stageInAws(sdk, apiId, stageName)).description === description,
    });
    tally.casesTried += 1;
    expect(row).toMatchObject({
      action: 'stage.update',
      apiId,
      stage: stageName,
      outcome: 'interrupted',
    });
    expect(row.detail).toMatch(/stopped during this change/);
    expect(row.before).toMatchObject({ etag: seen.headers.etag });
    expect(row.after).toMatchObject({ ...(await stageInAws(sdk, apiId, stageName)), description });
  }, 180_000);

  it('CreateDeployment onto a stage: one deployment, one row, and the row says where the stage is', async () => {
    bff ??= await start();
    const { apiId, stage: stageName } = (await accountStages(sdk, 'PetStore')).find((s) => !s.hasCanary)!;
    const viewer = await signIn(bff.url, 'viewer');
    const seen = await viewer.request('GET', `/api/apis/${apiId}/stages/${stageName}`);
    const before = await deploymentCount(apiId);
    const previous = (await stageInAws(sdk, apiId, stageName)).deploymentId;
    const row = await killMidChange({
      operation: 'CreateDeployment',
      method: 'POST',
      path: `/api/apis/${apiId}/deployments`,
      body: { description: 'deployed while the console was killed', stageName },
      ifMatch: String(seen.headers.etag),
      landed: async () => (await stageInAws(sdk, apiId, stageName)).deploymentId !== previous,
    });
    tally.casesTried += 1;
    const created = (await deploymentCount(apiId)) - before;
    tally.duplicateDeployments += Math.max(0, created - 1);
    expect(created).toBe(1);
    expect(row).toMatchObject({ action: 'deployment.create', stage: stageName, outcome: 'interrupted' });
    expect(row.after).toMatchObject(await stageInAws(sdk, apiId, stageName));
  }, 180_000);
});
