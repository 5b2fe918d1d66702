import { ProblemError } from '../problem.ts';

export interface FairQueueLimits {
  /** Tasks running at once. */
  concurrency: number;
  /** Tasks waiting, over all clients; beyond this, 429 at once (or a place taken from the longest line). */
  maxWaiting: number;
  /** Tasks one client may have running or waiting; beyond this, 429 at once. */
  perClient: number;
}

/**
 * Runs expensive tasks (password hashing) a few at a time, taking waiting clients in turn, so a flood
 * from one client — or from many — cannot make everyone else wait behind it: it is refused fast (429 with
 * `Retry-After`) instead (ASVS 11.1.4).
 */
export class FairQueue {
  private running = 0;
  private waitingCount = 0;
  /** Each client's waiters, in arrival order; the Map's order is the turn order between clients. */
  private readonly waiting = new Map<string, Waiter[]>();
  private readonly perClient = new Map<string, number>();

  constructor(private readonly limits: FairQueueLimits) {}

  async run<T>(client: string, task: () => Promise<T>): Promise<T> {
    const mine = this.perClient.get(client) ?? 0;
    if (mine >= this.limits.perClient) throw busy('You have sign-ins in progress; wait for them.');
    const mustWait = this.running >= this.limits.concurrency;
    if (mustWait && this.waitingCount >= this.limits.maxWaiting && !this.makeRoom()) throw full();
    this.perClient.set(client, mine + 1);
    try {
      if (mustWait) await this.wait(client);
      else this.running += 1;
    } catch (err) {
      // Gave up its place in line to a newcomer: it never held a slot.
      this.leave(client);
      throw err;
    }
    try {
      return await task();
    } finally {
      this.leave(client);
      this.next();
    }
  }

  private leave(client: string): void {
    const left = (this.perClient.get(client) ?? 1) - 1;
    if (left === 0) this.perClient.delete(client);
    else this.perClient.set(client, left);
  }

  private wait(client: string): Promise<void> {
    this.waitingCount += 1;
    return new Promise((resolve, reject) => {
      const queue = this.waiting.get(client);
      if (queue) queue.push({ resolve, reject });
      else this.waiting.set(client, [{ resolve, reject }]);
    });
  }

  /**
   * The line is full: the newest waiter of the client with the most waiting gives up its place, so a
   * newcomer is refused only when every waiting client has just one task in line.
   */
  private makeRoom(): boolean {
    let longest: [string, Waiter[]] | undefined;
    for (const entry of this.waiting) if (!longest || entry[1].length > longest[1].length) longest = entry;
    if (!longest || longest[1].length < 2) return false;
    longest[1].pop()!.reject(full());
    this.waitingCount -= 1;
    return true;
  }

  /**
   * A slot is free: it passes to the waiting client with the fewest tasks running (the first in line
   * among equals), so a client that already holds slots does not also get the next one.
   */
  private next(): void {
    let turn: [string, Waiter[]] | undefined;
    let fewest = Number.POSITIVE_INFINITY;
    for (const entry of this.waiting) {
      const running = (this.perClient.get(entry[0]) ?? 0) - entry[1].length;
      if (running < fewest) [turn, fewest] = [entry, running];
    }
    if (!turn) {
      this.running -= 1;
      return;
    }
    const [client, queue] = turn;
    const { resolve } = queue.shift()!;
    this.waiting.delete(client);
    if (queue.length > 0) this.waiting.set(client, queue);
    this.waitingCount -= 1;
    resolve();
  }
}

interface Waiter {
  resolve: () => void;
  reject: (error: ProblemError) => void;
}

// 429 rather than 503: the console is fine, it refuses to spend more on sign-ins for now.
const full = () => busy('The console is busy checking other sign-ins; try again in a moment.');

const busy = (detail: string) =>
  new ProblemError(429, 'RATE_LIMITED', 'Too many sign-ins at once', detail, {
    headers: { 'Retry-After': '1' },
  });
