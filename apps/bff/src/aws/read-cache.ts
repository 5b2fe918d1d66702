/**
 * Recent answers of API Gateway reads, shared by everyone looking at the same thing. Fifty operators
 * polling one stage page would otherwise send fifty GetStage calls a second into an account-wide
 * control-plane rate limit of a few per second. Identical reads in flight are made once.
 */
export class ReadCache {
  private readonly entries = new Map<string, { value: Promise<unknown>; until: number }>();

  constructor(
    private readonly maxAgeMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  /** The answer to `load` under `key`, reused while younger than the cache's age. */
  read<T>(key: string, load: () => Promise<T>): Promise<T> {
    const hit = this.entries.get(key);
    if (hit && this.now() < hit.until) return hit.value as Promise<T>;
    const value = load();
    const entry = { value, until: Number.POSITIVE_INFINITY };
    this.entries.set(key, entry);
    value.then(
      () => {
        entry.until = this.now() + this.maxAgeMs;
      },
      // A failed read is not an answer: the next caller asks AWS again.
      () => {
        if (this.entries.get(key) === entry) this.entries.delete(key);
      },
    );
    return value;
  }

  /** Replaces the answer under `key` with one just read from AWS. */
  remember<T>(key: string, value: T): void {
    this.entries.set(key, { value: Promise.resolve(value), until: this.now() + this.maxAgeMs });
  }

  /** Forgets every answer whose key starts with one of `prefixes` (after a change through this process). */
  forget(...prefixes: string[]): void {
    for (const key of this.entries.keys()) {
      if (prefixes.some((prefix) => key.startsWith(prefix))) this.entries.delete(key);
    }
  }
}
