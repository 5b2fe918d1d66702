import { createHash, randomBytes } from 'node:crypto';
import { and, eq, gt, lt, ne } from 'drizzle-orm';
import type { Database } from '../db/database.ts';
import { sessions, users } from '../db/schema.ts';
import { asUser, type User } from './users.ts';

/** How long a session lives after sign-in. */
export const SESSION_LIFETIME_MS = 12 * 60 * 60 * 1000;
/** A session nobody used for this long ends (ASVS 3.3.2), unless configured otherwise (`CONSOLE_SESSION_IDLE_MINUTES`). */
export const SESSION_IDLE_MS = 30 * 60 * 1000;

// Idle expiry needs no column of its own: `expiresAt` slides to "last used + idle", never past
// "created + lifetime".
const slidUntil = (createdAt: Date, now: Date, idleMs: number) =>
  new Date(Math.min(createdAt.getTime() + SESSION_LIFETIME_MS, now.getTime() + idleMs));

// Only the token's hash is stored: a leaked database does not leak usable sessions.
const tokenHash = (token: string) => createHash('sha256').update(token).digest('base64url');

/** Starts a session and returns the token for the cookie. */
export async function startSession(
  db: Database,
  username: string,
  now: Date,
  idleMs = SESSION_IDLE_MS,
): Promise<string> {
  const token = randomBytes(32).toString('base64url');
  await db.insert(sessions).values({
    tokenHash: tokenHash(token),
    username,
    createdAt: now,
    expiresAt: slidUntil(now, now, idleMs),
  });
  // Housekeeping on sign-in keeps the table small without a background job.
  await db.delete(sessions).where(lt(sessions.expiresAt, now));
  return token;
}

/**
 * How long this process trusts a session it has checked in the database, unless configured otherwise
 * (`CONSOLE_SESSION_CHECK_SECONDS`). Every request used to cost a database query (most of the BFF's own
 * time per read); a sign-out, disabled user or role change here takes effect at once, one made through
 * another replica within this long.
 */
export const SESSION_RECHECK_MS = 5_000;
const MAX_REMEMBERED = 10_000;

/** Sessions as this process sees them: the database, with recently checked live sessions remembered. */
export class Sessions {
  private readonly remembered = new Map<string, { user: User; expiresAt: number; checkedAt: number }>();

  constructor(
    private readonly db: Database,
    private readonly recheckMs = SESSION_RECHECK_MS,
    private readonly idleMs = SESSION_IDLE_MS,
  ) {}

  start(username: string, now: Date): Promise<string> {
    return startSession(this.db, username, now, this.idleMs);
  }

  /** The signed-in user of a live session, with the role as it is in the users table. */
  async user(token: string, now: Date): Promise<User | undefined> {
    const at = now.getTime();
    const hit = this.remembered.get(token);
    const age = hit ? at - hit.checkedAt : Number.NaN;
    if (hit && age >= 0 && age < this.recheckMs && at < hit.expiresAt) return hit.user;
    this.remembered.delete(token);
    const [row] = await this.db
      .select({
        username: users.username,
        role: users.role,
        mustChangePassword: users.mustChangePassword,
        createdAt: sessions.createdAt,
        expiresAt: sessions.expiresAt,
      })
      .from(sessions)
      .innerJoin(users, eq(users.username, sessions.username))
      .where(
        and(eq(sessions.tokenHash, tokenHash(token)), gt(sessions.expiresAt, now), eq(users.disabled, false)),
      );
    if (!row) return undefined;
    // Used now: idle expiry starts again (written at most once per recheck, as reads are remembered).
    const expiresAt = slidUntil(row.createdAt, now, this.idleMs);
    await this.db
      .update(sessions)
      .set({ expiresAt })
      .where(eq(sessions.tokenHash, tokenHash(token)));
    const user = asUser(row);
    // Only live sessions are remembered: forged or ended tokens are asked of the database each time.
    if (this.remembered.size >= MAX_REMEMBERED) this.remembered.clear();
    this.remembered.set(token, { user, expiresAt: expiresAt.getTime(), checkedAt: at });
    return user;
  }

  /**
   * Ends every session of `username` but `keep` (the caller's own, after a password change), and makes
   * this process look its other sessions up again at once (a new role, a disabled user).
   */
  async endAllOf(username: string, keep?: string): Promise<void> {
    this.forget(username);
    await this.db
      .delete(sessions)
      .where(
        keep
          ? and(eq(sessions.username, username), ne(sessions.tokenHash, tokenHash(keep)))
          : eq(sessions.username, username),
      );
  }

  /** Forgets what this process remembered of `username`'s sessions, so the next request reads the database. */
  forget(username: string): void {
    for (const [token, hit] of this.remembered)
      if (hit.user.username === username) this.remembered.delete(token);
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
