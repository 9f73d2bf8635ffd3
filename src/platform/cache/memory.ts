import { LruIndex } from './lru-index.js';
import { SlabStore, type SlabStoreStats } from './slab-store.js';
import type { Cache, CacheHeld } from './types.js';

export interface MemoryCacheOptions {
  /** Size bound: the least recently used entries are evicted beyond it. */
  maxEntries?: number;
  prefix?: string;
}

/** The embedded cache, which always says what it holds (tests, metrics). */
export interface MemoryCache extends Cache {
  held(): SlabStoreStats & CacheHeld;
  /** Forgets every entry at once; the cache stays usable. */
  clear(): void;
}

/** A TTL in whole milliseconds, or undefined for "no expiry" (same rounding as the Redis adapter). */
const ttlOf = (ms: number | undefined): number | undefined => (ms !== undefined && ms > 0 ? Math.ceil(ms) : undefined);

/**
 * In-process LRU cache with per-entry TTL: the embedded stand-in for Redis, with the same semantics.
 * Keys and values live as UTF-8 in a slab store outside V8's heap (slab-store.ts says why), found
 * through an LRU index of typed arrays (lru-index.ts); an entry leaving it (replaced, deleted,
 * evicted, expired) frees its block. A read decodes a new string: callers compare values by content,
 * never by identity.
 */
export function openMemoryCache(options: MemoryCacheOptions = {}): MemoryCache {
  const prefix = options.prefix ?? '';
  const store = new SlabStore();
  // Expired entries are dropped when next touched, as lru-cache's ttlAutopurge off did (no timers).
  const lru = new LruIndex(options.maxEntries ?? 100_000, store);
  const k = (key: string): string => prefix + key;
  const read = (key: string): string | undefined => lru.get(key);
  return {
    kind: 'memory',
    async get(key) {
      return read(k(key));
    },
    async getMany(keys) {
      return keys.map((key) => read(k(key)));
    },
    async set(key, value, ttlMs) {
      // Like Redis SET: a write without a TTL also clears an earlier one.
      lru.set(k(key), value, ttlOf(ttlMs));
    },
    async setIfAbsent(key, value, ttlMs) {
      if (lru.has(k(key))) return false;
      lru.set(k(key), value, ttlOf(ttlMs));
      return true;
    },
    async delete(key) {
      lru.delete(k(key));
    },
    async increment(key, by = 1, ttlMs) {
      if (!Number.isSafeInteger(by)) throw new RangeError(`cache increment must be an integer, got ${by}`);
      const full = k(key);
      const current = read(full);
      if (current === undefined) {
        lru.set(full, String(by), ttlOf(ttlMs));
        return by;
      }
      const value = Number(current);
      // Redis refuses INCRBY on a non-integer value; so does this adapter.
      if (!/^-?\d+$/.test(current) || !Number.isSafeInteger(value)) {
        throw new TypeError(`cache value at ${JSON.stringify(key)} is not an integer`);
      }
      // keepTtl keeps the expiry set at creation: a counter window must not slide with every hit.
      lru.set(full, String(value + by), undefined, true);
      return value + by;
    },
    held() {
      return { ...store.stats(), entries: lru.size };
    },
    clear() {
      lru.clear();
      store.clear();
    },
    async ping() {},
    async close() {
      this.clear();
    },
  };
}
