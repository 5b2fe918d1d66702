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

/** Start times of the last `limit` calls: a call may start once the `limit`-th last is a window old. */
class Window {
  private readonly starts: number[] = [];

  constructor(
    private limit: number,
    private windowMs: number,
    private readonly now: () => number,
  ) {}

  /** From now on at most `limit` calls in `windowMs`; calls already counted still count. */
  resize(limit: number, windowMs: number): void {
    this.limit = limit;
    this.windowMs = windowMs;
    while (this.starts.length > limit) this.starts.shift();
  }

  /** Milliseconds until a call may start. */
  wait(): number {
    if (this.starts.length < this.limit) return 0;
    return Math.max(0, (this.starts[0] ?? 0) + this.windowMs - this.now());
  }

  record(): void {
    this.starts.push(this.now());
    if (this.starts.length > this.limit) this.starts.shift();
  }
}

/** One operation's calls in line, first come first served; a call's turn ends when `then` (its account turn) does. */
class OperationLane {
  private queue: Promise<void> = Promise.resolve();

  constructor(private readonly window: Window) {}

  turn(then: () => Promise<void>): Promise<void> {
    const turn = this.queue.then(async () => {
      for (let waitMs = this.window.wait(); waitMs > 0; waitMs = this.window.wait()) {
        await new Promise((resolve) => setTimeout(resolve, waitMs));
      }
      await then();
      this.window.record();
    });
    this.queue = turn.catch(() => {});
    return turn;
  }
}

/** The account's line: first come first served, except that `low` calls let every other call go first. */
class AccountLane {
  private readonly waiting: { go: () => void; low: boolean }[] = [];
  private timer: ReturnType<typeof setTimeout> | undefined;

  constructor(readonly window: Window) {}

  get busy(): boolean {
    return this.waiting.length > 0 || this.window.wait() > 0;
  }

  turn(low: boolean): Promise<void> {
    return new Promise((go) => {
      this.waiting.push({ go, low });
      this.pump();
    });
  }

  private pump(): void {
    if (this.timer) return;
    while (this.waiting.length > 0) {
      const waitMs = this.window.wait();
      if (waitMs > 0) {
        this.timer = setTimeout(() => {
          this.timer = undefined;
          this.pump();
        }, waitMs);
        return;
      }
      const urgent = this.waiting.findIndex((w) => !w.low);
      const [next] = this.waiting.splice(urgent === -1 ? 0 : urgent, 1);
      this.window.record();
      next?.go();
    }
  }
}

/** How urgent a call is: `low` for lookups that may wait (the APIs list's per-row details). */
export type CallPriority = 'normal' | 'low';

/**
 * The console's budget of API Gateway control-plane calls: at most `callsPerSecond` in any second, and
 * AWS's per-operation quotas. Calls beyond it wait their turn (first come, first served) instead of
 * bursting into the account's limit, which every tool and pipeline of the account shares. A call held by
 * its operation's quota (a second deployment within 5 s) does not hold up the others. Replicas of the
 * console split the budget (`share`): each process spends its part.
 */
export class CallBudget {
  private readonly account: AccountLane;
  private readonly operations = new Map<string, OperationLane>();
  private sharedBy = 1;

  constructor(
    readonly callsPerSecond = DEFAULT_CALLS_PER_SECOND,
    private readonly now: () => number = Date.now,
  ) {
    if (!Number.isInteger(callsPerSecond) || callsPerSecond < 1) {
      throw new Error(
        `the AWS call budget must be a positive whole number of calls per second, not ${callsPerSecond}`,
      );
    }
    this.account = new AccountLane(new Window(callsPerSecond, WINDOW_MS, now));
  }

  /** How many replicas' processes spend this budget together (this one included). */
  get replicas(): number {
    return this.sharedBy;
  }

  /** This process's part of the budget, in calls per second. */
  get perProcess(): number {
    return this.callsPerSecond / this.sharedBy;
  }

  /**
   * `replicas` processes spend the budget together: this one takes its part, whole calls in a window a
   * little over a second, or, when the part is under one a second, one call in a longer window.
   */
  share(replicas: number): void {
    const n = Math.max(1, Math.floor(replicas));
    if (n === this.sharedBy) return;
    this.sharedBy = n;
    const part = this.callsPerSecond / n;
    if (part >= 1) this.account.window.resize(Math.floor(part), WINDOW_MS);
    else this.account.window.resize(1, Math.ceil(WINDOW_MS / part));
  }

  /** Whether a call asked for now would have to wait (this second's budget is spent). */
  get exhausted(): boolean {
    return this.account.busy;
  }

  /** Resolves when one call of `operation` may go to AWS, and counts it. */
  take(operation: string, priority: CallPriority = 'normal'): Promise<void> {
    const low = priority === 'low';
    const lane = this.operationLane(operation);
    return lane ? lane.turn(() => this.account.turn(low)) : this.account.turn(low);
  }

  private operationLane(operation: string): OperationLane | undefined {
    const quota = OPERATION_QUOTAS[operation];
    if (!quota) return undefined;
    let lane = this.operations.get(operation);
    if (!lane) {
      lane = new OperationLane(new Window(quota.requests, quota.windowMs, this.now));
      this.operations.set(operation, lane);
    }
    return lane;
  }
}
