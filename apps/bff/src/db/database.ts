import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { PGlite } from '@electric-sql/pglite';
import { sql } from 'drizzle-orm';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import { drizzle as drizzlePostgres } from 'drizzle-orm/postgres-js';
import { migrate as migratePostgres } from 'drizzle-orm/postgres-js/migrator';
import postgres from 'postgres';
import * as schema from './schema.ts';

export type Database = PgDatabase<PgQueryResultHKT, typeof schema>;

export interface Storage {
  db: Database;
  /** `pglite` (embedded) or `postgres` (DATABASE_URL). */
  kind: 'pglite' | 'postgres';
  /** True when every migration has been applied (the readiness check). */
  isMigrated(): Promise<boolean>;
  /**
   * Runs `work` while no other holder of `key` runs, in this process and — on PostgreSQL — in every
   * replica sharing the database (a session advisory lock, released when the work ends or the process dies).
   */
  exclusive<T>(key: string, work: () => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

export interface StorageOptions {
  /** PostgreSQL connection string; unset → PGlite. */
  databaseUrl?: string | undefined;
  /** Directory of the PGlite database; unset → in memory (tests). */
  dataDir?: string | undefined;
}

const migrationsFolder = fileURLToPath(new URL('../../drizzle', import.meta.url));
// Several replicas may start at once against one PostgreSQL: migrations run under this advisory lock.
const MIGRATION_LOCK_KEY = 7_361_004_211;
// The first half of the two-int advisory lock keys of `exclusive`, apart from other users of the database.
const LOCK_NAMESPACE = 736_100;

/** Opens the console's database and applies the migrations (same schema and SQL for PGlite and PostgreSQL). */
export async function openStorage(options: StorageOptions): Promise<Storage> {
  if (options.databaseUrl) {
    const migrator = postgres(options.databaseUrl, { max: 1, onnotice: () => {} });
    try {
      await migrator`select pg_advisory_lock(${MIGRATION_LOCK_KEY})`;
      await migratePostgres(drizzlePostgres(migrator, { schema }), { migrationsFolder });
    } finally {
      await migrator.end();
    }
    const client = postgres(options.databaseUrl, { max: 10, onnotice: () => {} });
    const db = drizzlePostgres(client, { schema });
    const inProcess = oneAtATime();
    // One connection per key held in this process at most: waiting here, not on a pooled connection.
    const exclusive = <T>(key: string, work: () => Promise<T>) =>
      inProcess(key, async () => {
        const connection = await client.reserve();
        try {
          await connection`select pg_advisory_lock(${LOCK_NAMESPACE}, hashtext(${key}))`;
          try {
            return await work();
          } finally {
            await connection`select pg_advisory_unlock(${LOCK_NAMESPACE}, hashtext(${key}))`;
          }
        } finally {
          connection.release();
        }
      });
    return { db, kind: 'postgres', isMigrated: () => isMigrated(db), exclusive, close: () => client.end() };
  }
  let dataPath: string | undefined;
  if (options.dataDir) {
    dataPath = join(options.dataDir, 'pglite');
    mkdirSync(dataPath, { recursive: true });
  }
  const client = new PGlite(dataPath);
  const db = drizzlePglite(client, { schema });
  await migratePglite(db, { migrationsFolder });
  // PGlite's directory is opened by one process only: a lock in this process is a lock for all.
  return {
    db,
    kind: 'pglite',
    isMigrated: () => isMigrated(db),
    exclusive: oneAtATime(),
    close: () => client.close(),
  };
}

/** Runs work under the same key one at a time, in arrival order, within this process. */
function oneAtATime() {
  const queues = new Map<string, Promise<unknown>>();
  return <T>(key: string, work: () => Promise<T>): Promise<T> => {
    const before = queues.get(key) ?? Promise.resolve();
    const mine = before.then(work, work);
    const settled = mine.catch(() => {});
    queues.set(key, settled);
    void settled.then(() => {
      if (queues.get(key) === settled) queues.delete(key);
    });
    return mine;
  };
}

async function isMigrated(db: Database): Promise<boolean> {
  const { readMigrationFiles } = await import('drizzle-orm/migrator');
  const expected = readMigrationFiles({ migrationsFolder }).length;
  const rows = await db.execute<{ count: string | number }>(
    sql`select count(*) as count from drizzle.__drizzle_migrations`,
  );
  const list = Array.isArray(rows) ? rows : (rows as unknown as { rows: { count: string | number }[] }).rows;
  return Number(list[0]?.count ?? 0) >= expected;
}
