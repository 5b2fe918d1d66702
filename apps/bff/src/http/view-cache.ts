/**
 * Answers shared by every operator looking at the same view for a while, with concurrent asks sharing
 * one load; a failed load is not remembered. Bounded: expired entries go first, then everything.
 */
export class ViewCache<T> {
  private readonly entries = new Map<string, { expires: number; value: Promise<T> }>();

  constructor(
    private readonly ttlMs: number,
    private readonly maxEntries = 500,
  ) {}

  async read(key: string, load: () => Promise<T>): Promise<{ value: T; maxAgeSeconds: number }> {
    const now = Date.now();
    let entry = this.entries.get(key);
    if (!entry || entry.expires <= now) {
      if (this.entries.size >= this.maxEntries) {
        for (const [old, cached] of this.entries) if (cached.expires <= now) this.entries.delete(old);
        if (this.entries.size >= this.maxEntries) this.entries.clear();
      }
      const value = load();
      const created = { expires: now + this.ttlMs, value };
      entry = created;
      this.entries.set(key, created);
      value.catch(() => {
        if (this.entries.get(key) === created) this.entries.delete(key);
      });
    }
    const value = await entry.value;
    return { value, maxAgeSeconds: Math.max(0, Math.ceil((entry.expires - Date.now()) / 1000)) };
  }
}
