import { BoundedMap } from '../http/bounded-map.ts';

/** Failed sign-ins one client may make for one username before it must wait (then longer each time). */
export const MAX_FAILED_SIGN_INS = 5;
/** The first wait after MAX_FAILED_SIGN_INS failures; each further failure doubles it, up to the window. */
export const FIRST_BACKOFF_MS = 30_000;
/** Failures older than this are forgotten; also the longest wait. */
export const SIGN_IN_WINDOW_MS = 15 * 60 * 1000;
/** Failed sign-ins one client may make within the window across all usernames (one password, many accounts). */
export const CLIENT_FAILURE_BUDGET = 30;
/** Entries kept per map: an attacker naming endless usernames or addresses cannot grow memory without end. */
const MAX_TRACKED = 20_000;

interface Streak {
  failures: number;
  last: number;
}

/**
 * Slows password guessing without letting anyone lock a person out (ASVS 2.2.1). Failures are counted
 * per (client, username) with exponential backoff, so a person signing in from their own machine is not
 * held up by someone else's guesses; and per client across usernames, so one password tried against many
 * accounts meets a limit too. Kept in this process: several replicas each keep their own counts.
 */
export class SignInLimiter {
  private readonly streaks = new BoundedMap<string, Streak>(MAX_TRACKED);
  private readonly byClient = new BoundedMap<string, number[]>(MAX_TRACKED);

  /** Seconds until this client may try this username again, or 0 when it may now. */
  retryAfterSeconds(client: string, username: string, now: number): number {
    const waits = [0];
    const streak = this.streak(client, username, now);
    if (streak && streak.failures >= MAX_FAILED_SIGN_INS) {
      const backoff = Math.min(
        FIRST_BACKOFF_MS * 2 ** (streak.failures - MAX_FAILED_SIGN_INS),
        SIGN_IN_WINDOW_MS,
      );
      waits.push(streak.last + backoff - now);
    }
    const recent = this.recent(client, now);
    if (recent.length >= CLIENT_FAILURE_BUDGET) waits.push(recent[0]! + SIGN_IN_WINDOW_MS - now);
    return Math.ceil(Math.max(...waits) / 1000);
  }

  recordFailure(client: string, username: string, now: number): void {
    const streak = this.streak(client, username, now);
    this.streaks.set(pair(client, username), { failures: (streak?.failures ?? 0) + 1, last: now });
    this.byClient.set(client, [...this.recent(client, now), now]);
  }

  /** The right password: this pair's streak ends, and the failure counted ahead of the check is taken back. */
  recordSuccess(client: string, username: string, now: number): void {
    this.streaks.delete(pair(client, username));
    const recent = this.recent(client, now);
    recent.pop();
    this.byClient.set(client, recent);
  }

  private streak(client: string, username: string, now: number): Streak | undefined {
    const streak = this.streaks.get(pair(client, username));
    return streak && streak.last > now - SIGN_IN_WINDOW_MS ? streak : undefined;
  }

  private recent(client: string, now: number): number[] {
    return (this.byClient.get(client) ?? []).filter((t) => t > now - SIGN_IN_WINDOW_MS);
  }
}

const pair = (client: string, username: string) => JSON.stringify([client, username]);
