import { describe, expect, it } from 'vitest';
import { openMemoryCache } from '../../../src/platform/cache/memory.js';
import { NearCache, type TtlReadableCache } from '../../../src/platform/cache/near.js';

/**
 * The near cache's coherence rules against a remote whose reads can be held back, so a change can
 * be reported while a read is in flight. Redis's side (tracking, invalidation messages, reconnects)
 * is in the cache contract suite.
 */
function remote(): TtlReadableCache & { reads: number; hold(): { started: Promise<void>; release(): void } } {
  const store = openMemoryCache();
  let gate: Promise<void> | undefined;
  let onRead: (() => void) | undefined;
  const counted = {
    ...store,
    reads: 0,
    async getWithTtl(key: string) {
      counted.reads++;
      const value = await store.get(key);
      onRead?.();
      await gate;
      return { value, ttlMs: undefined };
    },
    async get(key: string) {
      counted.reads++;
      return store.get(key);
    },
    async setIfAbsentThenGet(key: string, value: string, ttlMs: number) {
      const stored = await store.setIfAbsent(key, value, ttlMs);
      return { stored, ...(await counted.getWithTtl(key)) };
    },
    /** Holds every read begun from now, after it has read its value, until `release`. */
    hold() {
      let open!: () => void;
      gate = new Promise((resolve) => (open = resolve));
      const started = new Promise<void>((resolve) => (onRead = resolve));
      return {
        started,
        release() {
          gate = undefined;
          onRead = undefined;
          open();
        },
      };
    },
  };
  return counted;
}

/** A tracking near cache whose read of `k` (stored as 'old') has read its value and is held in flight. */
async function readHeldInFlight() {
  const shared = remote();
  const near = new NearCache(shared, { maxEntries: 100 });
  near.setTracking(true);
  await shared.set('k', 'old');
  const held = shared.hold();
  const reading = near.get('k');
  await held.started;
  return { shared, near, held, reading };
}

describe('NearCache', () => {
  it('keeps what it reads while tracking, and reads through while not', async () => {
    const shared = remote();
    const near = new NearCache(shared, { maxEntries: 100 });
    await shared.set('k', 'v1');
    expect(await near.get('k')).toBe('v1');
    expect(await near.get('k')).toBe('v1');
    expect(shared.reads).toBe(2);

    near.setTracking(true);
    expect(await near.get('k')).toBe('v1');
    expect(await near.get('k')).toBe('v1');
    expect(await near.get('k')).toBe('v1');
    expect(shared.reads).toBe(3);
    expect(near.stats()).toMatchObject({ entries: 1, hits: 2, misses: 1 });

    // Another process changes the value: the shared cache reports it.
    await shared.set('k', 'v2');
    expect(await near.get('k')).toBe('v1');
    near.invalidate('k');
    expect(await near.get('k')).toBe('v2');

    // Tracking lost: everything kept is forgotten and reads go through.
    near.setTracking(false);
    expect(near.held().entries).toBe(0);
    await shared.set('k', 'v3');
    expect(await near.get('k')).toBe('v3');
  });

  it('does not keep a read that a reported change overtook', async () => {
    const { shared, near, held, reading } = await readHeldInFlight();
    await shared.set('k', 'new');
    near.invalidate('k');
    held.release();
    expect(await reading).toBe('old');
    expect(await near.get('k')).toBe('new');
  });

  it('does not keep a read begun before tracking was lost and found again', async () => {
    const { shared, near, held, reading } = await readHeldInFlight();
    near.setTracking(false);
    await shared.set('k', 'new');
    near.setTracking(true);
    held.release();
    expect(await reading).toBe('old');
    expect(await near.get('k')).toBe('new');
  });

  it('reads its own writes, and a flush forgets everything', async () => {
    const shared = remote();
    const near = new NearCache(shared, { maxEntries: 100 });
    near.setTracking(true);
    await near.set('a', '1');
    expect(await near.get('a')).toBe('1');
    await near.set('a', '2');
    expect(await near.get('a')).toBe('2');
    expect(await near.setIfAbsent('a', '3', 1000)).toBe(false);
    await near.delete('a');
    expect(await near.get('a')).toBeUndefined();
    expect(await near.increment('n', 5)).toBe(5);
    expect(await near.get('n')).toBe('5');
    expect(await near.getMany(['n', 'missing'])).toEqual(['5', undefined]);
    near.invalidate(undefined);
    expect(near.held().entries).toBe(0);
  });

  it('keeps what it filled, read back in the same round trip, but not a fill a reported change overtook', async () => {
    const shared = remote();
    const near = new NearCache(shared, { maxEntries: 100 });
    near.setTracking(true);
    expect(await near.setIfAbsent('fill', 'loaded', 60_000)).toBe(true);
    const reads = shared.reads;
    expect(await near.get('fill')).toBe('loaded');
    expect(shared.reads).toBe(reads);

    // Someone else's value was there first: that is what is kept.
    await shared.set('taken', 'theirs');
    expect(await near.setIfAbsent('taken', 'mine', 60_000)).toBe(false);
    expect(await near.get('taken')).toBe('theirs');

    const held = shared.hold();
    const filling = near.setIfAbsent('raced', 'first', 60_000);
    await held.started;
    await shared.set('raced', 'second');
    near.invalidate('raced');
    held.release();
    expect(await filling).toBe(true);
    expect(await near.get('raced')).toBe('second');
  });

  it('keeps at most maxEntries', async () => {
    const shared = remote();
    const near = new NearCache(shared, { maxEntries: 10 });
    near.setTracking(true);
    for (let i = 0; i < 50; i++) await shared.set(`k${i}`, String(i));
    for (let i = 0; i < 50; i++) expect(await near.get(`k${i}`)).toBe(String(i));
    expect(near.held().entries).toBe(10);
  });
});
