/** The console's default share of the account's control-plane quota (AWS allows about 10/s, burst 40). */
export const DEFAULT_CALLS_PER_SECOND = 5;

/**
 * Calls may go out of a window this long at most `callsPerSecond` times. A little over one second, so that
 * however the network delays each call, AWS never counts more than the budget in one of its seconds.
 */
const WINDOW_MS = 1_050;

// AWS's fixed per-account quotas (developer guide, "API Gateway quotas for creating, deploying and managing
// an API") of the operations the BFF calls: beyond them AWS answers 429 however idle the account is.
const OPERATION_QUOTAS: Record<string, { requests: number; windowMs: number }> = {
  CreateDeployment: { requests: 1, windowMs: 5_000 + 50 },
  GetResources: { requests: 5, windowMs: 2_000 + 50 },
};

/** Calls in one line, first come first served: a call may start once the `limit`-th last is a window old. */
class Lane {
  private readonly starts: number[] = [];
  private queue: Promise<void> = Promise.resolve();

  constructor(
    private readonly limit: number,
    private readonly windowMs: number,
    private readonly now: () => number,
  ) {}

  /** Milliseconds until a call may start. */
  wait(): number {
    if (this.starts.length < this.limit) return 0;
    return Math.max(0, (this.starts[0] ?? 0) + this.windowMs - this.now());
  }

  /** Resolves at this call's turn, after `then` (a turn in another lane); the call starts then. */
  turn(then: () => Promise<void> = async () => {}): Promise<void> {
    const turn = this.queue.then(async () => {
      for (let waitMs = this.wait(); waitMs > 0; waitMs = this.wait()) {
        await new Promise((resolve) => setTimeout(resolve, waitMs));
      }
      await then();
      this.starts.push(this.now());
      if (this.starts.length > this.limit) this.starts.shift();
    });
    this.queue = turn.catch(() => {});
    return turn;
  }
}

/**
 * One process's budget of API Gateway control-plane calls: at most `callsPerSecond` in any second, and
 * AWS's per-operation quotas. Calls beyond it wait their turn (first come, first served) instead of
 * bursting into the account's limit, which every tool and pipeline of the account shares. A call held by
 * its operation's quota (a second deployment within 5 s) does not hold up the others.
 */
export class CallBudget {
  private readonly account: Lane;
  private readonly operations = new Map<string, Lane>();
  private waiting = 0;

  constructor(
    readonly callsPerSecond = DEFAULT_CALLS_PER_SECOND,
    private readonly now: () => number = Date.now,
  ) {
    if (!Number.isInteger(callsPerSecond) || callsPerSecond < 1) {
      throw new Error(
        `the AWS call budget must be a positive whole number of calls per second, not ${callsPerSecond}`,
      );
    }
    this.account = new Lane(callsPerSecond, WINDOW_MS, now);
  }

  /** Whether a call asked for now would have to wait (this second's budget is spent). */
  get exhausted(): boolean {
    return this.waiting > 0 || this.account.wait() > 0;
  }

  /** Resolves when one call of `operation` may go to AWS, and counts it. */
  async take(operation: string): Promise<void> {
    this.waiting += 1;
    try {
      const lane = this.operationLane(operation);
      await (lane ? lane.turn(() => this.account.turn()) : this.account.turn());
    } finally {
      this.waiting -= 1;
    }
  }

  private operationLane(operation: string): Lane | undefined {
    const quota = OPERATION_QUOTAS[operation];
    if (!quota) return undefined;
    let lane = this.operations.get(operation);
    if (!lane) {
      lane = new Lane(quota.requests, quota.windowMs, this.now);
      this.operations.set(operation, lane);
    }
    return lane;
  }
}
