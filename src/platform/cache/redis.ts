import { Redis, type ChainableCommander } from 'ioredis';
import { redactUrl } from '../../config.js';
import { NearCache, type RemoteValue, type TtlReadableCache } from './near.js';
import type { Cache } from './types.js';

export interface RedisCacheOptions {
  url: string;
  /** Prepended to every key (ioredis keyPrefix, which also covers MGET and script KEYS). */
  prefix: string;
  /**
   * Entries of the near cache (`Cache.near`: values this process reads, kept in it and invalidated
   * by Redis's client tracking); 0 or absent: none.
   */
  nearMaxEntries?: number;
}

/** Redis's pub/sub channel for client-tracking invalidations (RESP2, redirected to a subscriber). */
const INVALIDATE_CHANNEL = '__redis__:invalidate';

// INCRBY and, only when this call created the key, PEXPIRE, in one atomic step: the window is
// fixed at creation and a counter that already existed (even at 0) never gains or moves a TTL.
const INCREMENT_SCRIPT = `
local created = redis.call('EXISTS', KEYS[1]) == 0
local value = redis.call('INCRBY', KEYS[1], ARGV[1])
if created and tonumber(ARGV[2]) > 0 then redis.call('PEXPIRE', KEYS[1], ARGV[2]) end
return value`;

/** The script registered in the client's options (sent once, then run by SHA). */
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
    // In the options rather than defineCommand, so the near cache's duplicated connection has it too.
    scripts: { marqueeIncrement: { numberOfKeys: 1, lua: INCREMENT_SCRIPT } },
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

  const cache = adapter(client);
  let near: OpenNear | undefined;
  try {
    near = options.nearMaxEntries ? await openNear(client, options.prefix, options.nearMaxEntries) : undefined;
  } catch (err) {
    client.disconnect();
    const reason = err instanceof Error ? err.message : String(err);
    throw new Error(
      `MARQUEE_REDIS_URL: Redis at ${redactUrl(options.url)} refused the near cache's client tracking (it needs Redis 6 or later and the CLIENT command): ${reason}; MARQUEE_NEAR_CACHE_MAX_ENTRIES=0 runs without it`,
      { cause: err },
    );
  }
  return {
    ...cache,
    ...(near && { near: near.cache, held: () => near.cache.held() }),
    async close() {
      await near?.close();
      await cache.close();
    },
  };
}

/** A pipeline's replies, or the first command's error. */
async function replies(pipeline: ChainableCommander): Promise<unknown[]> {
  const results = (await pipeline.exec()) ?? [];
  const failed = results.find(([error]) => error);
  if (failed?.[0]) throw failed[0];
  return results.map(([, reply]) => reply);
}

/** A GET and a PTTL reply as a value and its TTL (PTTL: -1 for no TTL, -2 for no key). */
function remoteValue(value: unknown, ttl: unknown): RemoteValue {
  return { value: typeof value === 'string' ? value : undefined, ttlMs: typeof ttl === 'number' && ttl > 0 ? ttl : undefined };
}

/** The Cache operations over one connection (the shared one, or the near cache's tracked one). */
function adapter(client: Redis): TtlReadableCache {
  const scripts = client as unknown as IncrementCommand;
  return {
    kind: 'redis',
    async get(key) {
      return (await client.get(key)) ?? undefined;
    },
    async getWithTtl(key) {
      const [value, ttl] = await replies(client.pipeline().get(key).pttl(key));
      return remoteValue(value, ttl);
    },
    async setIfAbsentThenGet(key, value, ttlMs) {
      const ttl = ttlOf(ttlMs);
      const set = ttl === undefined ? client.pipeline().set(key, value, 'NX') : client.pipeline().set(key, value, 'PX', ttl, 'NX');
      const [stored, current, left] = await replies(set.get(key).pttl(key));
      return { stored: stored === 'OK', ...remoteValue(current, left) };
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

/** A near cache and the two connections that keep it coherent. */
interface OpenNear {
  readonly cache: NearCache;
  close(): Promise<void>;
}

/**
 * The near cache over a connection of its own whose reads Redis tracks (CLIENT TRACKING ... REDIRECT
 * to a subscriber, NOLOOP), so a value changed by any client afterwards is named on
 * `__redis__:invalidate`. Either connection dropping stops keeping values until both are back and
 * tracking is on again: changes meanwhile went unreported.
 */
async function openNear(client: Redis, prefix: string, maxEntries: number): Promise<OpenNear> {
  const tracked = client.duplicate();
  // Resubscribing is ours to do: tracking must be redirected to the subscriber's new client id.
  // RESP2: Redis sends a RESP2 redirect target its invalidations as messages on the channel.
  const subscriber = client.duplicate({ keyPrefix: '', autoResubscribe: false, connectionName: 'marquee-near-invalidations', protocol: 2 });
  const near = new NearCache(adapter(tracked), { maxEntries });
  let closing = false;
  let subscriberId: number | undefined;

  // messageBuffer, not message: ioredis gives the array of keys there as it came (Buffers).
  subscriber.on('messageBuffer', (channel: Buffer, message: unknown) => {
    if (channel.toString() !== INVALIDATE_CHANNEL) return;
    // RESP2 names the changed keys in an array, or sends nil when the whole database was flushed.
    if (!Array.isArray(message)) {
      near.invalidate(undefined);
      return;
    }
    for (const key of message) {
      const full = String(key);
      if (full.startsWith(prefix)) near.invalidate(full.slice(prefix.length));
    }
  });
  const lost = () => {
    subscriberId = undefined;
    near.setTracking(false);
  };
  const track = async () => {
    if (subscriberId === undefined || tracked.status !== 'ready') return;
    // OFF first: ON again with another REDIRECT is refused while tracking is on.
    await tracked.client('TRACKING', 'OFF');
    await tracked.client('TRACKING', 'ON', 'REDIRECT', String(subscriberId), 'NOLOOP');
    near.setTracking(true);
  };
  const subscribe = async () => {
    const id = Number(await subscriber.client('ID'));
    await subscriber.subscribe(INVALIDATE_CHANNEL);
    subscriberId = id;
    await track();
  };
  // A failed attempt leaves the near cache reading through; the next reconnect tries again.
  const retry = (what: () => Promise<void>) => () => {
    if (!closing) what().catch(() => near.setTracking(false));
  };
  subscriber.on('error', () => {});
  tracked.on('error', () => {});
  subscriber.on('close', lost);
  tracked.on('close', () => near.setTracking(false));

  try {
    await Promise.all([tracked.connect(), subscriber.connect()]);
    await subscribe();
  } catch (err) {
    tracked.disconnect();
    subscriber.disconnect();
    throw err;
  }
  subscriber.on('ready', retry(subscribe));
  tracked.on('ready', retry(track));
  return {
    cache: near,
    async close() {
      closing = true;
      near.setTracking(false);
      await Promise.allSettled([tracked.quit(), subscriber.quit()]);
    },
  };
}
