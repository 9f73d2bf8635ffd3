import { LRUCache } from 'lru-cache';
import type { Cache } from './types.js';

export interface MemoryCacheOptions {
  /** Size bound: the least recently used entries are evicted beyond it. */
  maxEntries?: number;
  prefix?: string;
}

/** A TTL in whole milliseconds, or undefined for "no expiry" (same rounding as the Redis adapter). */
const ttlOf = (ms: number | undefined): number | undefined => (ms !== undefined && ms > 0 ? Math.ceil(ms) : undefined);

/** In-process LRU cache with per-entry TTL: the embedded stand-in for Redis, with the same semantics. */
export function openMemoryCache(options: MemoryCacheOptions = {}): Cache {
  const prefix = options.prefix ?? '';
  // ttlAutopurge off: expired entries are dropped lazily on access instead of one timer per entry.
  const lru = new LRUCache<string, string>({ max: options.maxEntries ?? 100_000, ttlAutopurge: false });
  const k = (key: string): string => prefix + key;
  const expiry = (ttlMs: number | undefined) => {
    const ttl = ttlOf(ttlMs);
    return ttl === undefined ? {} : { ttl };
  };
  return {
    kind: 'memory',
    async get(key) {
      return lru.get(k(key));
    },
    async getMany(keys) {
      return keys.map((key) => lru.get(k(key)));
    },
    async set(key, value, ttlMs) {
      // Like Redis SET: a write without a TTL also clears an earlier one.
      lru.set(k(key), value, expiry(ttlMs));
    },
    async setIfAbsent(key, value, ttlMs) {
      if (lru.has(k(key))) return false;
      lru.set(k(key), value, expiry(ttlMs));
      return true;
    },
    async delete(key) {
      lru.delete(k(key));
    },
    async increment(key, by = 1, ttlMs) {
      if (!Number.isSafeInteger(by)) throw new RangeError(`cache increment must be an integer, got ${by}`);
      const full = k(key);
      const current = lru.get(full);
      if (current === undefined) {
        lru.set(full, String(by), expiry(ttlMs));
        return by;
      }
      const value = Number(current);
      // Redis refuses INCRBY on a non-integer value; so does this adapter.
      if (!/^-?\d+$/.test(current) || !Number.isSafeInteger(value)) {
        throw new TypeError(`cache value at ${JSON.stringify(key)} is not an integer`);
      }
      // noUpdateTTL keeps the expiry set at creation: a counter window must not slide with every hit.
      lru.set(full, String(value + by), { noUpdateTTL: true });
      return value + by;
    },
    async ping() {},
    async close() {
      lru.clear();
    },
  };
}
