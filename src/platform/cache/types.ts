/**
 * Hot key-value state with expiry: in-process LRU embedded, Redis in services mode.
 * Values are strings (callers JSON-encode); every key is namespaced by the adapter's prefix.
 */
export interface Cache {
  readonly kind: 'memory' | 'redis';
  get(key: string): Promise<string | undefined>;
  getMany(keys: readonly string[]): Promise<(string | undefined)[]>;
  /** Stores a value; `ttlMs` makes it expire, otherwise it lives until evicted or deleted. */
  set(key: string, value: string, ttlMs?: number): Promise<void>;
  /** Stores only when the key is absent; true when it was stored (locks, leases, dedup). */
  setIfAbsent(key: string, value: string, ttlMs: number): Promise<boolean>;
  delete(key: string): Promise<void>;
  /** Atomically adds `by` and returns the new value; `ttlMs` is set when the counter is created. */
  increment(key: string, by?: number, ttlMs?: number): Promise<number>;
  ping(): Promise<void>;
  close(): Promise<void>;
  /** What this process holds (for /metrics): the embedded cache, or Redis's near cache if any. */
  held?(): CacheHeld;
  /**
   * The same cache through a copy, in this process, of the values it reads, which the shared cache
   * keeps coherent (Redis: client tracking; near.ts). For hot, read-mostly state; absent when the
   * cache is in-process already or the near cache is off.
   */
  readonly near?: Cache;
}

export interface CacheHeld {
  readonly entries: number;
  /** Bytes of buffers outside V8's heap holding the keys and values. */
  readonly bytesHeld: number;
}
