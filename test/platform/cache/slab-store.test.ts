import { describe, expect, it } from 'vitest';
import { openMemoryCache } from '../../../src/platform/cache/memory.js';
import { SlabStore } from '../../../src/platform/cache/slab-store.js';

describe('SlabStore', () => {
  it('reads back what it stored, in every size class and beyond the largest', () => {
    const store = new SlabStore();
    const texts = ['', 'a', 'é€😀 mixed UTF-8', 'x'.repeat(27), 'y'.repeat(28), 'z'.repeat(1_000), 'w'.repeat(300_000), 'v'.repeat(1_048_572), 'u'.repeat(1_500_000)];
    const handles = texts.map((t) => store.write(t));
    handles.forEach((h, i) => expect(store.read(h)).toBe(texts[i]));
    for (const h of handles) expect(Number.isInteger(h) && h >= 0 && h < 2 ** 30).toBe(true);
    expect(store.stats().blocks).toBe(texts.length);
  });

  it('reuses a freed block for the next value of its class, and lets a large value\'s buffer go', () => {
    const store = new SlabStore();
    const a = store.write('a'.repeat(100));
    const b = store.write('b'.repeat(100));
    store.free(a);
    const c = store.write('c'.repeat(101));
    expect(c).toBe(a);
    expect(store.read(b)).toBe('b'.repeat(100));
    expect(store.read(c)).toBe('c'.repeat(101));
    const held = store.stats().bytesHeld;
    const big = store.write('L'.repeat(2_000_000));
    expect(store.stats().bytesHeld).toBe(held + 2_000_008);
    store.free(big);
    expect(store.stats().bytesHeld).toBe(held);
    expect(store.stats().blocks).toBe(2);
    expect(() => store.read(big)).toThrow(RangeError);
  });

  it('keeps neighbours intact when blocks are rewritten many times', () => {
    const store = new SlabStore();
    const live = new Map<number, string>();
    let seed = 1;
    const rand = (n: number): number => ((seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31), seed % n);
    for (let i = 0; i < 20_000; i++) {
      if (live.size > 500 && rand(2) === 0) {
        const [h] = live.keys();
        store.free(h!);
        live.delete(h!);
      } else {
        const text = `${i}:`.padEnd(rand(3_000), String.fromCharCode(97 + rand(26)));
        live.set(store.write(text), text);
      }
    }
    for (const [h, text] of live) expect(store.read(h)).toBe(text);
    expect(store.stats().blocks).toBe(live.size);
  });
});

describe('memory cache on the slab store', () => {
  it('frees a value\'s block when it is replaced, deleted, evicted or closed', async () => {
    const cache = openMemoryCache({ maxEntries: 1_000 });
    for (let i = 0; i < 5_000; i++) await cache.set(`k${i % 2_000}`, `value ${i}`.repeat(10));
    await cache.delete('k999');
    // One block per entry held, whatever was written before: nothing leaks.
    expect(cache.held()).toMatchObject({ entries: 999, blocks: 999 });
    expect(await cache.get('k998')).toBe('value 4998'.repeat(10));
    expect(await cache.get('k1000')).toBeUndefined(); // evicted
    await cache.set('short', '1', 20);
    await new Promise((resolve) => setTimeout(resolve, 40));
    expect(await cache.get('short')).toBeUndefined(); // expired
    expect(await cache.increment('n', 5)).toBe(5);
    expect(await cache.increment('n', 2)).toBe(7);
    expect(cache.held().blocks).toBe(cache.held().entries);
    await cache.close();
    expect(cache.held()).toMatchObject({ entries: 0, blocks: 0, bytesHeld: 0 });
  });
});
