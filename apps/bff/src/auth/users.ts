import { randomBytes } from 'node:crypto';
import type { Role, User as UserRow, UserSource } from '@gateway-console/contract';
import { and, asc, eq, ne } from 'drizzle-orm';
import type { Database } from '../db/database.ts';
import { users } from '../db/schema.ts';
import { hashPassword, needsRehash, randomPassword, verifyPassword } from './passwords.ts';

export const demoUsers: readonly { username: string; role: Role }[] = [
  { username: 'admin', role: 'admin' },
  { username: 'operator', role: 'operator' },
  { username: 'viewer', role: 'viewer' },
];

/** The signed-in person as routes see them. */
export interface User {
  username: string;
  role: Role;
  /** Set while their password is a temporary one: they may only change it. */
  mustChangePassword?: true;
}

/** The request-facing user of a users row. */
export const asUser = (row: { username: string; role: string; mustChangePassword: boolean }): User => ({
  username: row.username,
  role: row.role as Role,
  ...(row.mustChangePassword ? { mustChangePassword: true as const } : {}),
});

/** Creates or updates a local user with this password. */
export async function saveUser(db: Database, user: User, password: string): Promise<void> {
  const passwordHash = await hashPassword(password);
  await db
    .insert(users)
    .values({ username: user.username, role: user.role, passwordHash, source: 'local' })
    .onConflictDoUpdate({
      target: users.username,
      set: { role: user.role, passwordHash, mustChangePassword: false },
    });
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

/** The user these credentials belong to, or undefined (also for disabled users and those without a password here). */
export async function checkCredentials(
  db: Database,
  username: string,
  password: string,
): Promise<User | undefined> {
  const [row] = await db.select().from(users).where(eq(users.username, username));
  const ok = await verifyPassword(password, row?.passwordHash ?? (await decoyHash));
  if (!row || !ok || !row.passwordHash || row.disabled) return undefined;
  // A hash made with older (weaker) parameters is redone now, while the password is at hand.
  if (needsRehash(row.passwordHash)) {
    await db
      .update(users)
      .set({ passwordHash: await hashPassword(password) })
      .where(eq(users.username, row.username));
  }
  return asUser(row);
}

export async function findUser(db: Database, username: string): Promise<User | undefined> {
  const [row] = await db.select().from(users).where(eq(users.username, username));
  return row ? asUser(row) : undefined;
}

/**
 * Who a trusted proxy's header names: the user as the console knows them, a viewer when it does not know
 * them yet (they may look, not touch), or nobody when an admin disabled them.
 */
export async function proxiedUser(db: Database, username: string): Promise<User | undefined> {
  const [row] = await db.select().from(users).where(eq(users.username, username));
  if (!row) return { username, role: 'viewer' };
  return row.disabled ? undefined : { username: row.username, role: row.role as Role };
}

// ---------------------------------------------------------------- managing people (admins)

/** A one-time password: 144 random bits, typed or pasted once and then replaced by its owner. */
export const temporaryPassword = () => randomBytes(18).toString('base64url');

const userColumns = {
  username: users.username,
  role: users.role,
  source: users.source,
  disabled: users.disabled,
  mustChangePassword: users.mustChangePassword,
  createdAt: users.createdAt,
};
type Row = { [K in keyof typeof userColumns]: (typeof users.$inferSelect)[K] };

const toContract = (row: Row): UserRow => ({
  ...row,
  role: row.role as Role,
  source: row.source as UserSource,
  createdAt: row.createdAt.toISOString(),
});

export async function listUsers(db: Database): Promise<UserRow[]> {
  return (await db.select(userColumns).from(users).orderBy(asc(users.username))).map(toContract);
}

export async function getUser(db: Database, username: string): Promise<UserRow | undefined> {
  const [row] = await db.select(userColumns).from(users).where(eq(users.username, username));
  return row ? toContract(row) : undefined;
}

/** Adds a local user with a temporary password; undefined when the name is taken. */
export async function addUser(
  db: Database,
  user: { username: string; role: Role },
  password: string,
): Promise<UserRow | undefined> {
  const passwordHash = await hashPassword(password);
  const [row] = await db
    .insert(users)
    .values({ ...user, passwordHash, source: 'local', mustChangePassword: true })
    .onConflictDoNothing()
    .returning(userColumns);
  return row ? toContract(row) : undefined;
}

/** Changes role, disabled and/or the password (as a temporary one) of a user. */
export async function updateUser(
  db: Database,
  username: string,
  change: { role?: Role; disabled?: boolean; temporaryPassword?: string },
): Promise<UserRow | undefined> {
  const [row] = await db
    .update(users)
    .set({
      ...(change.role ? { role: change.role } : {}),
      ...(change.disabled !== undefined ? { disabled: change.disabled } : {}),
      ...(change.temporaryPassword
        ? { passwordHash: await hashPassword(change.temporaryPassword), mustChangePassword: true }
        : {}),
    })
    .where(eq(users.username, username))
    .returning(userColumns);
  return row ? toContract(row) : undefined;
}

/** How many enabled admins there are besides `username`. */
export async function otherEnabledAdmins(db: Database, username: string): Promise<number> {
  const rows = await db
    .select({ username: users.username })
    .from(users)
    .where(and(eq(users.role, 'admin'), eq(users.disabled, false), ne(users.username, username)));
  return rows.length;
}

/** Sets a person's own new password when `currentPassword` is right; false when it is not. */
export async function changeOwnPassword(
  db: Database,
  username: string,
  currentPassword: string,
  newPassword: string,
): Promise<boolean> {
  if (!(await checkCredentials(db, username, currentPassword))) return false;
  await db
    .update(users)
    .set({ passwordHash: await hashPassword(newPassword), mustChangePassword: false })
    .where(eq(users.username, username));
  return true;
}

/**
 * A person the OpenID Connect provider vouches for: created on first sign-in, their role refreshed from
 * their groups each time. Undefined when disabled, or when a local or proxy user has that name.
 */
export async function oidcUser(db: Database, username: string, role: Role): Promise<User | undefined> {
  const [row] = await db
    .insert(users)
    .values({ username, role, source: 'oidc' })
    .onConflictDoUpdate({ target: users.username, set: { role }, setWhere: eq(users.source, 'oidc') })
    .returning({ disabled: users.disabled });
  return row && !row.disabled ? { username, role } : undefined;
}
