import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { finishAudit, listAudit, pendingAudit, recordAudit } from '../audit/log.ts';
import { SESSION_LIFETIME_MS, SESSION_RECHECK_MS, Sessions, startSession } from '../auth/sessions.ts';
import { checkCredentials, saveUser, seedDemoUsers } from '../auth/users.ts';
import { openStorage, type Storage } from './database.ts';

// Always PGlite; PostgreSQL too when DATABASE_URL points at one (apps/bff/scripts/test-postgres.sh in CI).
const backends = [
  { name: 'PGlite', databaseUrl: undefined },
  ...(process.env.DATABASE_URL ? [{ name: 'PostgreSQL', databaseUrl: process.env.DATABASE_URL }] : []),
];

describe.each(backends)('storage on $name', ({ databaseUrl }) => {
  let storage: Storage;
  // Unique per run, so a reused PostgreSQL database does not see an earlier run's rows.
  const run = randomUUID().slice(0, 8);

  beforeAll(async () => {
    storage = await openStorage({ databaseUrl });
  });
  afterAll(() => storage.close());

  it('applies the migrations once, and again harmlessly', async () => {
    expect(await storage.isMigrated()).toBe(true);
    const again = await openStorage({ databaseUrl });
    expect(await again.isMigrated()).toBe(true);
    // In-memory PGlite is a new database each time; PostgreSQL is the same one, migrated already.
    await again.close();
  });

  it('keeps users with scrypt hashes and checks passwords', async () => {
    const username = `op-${run}`;
    await saveUser(storage.db, { username, role: 'operator' }, 'first password');
    expect(await checkCredentials(storage.db, username, 'first password')).toEqual({
      username,
      role: 'operator',
    });
    expect(await checkCredentials(storage.db, username, 'wrong')).toBeUndefined();
    expect(await checkCredentials(storage.db, `nobody-${run}`, 'first password')).toBeUndefined();
    await saveUser(storage.db, { username, role: 'admin' }, 'second password');
    expect(await checkCredentials(storage.db, username, 'first password')).toBeUndefined();
    expect((await checkCredentials(storage.db, username, 'second password'))?.role).toBe('admin');
  });

  it('seeds the demo users with the configured password', async () => {
    expect(await seedDemoUsers(storage.db, `demo-${run}`)).toBeUndefined();
    for (const username of ['admin', 'operator', 'viewer']) {
      expect((await checkCredentials(storage.db, username, `demo-${run}`))?.username).toBe(username);
    }
  });

  it('keeps server-side sessions until they expire or end', async () => {
    const username = `sess-${run}`;
    await saveUser(storage.db, { username, role: 'viewer' }, 'pw');
    const now = new Date();
    const token = await startSession(storage.db, username, now);
    const sessions = new Sessions(storage.db);
    expect(await sessions.user(token, now)).toEqual({ username, role: 'viewer' });
    expect(await sessions.user(token, new Date(now.getTime() + SESSION_LIFETIME_MS + 1))).toBeUndefined();
    expect(await sessions.user(`${token}x`, now)).toBeUndefined();
    await sessions.end(token);
    expect(await sessions.user(token, now)).toBeUndefined();
  });

  it('ends a session at once in the process that signs out, and within the recheck time in others', async () => {
    const username = `replica-${run}`;
    await saveUser(storage.db, { username, role: 'operator' }, 'pw');
    const now = new Date();
    const token = await startSession(storage.db, username, now);
    const here = new Sessions(storage.db);
    const otherReplica = new Sessions(storage.db);
    expect(await here.user(token, now)).toEqual({ username, role: 'operator' });
    expect(await otherReplica.user(token, now)).toEqual({ username, role: 'operator' });
    await here.end(token);
    expect(await here.user(token, now)).toBeUndefined();
    const later = new Date(now.getTime() + SESSION_RECHECK_MS);
    expect(await otherReplica.user(token, later)).toBeUndefined();
  });

  it('runs work under one key one at a time across replicas; other keys and failures do not block', async () => {
    // Two BFF replicas on PostgreSQL; PGlite is opened by one process, so there it is one storage.
    const replica = databaseUrl ? await openStorage({ databaseUrl }) : storage;
    try {
      const key = `stage:${run}/prod`;
      let running = 0;
      let mostAtOnce = 0;
      let changes = 0;
      const change = async () => {
        running += 1;
        mostAtOnce = Math.max(mostAtOnce, running);
        const seen = changes;
        await new Promise((resolve) => setTimeout(resolve, 15));
        changes = seen + 1;
        running -= 1;
      };
      const failing = () => Promise.reject(new Error('AWS said no'));
      const work = [storage, replica, storage, replica, storage, replica].map((s) =>
        s.exclusive(key, change),
      );
      const failed = replica.exclusive(key, failing);
      work.push(storage.exclusive(key, change));
      let otherKeyRanDuring = false;
      await storage.exclusive(`stage:${run}/dev`, async () => {
        otherKeyRanDuring = running > 0 || changes < 7;
      });
      await expect(failed).rejects.toThrow('AWS said no');
      await Promise.all(work);
      expect({ changes, mostAtOnce, otherKeyRanDuring }).toEqual({
        changes: 7,
        mostAtOnce: 1,
        otherKeyRanDuring: true,
      });
    } finally {
      if (replica !== storage) await replica.close();
    }
  });

  it('records audit events and lists them filtered, newest first, paged', async () => {
    const actor = `auditor-${run}`;
    const start = new Date('2026-01-01T00:00:00Z').getTime();
    for (let i = 0; i < 5; i++) {
      await recordAudit(storage.db, {
        time: new Date(start + i * 60_000),
        actor,
        role: 'operator',
        action: 'canary.set',
        apiId: 'api1',
        stage: i % 2 ? 'prod' : 'dev',
        target: 'apis/api1',
        before: { percentTraffic: i },
        after: { percentTraffic: i + 1, nested: { ok: true } },
        outcome: i === 4 ? 'refused' : 'success',
        requestId: `req-${i}`,
        detail: null,
      });
    }
    const all = await listAudit(storage.db, { actor, limit: 50 });
    expect(all.items.map((e) => e.requestId)).toEqual(['req-4', 'req-3', 'req-2', 'req-1', 'req-0']);
    expect(all.items[0]).toMatchObject({
      outcome: 'refused',
      after: { percentTraffic: 5, nested: { ok: true } },
    });
    expect(all.nextCursor).toBeNull();

    const firstPage = await listAudit(storage.db, { actor, limit: 2 });
    const secondPage = await listAudit(storage.db, { actor, limit: 2, cursor: firstPage.nextCursor! });
    expect([...firstPage.items, ...secondPage.items].map((e) => e.requestId)).toEqual([
      'req-4',
      'req-3',
      'req-2',
      'req-1',
    ]);

    const prod = await listAudit(storage.db, { actor, stage: 'prod', limit: 50 });
    expect(prod.items.map((e) => e.requestId)).toEqual(['req-3', 'req-1']);
    const window = await listAudit(storage.db, {
      actor,
      from: new Date(start + 60_000).toISOString(),
      to: new Date(start + 180_000).toISOString(),
      limit: 50,
    });
    expect(window.items.map((e) => e.requestId)).toEqual(['req-3', 'req-2', 'req-1']);
  });

  it('writes a change ahead as pending, finishes it once, and keeps NUL and lone surrogates out', async () => {
    const actor = `ahead-${run}`;
    const written = new Date('2026-02-01T00:00:00Z');
    const id = await recordAudit(storage.db, {
      time: written,
      actor: `${actor}\u0000`,
      role: 'operator',
      action: 'stage.update',
      apiId: 'api1',
      stage: 'prod\uD800',
      target: 'apis/api1/stages/prod',
      before: { description: 'a\u0000b', ['k\uDC00']: undefined, kept: 'x\uDBFF' },
      after: null,
      outcome: 'pending',
      requestId: `req-${run}`,
      detail: null,
    });
    const pending = await pendingAudit(storage.db, new Date(written.getTime() + 1));
    expect(pending.map((row) => row.id)).toContain(id);
    expect(await pendingAudit(storage.db, written)).not.toContainEqual(expect.objectContaining({ id }));

    const ending = {
      before: null,
      after: { description: 'done\u0000' },
      outcome: 'success' as const,
      detail: null,
    };
    expect(await finishAudit(storage.db, id, ending)).toBe(true);
    // Only a pending row is finished: a late second ending (or a reconciliation) changes nothing.
    expect(await finishAudit(storage.db, id, { ...ending, outcome: 'interrupted' })).toBe(false);
    const [row] = (await listAudit(storage.db, { actor: `${actor}\uFFFD`, limit: 5 })).items;
    expect(row).toMatchObject({
      stage: 'prod\uFFFD',
      outcome: 'success',
      after: { description: 'done\uFFFD' },
    });
  });
});
