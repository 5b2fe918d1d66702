/** A cached integration response, replayed as is on a hit. */
export interface CachedResponse {
  status: number;
  headers: Record<string, string | string[]>;
  body: Buffer;
}

/**
 * Entries one stage cache keeps before evicting the oldest: the emulator bounds memory by count,
 * whatever `cacheClusterSize` says.
 */
export const STAGE_CACHE_MAX_ENTRIES = 10_000;

/** The response caches of all stages, keyed by API and stage; FlushStageCache empties one. */
export class StageCaches {
  private readonly caches = new Map<string, Map<string, { expiresAtMs: number; response: CachedResponse }>>();

  constructor(private readonly now: () => number = Date.now) {}

  private static stageKey(restApiId: string, stageName: string) {
    return `${restApiId}\u0000${stageName}`;
  }

  get(restApiId: string, stageName: string, key: string): CachedResponse | undefined {
    const cache = this.caches.get(StageCaches.stageKey(restApiId, stageName));
    const entry = cache?.get(key);
    if (!entry) return undefined;
    if (entry.expiresAtMs <= this.now()) {
      cache!.delete(key);
      return undefined;
    }
    return entry.response;
  }

  set(restApiId: string, stageName: string, key: string, response: CachedResponse, ttlSeconds: number): void {
    const stageKey = StageCaches.stageKey(restApiId, stageName);
    let cache = this.caches.get(stageKey);
    if (!cache) {
      cache = new Map();
      this.caches.set(stageKey, cache);
    }
    cache.delete(key);
    if (cache.size >= STAGE_CACHE_MAX_ENTRIES) cache.delete(cache.keys().next().value!);
    cache.set(key, { expiresAtMs: this.now() + ttlSeconds * 1000, response });
  }

  flush(restApiId: string, stageName: string): void {
    this.caches.delete(StageCaches.stageKey(restApiId, stageName));
  }
}
