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

/** The signed-in user of a live session, with the role as it is now in the users table. */
export async function sessionUser(db: Database, token: string, now: Date): Promise<User | undefined> {
  const [row] = await db
    .select({ username: users.username, role: users.role })
    .from(sessions)
    .innerJoin(users, eq(users.username, sessions.username))
    .where(and(eq(sessions.tokenHash, tokenHash(token)), gt(sessions.expiresAt, now)));
  return row ? { username: row.username, role: row.role as Role } : undefined;
}

export async function endSession(db: Database, token: string): Promise<void> {
  await db.delete(sessions).where(eq(sessions.tokenHash, tokenHash(token)));
}
