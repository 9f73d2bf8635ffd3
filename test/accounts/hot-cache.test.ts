import { describe, expect, it } from 'vitest';
import { HotCache } from '../../src/accounts/hot-cache.js';
import { openMemoryCache } from '../../src/platform/cache/memory.js';

describe('HotCache', () => {
  it('answers one object per stored value, from the read that fills it on', async () => {
    const hot = new HotCache<{ ids: string[] }>(openMemoryCache(), 'k:', 60_000);
    let loads = 0;
    const load = async () => ({ ids: ['a', String(++loads)] });
    const filled = await hot.get('p1', load);
    const again = await hot.get('p1', load);
    // Callers memoise derived answers by identity (visible titles, home inputs): a fill that answered
    // another object than the next reads would make each of them work everything out twice.
    expect(again).toBe(filled);
    expect(filled).toEqual({ ids: ['a', '1'] });
    expect(loads).toBe(1);
  });

  it('answers what it stored: the JSON form of the loaded value', async () => {
    const hot = new HotCache<{ at: unknown; gone?: unknown }>(openMemoryCache(), 'k:', 60_000);
    const filled = await hot.get('p1', async () => ({ at: new Date(0), gone: undefined }));
    expect(filled).toEqual({ at: '1970-01-01T00:00:00.000Z' });
    expect(await hot.get('p1', async () => undefined)).toBe(filled);
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
});
