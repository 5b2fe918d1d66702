/** A Map that forgets its least recently set entry when full: callers naming endless keys cannot grow memory. */
export class BoundedMap<K, V> extends Map<K, V> {
  constructor(private readonly maxEntries: number) {
    super();
  }

  override set(key: K, value: V): this {
    this.delete(key);
    if (this.size >= this.maxEntries) this.delete(this.keys().next().value as K);
    return super.set(key, value);
  }
}
