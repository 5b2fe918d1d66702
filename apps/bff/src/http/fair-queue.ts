import { ProblemError } from './problem.ts';

export interface FairQueueLimits {
  /** Tasks running at once. */
  concurrency: number;
  /** Tasks waiting, over all clients; beyond this, 503 at once. */
  maxWaiting: number;
  /** Tasks one client may have running or waiting; beyond this, 429 at once. */
  perClient: number;
}

/**
 * Runs expensive tasks (password hashing) a few at a time, taking waiting clients in turn, so a flood
 * from one client — or from many — cannot make everyone else wait behind it: it is refused fast with
 * `Retry-After` instead (ASVS 11.1.4).
 */
export class FairQueue {
  private running = 0;
  private waitingCount = 0;
  /** Each client's waiters, in arrival order; the Map's order is the turn order between clients. */
  private readonly waiting = new Map<string, (() => void)[]>();
  private readonly perClient = new Map<string, number>();

  constructor(private readonly limits: FairQueueLimits) {}

  async run<T>(client: string, task: () => Promise<T>): Promise<T> {
    const mine = this.perClient.get(client) ?? 0;
    if (mine >= this.limits.perClient) throw busy(429, 'You have sign-ins in progress; wait for them.');
    const mustWait = this.running >= this.limits.concurrency;
    if (mustWait && this.waitingCount >= this.limits.maxWaiting) {
      throw busy(503, 'The console is busy checking other sign-ins; try again in a moment.');
    }
    this.perClient.set(client, mine + 1);
    try {
      if (mustWait) await this.wait(client);
      else this.running += 1;
      return await task();
    } finally {
      const left = (this.perClient.get(client) ?? 1) - 1;
      if (left === 0) this.perClient.delete(client);
      else this.perClient.set(client, left);
      this.next();
    }
  }

  private wait(client: string): Promise<void> {
    this.waitingCount += 1;
    return new Promise((resolve) => {
      const queue = this.waiting.get(client);
      if (queue) queue.push(resolve);
      else this.waiting.set(client, [resolve]);
    });
  }

  /** A slot is free: the client whose turn it is (longest without one) goes next; its slot passes on. */
  private next(): void {
    const turn = this.waiting.entries().next().value;
    if (!turn) {
      this.running -= 1;
      return;
    }
    const [client, queue] = turn;
    const resolve = queue.shift()!;
    this.waiting.delete(client);
    if (queue.length > 0) this.waiting.set(client, queue);
    this.waitingCount -= 1;
    resolve();
  }
}

const busy = (status: 429 | 503, detail: string) =>
  new ProblemError(status, 'RATE_LIMITED', 'Too many sign-ins at once', detail, {
    headers: { 'Retry-After': '1' },
  });
