/** API Gateway's account-level default throttle: 10,000 requests/s with a burst of 5,000. */
export const ACCOUNT_RATE_LIMIT = 10_000;
export const ACCOUNT_BURST_LIMIT = 5_000;

/**
 * A token bucket that reads its rate and burst at every take, so UpdateStage changes apply to the
 * next request without losing the tokens already spent.
 */
export class TokenBucket {
  private tokens: number;
  private lastMs: number;

  constructor(burst: number, nowMs: number) {
    this.tokens = burst;
    this.lastMs = nowMs;
  }

  take(ratePerSecond: number, burst: number, nowMs: number): boolean {
    if (this.wait(ratePerSecond, burst, nowMs) > 0) return false;
    this.spend();
    return true;
  }

  /** Refills up to `nowMs`; milliseconds until one token is there (0: one is there now). */
  wait(ratePerSecond: number, burst: number, nowMs: number): number {
    const elapsed = nowMs - this.lastMs;
    this.lastMs = nowMs;
    this.tokens = Math.min(burst, this.tokens + (elapsed * ratePerSecond) / 1000);
    return this.tokens >= 1 ? 0 : ((1 - this.tokens) * 1000) / ratePerSecond;
  }

  /** Spends the token {@link wait} found. */
  spend(): void {
    this.tokens -= 1;
  }
}

/** Throttle limits of one stage or method, from `methodSettings`. */
export interface ThrottleLimits {
  rateLimit: number;
  burstLimit: number;
}

/** The buckets of the emulated account: one account bucket, one per stage or per throttled method. */
export class Throttler {
  private readonly account: TokenBucket;
  private readonly buckets = new Map<string, TokenBucket>();

  constructor(private readonly now: () => number = performance.now.bind(performance)) {
    this.account = new TokenBucket(ACCOUNT_BURST_LIMIT, this.now());
  }

  /** Takes a token from the account bucket and from the stage's or method's bucket; false → 429. */
  admit(bucketKey: string, limits: ThrottleLimits | undefined): boolean {
    const nowMs = this.now();
    if (limits) {
      let bucket = this.buckets.get(bucketKey);
      if (!bucket) {
        bucket = new TokenBucket(limits.burstLimit, nowMs);
        this.buckets.set(bucketKey, bucket);
      }
      if (!bucket.take(limits.rateLimit, limits.burstLimit, nowMs)) return false;
    }
    return this.account.take(ACCOUNT_RATE_LIMIT, ACCOUNT_BURST_LIMIT, nowMs);
  }
}
