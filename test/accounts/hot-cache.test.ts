import { describe, expect, it } from 'vitest';
import { HotCache, textDigest } from '../../src/accounts/hot-cache.js';
import { openMemoryCache } from '../../src/platform/cache/memory.js';

describe('HotCache', () => {
  it('loads once, then answers the stored value parsed afresh on every read (nothing parsed is kept)', async () => {
    const hot = new HotCache<{ ids: string[] }>(openMemoryCache(), 'k:', 60_000);
    let loads = 0;
    const load = async () => ({ ids: ['a', String(++loads)] });
    const filled = await hot.get('p1', load);
    const again = await hot.get('p1', load);
    expect(again).toEqual(filled);
    expect(again).not.toBe(filled);
    expect(filled).toEqual({ ids: ['a', '1'] });
    expect(loads).toBe(1);
  });

  it('answers what it stored: the JSON form of the loaded value', async () => {
    const hot = new HotCache<{ at: unknown; gone?: unknown }>(openMemoryCache(), 'k:', 60_000);
    const filled = await hot.get('p1', async () => ({ at: new Date(0), gone: undefined }));
    expect(filled).toEqual({ at: '1970-01-01T00:00:00.000Z' });
    expect(await hot.get('p1', async () => undefined)).toEqual(filled);
  });

  it('after an invalidation reads load again, and a value loaded before it is not put back', async () => {
    const cache = openMemoryCache();
    const hot = new HotCache<{ v: number }>(cache, 'k:', 60_000);
    await hot.get('p1', async () => ({ v: 1 }));
    await hot.invalidate('p1');
    // The tombstone stands: this read answers what it loaded but does not cache it.
    expect(await hot.get('p1', async () => ({ v: 2 }))).toEqual({ v: 2 });
    expect(await cache.get('k:p1')).not.toContain('"v"');
  });

  it('answers the stored text unparsed: the same string while unchanged, a new one after a write', async () => {
    const cache = openMemoryCache();
    const hot = new HotCache<{ v: number }>(cache, 'k:', 60_000);
    let stored = 1;
    const load = async () => ({ v: stored });
    const first = await hot.text('p1', load);
    expect(first).toBe('{"v":1}');
    stored = 2;
    // Held: the cached text, not a new load (callers compare texts, or their digests, to tell "unchanged").
    expect(await hot.text('p1', load)).toBe(first);
    await hot.invalidate('p1');
    // Under the tombstone: what was loaded, not cached; after it, loaded and cached again.
    expect(await hot.text('p1', load)).toBe('{"v":2}');
    expect(await cache.get('k:p1')).not.toContain('"v"');
    await cache.delete('k:p1');
    stored = 3;
    expect(await hot.text('p1', load)).toBe('{"v":3}');
    expect(await cache.get('k:p1')).toBe('{"v":3}');
    expect(await hot.text('nobody', async () => undefined)).toBeUndefined();
  });

  it('digests texts: equal texts give equal digests, any change another, and the parts are kept apart', () => {
    expect(textDigest('[{"t":1}]', '[]')).toBe(textDigest('[{"t":1}]', '[]'));
    expect(textDigest('[{"t":1}]', '[]')).not.toBe(textDigest('[{"t":2}]', '[]'));
    expect(textDigest('ab', 'c')).not.toBe(textDigest('a', 'bc'));
    expect(textDigest('x')).toHaveLength(28);
  });
});
