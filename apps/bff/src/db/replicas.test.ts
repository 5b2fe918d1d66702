import { randomUUID } from 'node:crypto';
import { startEmulator } from '@gateway-console/emulator';
import { emulatorTestKit } from '@gateway-console/emulator/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callerOf } from '../../test/harness.ts';
import { createApp } from '../app.ts';
import { saveUser } from '../auth/users.ts';
import { CallBudget } from '../aws/budget.ts';
import { shareBudget } from '../aws/budget-share.ts';
import { awsDeps } from '../aws/clients.ts';
import { Gateway } from '../aws/gateway.ts';
import { openStorage, type Storage } from './database.ts';

// Two BFF replicas over one database: on PostgreSQL (DATABASE_URL, apps/bff/scripts/test-postgres.sh in CI)
// each with its own connection pool, as two processes would be; on PGlite sharing one database, each app
// with its own session memory.
const databaseUrl = process.env.DATABASE_URL;
const SESSION_CHECK_MS = 1_000;
const PASSWORD = 'replica test password';

describe(`two replicas sharing ${databaseUrl ? 'PostgreSQL' : 'PGlite'}`, () => {
  let storages: Storage[];
  const run = randomUUID().slice(0, 8);
  const admin = `admin-${run}`;
  const person = `person-${run}`;

  beforeAll(async () => {
    const first = await openStorage({ databaseUrl });
    storages = databaseUrl ? [first, await openStorage({ databaseUrl })] : [first, first];
    await saveUser(first.db, { username: admin, role: 'admin' }, PASSWORD);
    await saveUser(first.db, { username: person, role: 'operator' }, PASSWORD);
  });
  afterAll(async () => {
    await Promise.all([...new Set(storages)].map((s) => s.close()));
  });

  const replica = (storage: Storage) =>
    createApp({
      // Nothing here asks AWS: an endpoint that answers nobody.
      ...awsDeps({
        region: 'us-east-1',
        endpoint: 'http://127.0.0.1:9',
        credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
      }),
      storage,
      sessionRecheckMs: SESSION_CHECK_MS,
    });

  const signIn = async (app: ReturnType<typeof createApp>, username: string) => {
    const response = await callerOf(app, undefined).request('POST', '/api/session', {
      username,
      password: PASSWORD,
    });
    expect(response.status).toBe(200);
    return callerOf(app, response.headers.get('Set-Cookie')!.split(';')[0]);
  };

  it('a user disabled on one replica is refused on the other within the session-check interval', async () => {
    const [a, b] = storages.map(replica) as [ReturnType<typeof replica>, ReturnType<typeof replica>];
    const adminOnA = await signIn(a, admin);
    const personOnB = await signIn(b, person);
    expect((await personOnB.get('/api/session')).status).toBe(200);

    const role = await adminOnA.request('PATCH', `/api/users/${person}`, { role: 'viewer' });
    expect(role.status).toBe(200);
    const roleSeen = Date.now();
    while (((await (await personOnB.get('/api/session')).json()) as { role: string }).role !== 'viewer') {
      expect(Date.now() - roleSeen).toBeLessThan(SESSION_CHECK_MS + 2_000);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }

    const disabled = await adminOnA.request('PATCH', `/api/users/${person}`, { disabled: true });
    expect(disabled.status).toBe(200);
    const since = Date.now();
    while ((await personOnB.get('/api/session')).status === 200) {
      expect(Date.now() - since).toBeLessThan(SESSION_CHECK_MS + 2_000);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    expect((await personOnB.get('/api/session')).status).toBe(401);
    // Signing in again on either replica is refused at once.
    for (const app of [a, b]) {
      const again = await callerOf(app, undefined).request('POST', '/api/session', {
        username: person,
        password: PASSWORD,
      });
      expect(again.status).toBe(401);
    }
  });

  it('replicas split the AWS call budget, and a replica that stops gives its part back', async () => {
    const budgets = [new CallBudget(5), new CallBudget(5)];
    const first = await shareBudget(storages[0]!, budgets[0]!);
    const second = await shareBudget(storages[1]!, budgets[1]!);
    try {
      // The second counted both at its start; the first sees it at its next heartbeat.
      expect(budgets[1]!.replicas).toBe(2);
      await first.beat();
      expect(budgets.map((b) => b.perProcess)).toEqual([2.5, 2.5]);
    } finally {
      await second.stop();
    }
    await first.beat();
    expect(budgets[0]!.perProcess).toBe(5);
    await first.stop();
  });

  it('two replicas hammering AWS together stay within the one budget, every second, counted by AWS', async () => {
    const emulator = await startEmulator({ port: 0, seed: 'demo', quotas: 'aws', demoTraffic: false });
    const budgets = [new CallBudget(5), new CallBudget(5)];
    const shares = [
      await shareBudget(storages[0]!, budgets[0]!),
      await shareBudget(storages[1]!, budgets[1]!),
    ];
    try {
      await shares[0]!.beat();
      const gateways = budgets.map(
        (budget) =>
          new Gateway({
            region: 'us-east-1',
            endpoint: emulator.url,
            credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
            budget,
          }),
      );
      // Each replica alone would send 5 a second; together they send no more than 5.
      const answers = await Promise.all(
        gateways.flatMap((gateway) => Array.from({ length: 10 }, () => gateway.reachability())),
      );
      expect(answers.every((a) => a.reachable)).toBe(true);
      const { seconds } = await emulatorTestKit(emulator.url).quotas({ caller: 'test' });
      expect(seconds.reduce((sum, s) => sum + s.accepted, 0)).toBe(20);
      expect(Math.max(...seconds.map((s) => s.accepted + s.throttled))).toBeLessThanOrEqual(5);
    } finally {
      await Promise.all([...shares.map((s) => s.stop()), emulator.close()]);
    }
  }, 20_000);
});
