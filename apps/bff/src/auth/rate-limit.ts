/** Failed sign-ins allowed per username within the window before further attempts are refused. */
export const MAX_FAILED_SIGN_INS = 5;
export const SIGN_IN_WINDOW_MS = 15 * 60 * 1000;

/**
 * Slows password guessing: counts failed sign-ins per username in this process. Several replicas
 * each keep their own count, which still bounds guessing to replicas × MAX_FAILED_SIGN_INS per window.
 */
export class SignInLimiter {
  private readonly failures = new Map<string, number[]>();

  /** Seconds until the next attempt is allowed, or 0 when it is allowed now. */
  retryAfterSeconds(username: string, now: number): number {
    const recent = this.recent(username, now);
    if (recent.length < MAX_FAILED_SIGN_INS) return 0;
    return Math.ceil((recent[0]! + SIGN_IN_WINDOW_MS - now) / 1000);
  }

  recordFailure(username: string, now: number): void {
    this.failures.set(username, [...this.recent(username, now), now]);
  }

  recordSuccess(username: string): void {
    this.failures.delete(username);
  }

  private recent(username: string, now: number): number[] {
    return (this.failures.get(username) ?? []).filter((t) => t > now - SIGN_IN_WINDOW_MS);
  }
}
