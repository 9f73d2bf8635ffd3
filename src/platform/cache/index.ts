import type { Cache } from './types.js';
import { openMemoryCache } from './memory.js';
import { openRedisCache } from './redis.js';

export type { Cache } from './types.js';
export type { MemoryCacheOptions } from './memory.js';
export type { RedisCacheOptions } from './redis.js';
export { openMemoryCache, openRedisCache };

/** Redis when a URL is configured, otherwise the in-process LRU. */
export async function openCache(options: { redisUrl: string | undefined; prefix?: string; maxEntries?: number; nearMaxEntries?: number }): Promise<Cache> {
  const prefix = options.prefix ?? 'marquee:';
  return options.redisUrl
    ? openRedisCache({ url: options.redisUrl, prefix, ...(options.nearMaxEntries ? { nearMaxEntries: options.nearMaxEntries } : {}) })
    : openMemoryCache({ prefix, ...(options.maxEntries ? { maxEntries: options.maxEntries } : {}) });
}
