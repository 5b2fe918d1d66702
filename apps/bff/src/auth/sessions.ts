import { createHash, randomBytes } from 'node:crypto';
import type { Role } from '@gateway-console/contract';
import { and, eq, gt, lt } from 'drizzle-orm';
import type { Database } from '../db/database.ts';
import { sessions, users } from '../db/schema.ts';
import type { User } from './users.ts';

/** How long a session lives after sign-in. */
export const SESSION_LIFETIME_MS = 12 * 60 * 60 * 1000;

// Only the token's hash is stored: a leaked database does not leak usable sessions.
const tokenHash = (token: string) => createHash('sha256').update(token).digest('base64url');

/** Starts a session and returns the token for the cookie. */
export async function startSession(db: Database, username: string, now: Date): Promise<string> {
  const token = randomBytes(32).toString('base64url');
  await db.insert(sessions).values({
    tokenHash: tokenHash(token),
    username,
    createdAt: now,
    expiresAt: new Date(now.getTime() + SESSION_LIFETIME_MS),
  });
  // Housekeeping on sign-in keeps the table small without a background job.
  await db.delete(sessions).where(lt(sessions.expiresAt, now));
  return token;
}

/**
 * How long this process trusts a session it has checked in the database. Every request used to cost a
 * database query (most of the BFF's own time per read); a sign-out here takes effect at once, a sign-out
 * or role change made through another replica within this long.
 */
export const SESSION_RECHECK_MS = 5_000;
const MAX_REMEMBERED = 10_000;

/** Sessions as this process sees them: the database, with recently checked live sessions remembered. */
export class Sessions {
  private readonly remembered = new Map<string, { user: User; expiresAt: number; checkedAt: number }>();

  constructor(private readonly db: Database) {}

  start(username: string, now: Date): Promise<string> {
    return startSession(this.db, username, now);
  }

  /** The signed-in user of a live session, with the role as it is in the users table. */
  async user(token: string, now: Date): Promise<User | undefined> {
    const at = now.getTime();
    const hit = this.remembered.get(token);
    const age = hit ? at - hit.checkedAt : Number.NaN;
    if (hit && age >= 0 && age < SESSION_RECHECK_MS && at < hit.expiresAt) return hit.user;
    this.remembered.delete(token);
    const [row] = await this.db
      .select({ username: users.username, role: users.role, expiresAt: sessions.expiresAt })
      .from(sessions)
      .innerJoin(users, eq(users.username, sessions.username))
      .where(and(eq(sessions.tokenHash, tokenHash(token)), gt(sessions.expiresAt, now)));
    if (!row) return undefined;
    const user: User = { username: row.username, role: row.role as Role };
    // Only live sessions are remembered: forged or ended tokens are asked of the database each time.
    if (this.remembered.size >= MAX_REMEMBERED) this.remembered.clear();
    this.remembered.set(token, { user, expiresAt: row.expiresAt.getTime(), checkedAt: at });
    return user;
  }

  async end(token: string): Promise<void> {
    this.remembered.delete(token);
    await this.db.delete(sessions).where(eq(sessions.tokenHash, tokenHash(token)));
  }

  /** Ends every session of this user ("sign out everywhere"); other replicas notice within SESSION_RECHECK_MS. */
  async endAll(username: string): Promise<void> {
    for (const [token, { user }] of this.remembered)
      if (user.username === username) this.remembered.delete(token);
    await this.db.delete(sessions).where(eq(sessions.username, username));
  }
}
