/** A cached answer and how old it is (what the BFF sends as `Age`). */
export interface Aged<T> {
  value: T;
  ageSeconds: number;
}

interface Entry {
  /** The last answer that arrived; past its age it stands in while AWS's budget is spent. */
  settled?: { value: unknown; at: number };
  /** The read from AWS under way, shared by every caller who waits for it. */
  inflight?: Promise<unknown>;
}

/**
 * Recent answers of API Gateway reads, shared by everyone looking at the same thing. Fifty operators
 * polling one stage page would otherwise send fifty GetStage calls a second into an account-wide
 * control-plane rate limit of a few per second. Identical reads in flight are made once.
 */
export class ReadCache {
  private readonly entries = new Map<string, Entry>();

  constructor(
    private readonly maxAgeMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  /** The answer to `load` under `key`, reused while younger than the cache's age. */
  async read<T>(key: string, load: () => Promise<T>): Promise<T> {
    return (await this.readAged(key, load)).value;
  }

  /**
   * As {@link read}; and when `busy()` says a call to AWS would have to wait its turn, an older answer
   * stands in (with its age) while the reload waits for its turn in the background.
   */
  async readAged<T>(
    key: string,
    load: () => Promise<T>,
    busy: () => boolean = () => false,
  ): Promise<Aged<T>> {
    let entry = this.entries.get(key);
    if (!entry) {
      entry = {};
      this.entries.set(key, entry);
    }
    const { settled } = entry;
    if (settled && this.now() < settled.at + this.maxAgeMs) return this.aged(settled);
    entry.inflight ??= this.load(entry, load);
    if (settled && busy()) {
      entry.inflight.catch(() => {});
      return this.aged(settled);
    }
    return { value: (await entry.inflight) as T, ageSeconds: 0 };
  }

  private async load<T>(entry: Entry, load: () => Promise<T>): Promise<T> {
    try {
      const value = await load();
      entry.settled = { value, at: this.now() };
      return value;
    } finally {
      // A failed read is not an answer: the next caller asks AWS again.
      entry.inflight = undefined;
    }
  }

  private aged<T>(settled: NonNullable<Entry['settled']>): Aged<T> {
    return {
      value: settled.value as T,
      ageSeconds: Math.max(0, Math.floor((this.now() - settled.at) / 1000)),
    };
  }

  /** Replaces the answer under `key` with one just read from AWS. */
  remember<T>(key: string, value: T): void {
    this.entries.set(key, { settled: { value, at: this.now() } });
  }

  /** Forgets every answer whose key starts with one of `prefixes` (after a change through this process). */
  forget(...prefixes: string[]): void {
    for (const key of this.entries.keys()) {
      if (prefixes.some((prefix) => key.startsWith(prefix))) this.entries.delete(key);
    }
  }
}
