import type { Role } from '@gateway-console/contract';
import { eq } from 'drizzle-orm';
import type { Database } from '../db/database.ts';
import { users } from '../db/schema.ts';
import { hashPassword, needsRehash, randomPassword, verifyPassword } from './passwords.ts';

export const demoUsers: readonly { username: string; role: Role }[] = [
  { username: 'admin', role: 'admin' },
  { username: 'operator', role: 'operator' },
  { username: 'viewer', role: 'viewer' },
];

export interface User {
  username: string;
  role: Role;
}

/** Creates or updates a user with this password. */
export async function saveUser(db: Database, user: User, password: string): Promise<void> {
  const passwordHash = await hashPassword(password);
  await db
    .insert(users)
    .values({ ...user, passwordHash })
    .onConflictDoUpdate({ target: users.username, set: { role: user.role, passwordHash } });
}

/**
 * Seeds admin / operator / viewer. With a configured password every start (re)sets it, so the
 * documented password always works; without one, missing users get a fresh random password,
 * returned so the caller can print it once.
 */
export async function seedDemoUsers(
  db: Database,
  configuredPassword: string | undefined,
): Promise<{ password: string; created: string[] } | undefined> {
  if (configuredPassword) {
    for (const user of demoUsers) await saveUser(db, user, configuredPassword);
    return undefined;
  }
  const existing = new Set(
    (await db.select({ username: users.username }).from(users)).map((u) => u.username),
  );
  const missing = demoUsers.filter((user) => !existing.has(user.username));
  if (missing.length === 0) return undefined;
  const password = randomPassword();
  for (const user of missing) await saveUser(db, user, password);
  return { password, created: missing.map((user) => user.username) };
}

/**
 * `pnpm serve` on a database without users: creates the configured first admin, or says what to set.
 * Never touches a database that has users.
 */
export async function createFirstAdmin(
  db: Database,
  admin: { username: string; password: string } | undefined,
): Promise<'created' | 'exists' | 'missing'> {
  const [someone] = await db.select({ username: users.username }).from(users).limit(1);
  if (someone) return 'exists';
  if (!admin) return 'missing';
  await saveUser(db, { username: admin.username, role: 'admin' }, admin.password);
  return 'created';
}

// Compared against when the username is unknown, so a miss costs as much as a wrong password.
const decoyHash = hashPassword(randomPassword());

/** The user these credentials belong to, or undefined. */
export async function checkCredentials(
  db: Database,
  username: string,
  password: string,
): Promise<User | undefined> {
  const [row] = await db.select().from(users).where(eq(users.username, username));
  const ok = await verifyPassword(password, row?.passwordHash ?? (await decoyHash));
  if (!row || !ok) return undefined;
  // A hash made with older (weaker) parameters is redone now, while the password is at hand.
  if (needsRehash(row.passwordHash)) {
    await db
      .update(users)
      .set({ passwordHash: await hashPassword(password) })
      .where(eq(users.username, row.username));
  }
  return { username: row.username, role: row.role as Role };
}

export async function findUser(db: Database, username: string): Promise<User | undefined> {
  const [row] = await db.select().from(users).where(eq(users.username, username));
  return row ? { username: row.username, role: row.role as Role } : undefined;
}
