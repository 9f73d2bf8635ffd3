import { LRUCache } from 'lru-cache';
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
}

/** A TTL in whole milliseconds, or undefined for "no expiry" (same rounding as the Redis adapter). */
const ttlOf = (ms: number | undefined): number | undefined => (ms !== undefined && ms > 0 ? Math.ceil(ms) : undefined);

/**
 * In-process LRU cache with per-entry TTL: the embedded stand-in for Redis, with the same semantics.
 * Values live as UTF-8 in a slab store outside V8's heap (slab-store.ts says why); the LRU maps each
 * key to its value's handle, and a value leaving the LRU (replaced, deleted, evicted, expired) frees
 * its block. A read decodes a new string: callers compare values by content, never by identity.
 */
export function openMemoryCache(options: MemoryCacheOptions = {}): MemoryCache {
  const prefix = options.prefix ?? '';
  const store = new SlabStore();
  const lru = new LRUCache<string, number>({
    max: options.maxEntries ?? 100_000,
    // ttlAutopurge off: expired entries are dropped lazily on access instead of one timer per entry.
    ttlAutopurge: false,
    dispose: (handle) => store.free(handle),
  });
  const k = (key: string): string => prefix + key;
  const read = (key: string): string | undefined => {
    const handle = lru.get(key);
    return handle === undefined ? undefined : store.read(handle);
  };
  const expiry = (ttlMs: number | undefined) => {
    const ttl = ttlOf(ttlMs);
    return ttl === undefined ? {} : { ttl };
  };
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
      lru.set(k(key), store.write(value), expiry(ttlMs));
    },
    async setIfAbsent(key, value, ttlMs) {
      if (lru.has(k(key))) return false;
      lru.set(k(key), store.write(value), expiry(ttlMs));
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
        lru.set(full, store.write(String(by)), expiry(ttlMs));
        return by;
      }
      const value = Number(current);
      // Redis refuses INCRBY on a non-integer value; so does this adapter.
      if (!/^-?\d+$/.test(current) || !Number.isSafeInteger(value)) {
        throw new TypeError(`cache value at ${JSON.stringify(key)} is not an integer`);
      }
      // noUpdateTTL keeps the expiry set at creation: a counter window must not slide with every hit.
      lru.set(full, store.write(String(value + by)), { noUpdateTTL: true });
      return value + by;
    },
    held() {
      return { ...store.stats(), entries: lru.size };
    },
    async ping() {},
    async close() {
      lru.clear();
      store.clear();
    },
  };
}
