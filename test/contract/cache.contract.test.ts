import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { openCache, openMemoryCache, openRedisCache, type Cache } from '../../src/platform/cache/index.js';
import { NearCache } from '../../src/platform/cache/near.js';

/**
 * One contract for every Cache adapter: the in-process LRU always, Redis when MARQUEE_REDIS_URL is
 * set (every key under `marquee-test:<run>:`, deleted afterwards).
 */
interface Harness {
  /** A cache on the shared backing store whose keys live in their own `namespace`. */
  open(namespace: string): Promise<Cache>;
  teardown(): Promise<void>;
}

const redisUrl = process.env.MARQUEE_REDIS_URL;
const runPrefix = `marquee-test:${randomBytes(6).toString('hex')}:`;

function memoryHarness(): Harness {
  return { open: async (namespace) => openMemoryCache({ prefix: `${namespace}:` }), teardown: async () => {} };
}

function redisHarness(url: string): Harness {
  return {
    open: (namespace) => openRedisCache({ url, prefix: `${runPrefix}${namespace}:` }),
    async teardown() {
      const raw = new Redis(url);
      try {
        const stream = raw.scanStream({ match: `${runPrefix}*`, count: 500 });
        for await (const keys of stream as AsyncIterable<string[]>) if (keys.length > 0) await raw.del(...keys);
      } finally {
        raw.disconnect();
      }
    },
  };
}

/** Redis through its near cache: every operation of the contract, with the process's copy in the way. */
function redisNearHarness(url: string): Harness {
  const plain = redisHarness(url);
  return {
    async open(namespace) {
      const parent = await openRedisCache({ url, prefix: `${runPrefix}${namespace}:`, nearMaxEntries: 1_000 });
      const near = nearOf(parent);
      return {
        kind: near.kind,
        get: (key) => near.get(key),
        getMany: (keys) => near.getMany(keys),
        set: (key, value, ttlMs) => near.set(key, value, ttlMs),
        setIfAbsent: (key, value, ttlMs) => near.setIfAbsent(key, value, ttlMs),
        delete: (key) => near.delete(key),
        increment: (key, by, ttlMs) => near.increment(key, by, ttlMs),
        ping: () => near.ping(),
        close: () => parent.close(),
      };
    },
    teardown: () => plain.teardown(),
  };
}

function nearOf(cache: Cache): NearCache {
  if (!(cache.near instanceof NearCache)) throw new Error('expected a near cache');
  return cache.near;
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** The cases every adapter must pass; registered inside the caller's describe block. */
function cacheContract(harness: Harness): void {
  let opened: Cache[] = [];
  let counter = 0;
  /** A cache in a namespace of its own, so tests never see each other's keys. */
  async function fresh(): Promise<Cache> {
    const cache = await harness.open(`t${counter++}`);
    opened.push(cache);
    return cache;
  }
  afterEach(async () => {
    await Promise.all(opened.map((cache) => cache.close()));
    opened = [];
  });
  afterAll(() => harness.teardown());

  it('answers ping', async () => {
    await expect((await fresh()).ping()).resolves.toBeUndefined();
  });

  it('gets, sets, overwrites and deletes', async () => {
    const cache = await fresh();
    expect(await cache.get('k')).toBeUndefined();
    await cache.set('k', 'one');
    expect(await cache.get('k')).toBe('one');
    await cache.set('k', '{"json":"äöü ✓"}');
    expect(await cache.get('k')).toBe('{"json":"äöü ✓"}');
    await cache.set('empty', '');
    expect(await cache.get('empty')).toBe('');
    await cache.delete('k');
    expect(await cache.get('k')).toBeUndefined();
    await expect(cache.delete('never-set')).resolves.toBeUndefined();
  });

  it('getMany answers in the order asked, with misses as undefined', async () => {
    const cache = await fresh();
    await cache.set('a', '1');
    await cache.set('c', '3');
    expect(await cache.getMany(['a', 'b', 'c', 'a'])).toEqual(['1', undefined, '3', '1']);
    expect(await cache.getMany([])).toEqual([]);
  });

  it('keeps namespaces apart', async () => {
    const one = await fresh();
    const two = await fresh();
    await one.set('shared', 'one');
    await one.increment('hits', 5);
    expect(await two.get('shared')).toBeUndefined();
    expect(await two.increment('hits')).toBe(1);
    expect(await one.get('hits')).toBe('5');
  });

  it('expires entries after their ttl', async () => {
    const cache = await fresh();
    await cache.set('short', 'v', 80);
    await cache.set('long', 'v', 60_000);
    expect(await cache.get('short')).toBe('v');
    await sleep(200);
    expect(await cache.get('short')).toBeUndefined();
    expect(await cache.getMany(['short', 'long'])).toEqual([undefined, 'v']);
  });

  it('a set without ttl clears an earlier ttl', async () => {
    const cache = await fresh();
    await cache.set('k', 'first', 80);
    await cache.set('k', 'second');
    await sleep(200);
    expect(await cache.get('k')).toBe('second');
  });

  it('setIfAbsent stores once, then again after expiry', async () => {
    const cache = await fresh();
    expect(await cache.setIfAbsent('lease', 'a', 80)).toBe(true);
    expect(await cache.setIfAbsent('lease', 'b', 80)).toBe(false);
    expect(await cache.get('lease')).toBe('a');
    await sleep(200);
    expect(await cache.setIfAbsent('lease', 'c', 80)).toBe(true);
    expect(await cache.get('lease')).toBe('c');
  });

  it('increments from absent, by N and below zero', async () => {
    const cache = await fresh();
    expect(await cache.increment('n')).toBe(1);
    expect(await cache.increment('n', 10)).toBe(11);
    expect(await cache.increment('n', -20)).toBe(-9);
    expect(await cache.get('n')).toBe('-9');
    expect(await cache.increment('other', 7)).toBe(7);
  });

  it('refuses to increment a value that is not an integer', async () => {
    const cache = await fresh();
    await cache.set('word', 'hello');
    await expect(cache.increment('word')).rejects.toThrow();
    expect(await cache.get('word')).toBe('hello');
    await expect(cache.increment('n', 1.5)).rejects.toThrow(RangeError);
  });

  it('counts 100 concurrent increments exactly', async () => {
    const cache = await fresh();
    const results = await Promise.all(Array.from({ length: 100 }, () => cache.increment('hits', 1, 60_000)));
    expect(await cache.get('hits')).toBe('100');
    expect([...results].sort((a, b) => a - b)).toEqual(Array.from({ length: 100 }, (_, i) => i + 1));
  });

  it('keeps the ttl set when the counter was created', async () => {
    const cache = await fresh();
    expect(await cache.increment('window', 1, 400)).toBe(1);
    await sleep(200);
    // A sliding TTL would now live until ~600 ms; a fixed window ends at 400 ms.
    expect(await cache.increment('window', 1, 400)).toBe(2);
    await sleep(300);
    expect(await cache.get('window')).toBeUndefined();
    expect(await cache.increment('window', 1, 400)).toBe(1);
  });

  it('does not give an existing counter a ttl, even one at zero', async () => {
    const cache = await fresh();
    await cache.set('n', '0');
    expect(await cache.increment('n', 1, 60)).toBe(1);
    await sleep(200);
    expect(await cache.get('n')).toBe('1');
  });
}

describe('Cache contract: memory', () => cacheContract(memoryHarness()));

describe.skipIf(!redisUrl)(`Cache contract: redis${redisUrl ? '' : ' (skipped: MARQUEE_REDIS_URL not set)'}`, () =>
  cacheContract(redisHarness(redisUrl ?? '')),
);

describe.skipIf(!redisUrl)(`Cache contract: redis near cache${redisUrl ? '' : ' (skipped: MARQUEE_REDIS_URL not set)'}`, () =>
  cacheContract(redisNearHarness(redisUrl ?? '')),
);

describe('memory cache', () => {
  it('evicts the least recently used entries beyond maxEntries', async () => {
    const cache = openMemoryCache({ maxEntries: 3 });
    await cache.set('a', '1');
    await cache.set('b', '2');
    await cache.set('c', '3');
    await cache.get('a');
    await cache.set('d', '4');
    expect(await cache.getMany(['a', 'b', 'c', 'd'])).toEqual(['1', undefined, '3', '4']);
  });
});

describe.skipIf(!redisUrl)(`redis cache${redisUrl ? '' : ' (skipped: MARQUEE_REDIS_URL not set)'}`, () => {
  it('stores every key, counters included, under the prefix', async () => {
    const prefix = `${runPrefix}raw:`;
    const cache = await openRedisCache({ url: redisUrl ?? '', prefix });
    const raw = new Redis(redisUrl ?? '');
    try {
      await cache.set('plain', 'v');
      await cache.increment('count', 3, 60_000);
      expect(await raw.mget(`${prefix}plain`, `${prefix}count`)).toEqual(['v', '3']);
      expect(await raw.pttl(`${prefix}count`)).toBeGreaterThan(50_000);
      expect(await raw.exists('plain', 'count')).toBe(0);
    } finally {
      await raw.del(`${prefix}plain`, `${prefix}count`);
      raw.disconnect();
      await cache.close();
    }
  });
});

describe('openCache', () => {
  it('uses memory without a Redis URL', async () => {
    const cache = await openCache({ redisUrl: undefined });
    expect(cache.kind).toBe('memory');
    await cache.close();
  });

  it.skipIf(!redisUrl)('uses Redis with a URL', async () => {
    const cache = await openCache({ redisUrl, prefix: runPrefix });
    expect(cache.kind).toBe('redis');
    await cache.close();
  });

  it('fails fast with the variable name, the reason and no password when Redis is unreachable', async () => {
    const started = Date.now();
    const error = await openRedisCache({ url: 'redis://:hunter2@127.0.0.1:1', prefix: 'x:' }).then(
      () => undefined,
      (err: unknown) => err,
    );
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(error).toBeInstanceOf(Error);
    const message = (error as Error).message;
    expect(message).toMatch(/^MARQUEE_REDIS_URL: cannot reach Redis at redis:\/\/:\*\*\*@127\.0\.0\.1:1: /);
    expect(message).toContain('ECONNREFUSED');
    expect(message).not.toContain('hunter2');
  });
});

/** Polls `read` until it answers `expected` (an invalidation crosses a second connection). */
async function eventually(read: () => Promise<unknown>, expected: unknown, withinMs = 2_000): Promise<void> {
  const until = Date.now() + withinMs;
  let last = await read();
  while (last !== expected && Date.now() < until) {
    await sleep(10);
    last = await read();
  }
  expect(last).toBe(expected);
}

describe.skipIf(!redisUrl)(`redis near cache${redisUrl ? '' : ' (skipped: MARQUEE_REDIS_URL not set)'}`, () => {
  const prefix = `${runPrefix}near:`;
  const opened: Cache[] = [];
  const open = async (nearMaxEntries?: number): Promise<Cache> => {
    const cache = await openRedisCache({ url: redisUrl ?? '', prefix, ...(nearMaxEntries ? { nearMaxEntries } : {}) });
    opened.push(cache);
    return cache;
  };
  afterEach(async () => {
    await Promise.all(opened.splice(0).map((cache) => cache.close()));
  });
  afterAll(() => redisHarness(redisUrl ?? '').teardown());

  it('keeps what it read, and sees another node change, delete and expire it', async () => {
    const node = nearOf(await open(1_000));
    const other = await open();
    await other.set('k', 'v1');
    expect(await node.get('k')).toBe('v1');
    expect(await node.get('k')).toBe('v1');
    expect(node.stats()).toMatchObject({ entries: 1, hits: 1, misses: 1 });

    await other.set('k', 'v2');
    await eventually(() => node.get('k'), 'v2');
    await other.delete('k');
    await eventually(() => node.get('k'), undefined);

    await other.set('short', 'lived', 200);
    expect(await node.get('short')).toBe('lived');
    await sleep(250);
    // Kept no longer than Redis keeps it: the read took the key's remaining TTL.
    expect(await node.get('short')).toBeUndefined();
  });

  it('keeps what it filled (setIfAbsent reads the key back) and sees it change', async () => {
    const node = nearOf(await open(1_000));
    const other = await open();
    expect(await node.setIfAbsent('fill', 'loaded', 60_000)).toBe(true);
    expect(await node.get('fill')).toBe('loaded');
    expect(node.stats()).toMatchObject({ entries: 1, hits: 1, misses: 0 });
    await other.set('fill', 'changed');
    await eventually(() => node.get('fill'), 'changed');
  });

  it('is coherent across two nodes writing the same keys', async () => {
    const a = nearOf(await open(1_000));
    const b = nearOf(await open(1_000));
    await a.set('k', 'from-a');
    expect(await b.get('k')).toBe('from-a');
    await b.set('k', 'from-b');
    // b reads its own write at once; a once Redis's invalidation arrives.
    expect(await b.get('k')).toBe('from-b');
    await eventually(() => a.get('k'), 'from-b');
    await a.delete('k');
    expect(await a.get('k')).toBeUndefined();
    await eventually(() => b.get('k'), undefined);
  });

  it('fails fast, naming the way to run without it, when Redis refuses client tracking', async () => {
    const admin = new Redis(redisUrl ?? '');
    const user = `marquee-test-${randomBytes(4).toString('hex')}`;
    // A user that may do everything but CLIENT, as a locked-down managed Redis might be.
    await admin.call('ACL', 'SETUSER', user, 'on', '>near-secret', '~*', '&*', '+@all', '-client');
    try {
      const url = new URL(redisUrl ?? '');
      url.username = user;
      url.password = 'near-secret';
      const error = await openRedisCache({ url: url.toString(), prefix, nearMaxEntries: 10 }).then(
        () => undefined,
        (err: unknown) => err,
      );
      expect(error).toBeInstanceOf(Error);
      expect((error as Error).message).toMatch(/^MARQUEE_REDIS_URL: Redis at .* refused the near cache's client tracking .*MARQUEE_NEAR_CACHE_MAX_ENTRIES=0 runs without it$/);
      expect((error as Error).message).not.toContain('near-secret');
      // The same user without the near cache is served.
      const plain = await openRedisCache({ url: url.toString(), prefix });
      opened.push(plain);
      await plain.set('k', 'v');
      expect(await plain.get('k')).toBe('v');
    } finally {
      await admin.call('ACL', 'DELUSER', user);
      admin.disconnect();
    }
  });

  it('forgets what it kept when its invalidation connection drops, and tracks again once it is back', async () => {
    const node = nearOf(await open(1_000));
    const other = await open();
    await other.set('k', 'before');
    expect(await node.get('k')).toBe('before');
    expect(node.isTracking).toBe(true);

    // Drop every near cache's subscriber (others reconnect the same way).
    const admin = new Redis(redisUrl ?? '');
    try {
      const clients = String(await admin.call('CLIENT', 'LIST', 'TYPE', 'pubsub')).split('\n');
      const ids = clients.filter((line) => line.includes('name=marquee-near-invalidations')).map((line) => /id=(\d+)/.exec(line)?.[1]);
      expect(ids.length).toBeGreaterThan(0);
      for (const id of ids) await admin.client('KILL', 'ID', String(id));
    } finally {
      admin.disconnect();
    }
    await eventually(async () => node.isTracking, false);
    expect(node.held().entries).toBe(0);
    await other.set('k', 'while-away');
    expect(await node.get('k')).toBe('while-away');

    await eventually(async () => node.isTracking, true, 5_000);
    expect(await node.get('k')).toBe('while-away');
    await other.set('k', 'after');
    await eventually(() => node.get('k'), 'after');
  });
});
