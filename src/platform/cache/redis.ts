import { Redis } from 'ioredis';
import { redactUrl } from '../../config.js';
import type { Cache } from './types.js';

export interface RedisCacheOptions {
  url: string;
  /** Prepended to every key (ioredis keyPrefix, which also covers MGET and script KEYS). */
  prefix: string;
}

// INCRBY and, only when this call created the key, PEXPIRE, in one atomic step: the window is
// fixed at creation and a counter that already existed (even at 0) never gains or moves a TTL.
const INCREMENT_SCRIPT = `
local created = redis.call('EXISTS', KEYS[1]) == 0
local value = redis.call('INCRBY', KEYS[1], ARGV[1])
if created and tonumber(ARGV[2]) > 0 then redis.call('PEXPIRE', KEYS[1], ARGV[2]) end
return value`;

/** The script registered with defineCommand (sent once, then run by SHA). */
interface IncrementCommand {
  marqueeIncrement(key: string, by: number, ttlMs: number): Promise<number>;
}

/** A TTL in whole milliseconds (PX takes integers), or undefined for "no expiry". */
const ttlOf = (ms: number | undefined): number | undefined => (ms !== undefined && ms > 0 ? Math.ceil(ms) : undefined);

/** Redis behind the Cache interface; every key carries `prefix`. Fails fast when Redis is unreachable. */
export async function openRedisCache(options: RedisCacheOptions): Promise<Cache> {
  const client = new Redis(options.url, {
    lazyConnect: true,
    connectTimeout: 3_000,
    maxRetriesPerRequest: 2,
    keyPrefix: options.prefix,
    // After a successful start, keep reconnecting with backoff; at start we fail fast instead (below).
    retryStrategy: (attempt) => Math.min(attempt * 200, 2_000),
  });
  let lastError: Error | undefined;
  client.on('error', (err: Error) => {
    // Errors surface on the commands that hit them; an idle reconnect must not crash the process.
    lastError = err;
  });
  try {
    await client.connect();
    await client.ping();
  } catch (err) {
    client.disconnect();
    // connect() rejects with a bare "Connection is closed."; the socket error says why.
    const reason = lastError?.message ?? (err instanceof Error ? err.message : String(err));
    throw new Error(`MARQUEE_REDIS_URL: cannot reach Redis at ${redactUrl(options.url)}: ${reason}`, { cause: err });
  }
  client.defineCommand('marqueeIncrement', { numberOfKeys: 1, lua: INCREMENT_SCRIPT });
  const scripts = client as unknown as IncrementCommand;

  return {
    kind: 'redis',
    async get(key) {
      return (await client.get(key)) ?? undefined;
    },
    async getMany(keys) {
      if (keys.length === 0) return [];
      return (await client.mget(...keys)).map((value) => value ?? undefined);
    },
    async set(key, value, ttlMs) {
      const ttl = ttlOf(ttlMs);
      if (ttl === undefined) await client.set(key, value);
      else await client.set(key, value, 'PX', ttl);
    },
    async setIfAbsent(key, value, ttlMs) {
      const ttl = ttlOf(ttlMs);
      const reply = ttl === undefined ? await client.set(key, value, 'NX') : await client.set(key, value, 'PX', ttl, 'NX');
      return reply === 'OK';
    },
    async delete(key) {
      await client.del(key);
    },
    async increment(key, by = 1, ttlMs) {
      if (!Number.isSafeInteger(by)) throw new RangeError(`cache increment must be an integer, got ${by}`);
      return Number(await scripts.marqueeIncrement(key, by, ttlOf(ttlMs) ?? 0));
    },
    async ping() {
      await client.ping();
    },
    async close() {
      await client.quit().catch(() => client.disconnect());
    },
  };
}
