import { describe, expect, it } from 'vitest';
import { LruIndex } from '../../../src/platform/cache/lru-index.js';
import { SlabStore } from '../../../src/platform/cache/slab-store.js';

/** The reference: a Map in recency order (oldest first) with expiry times. */
class ModelLru {
  readonly entries = new Map<string, { value: string; expires: number }>();
  constructor(private readonly capacity: number, private readonly now: () => number) {}
  private liveEntry(key: string) {
    const entry = this.entries.get(key);
    if (entry && entry.expires !== 0 && entry.expires <= this.now()) {
      this.entries.delete(key);
      return undefined;
    }
    return entry;
  }
  get(key: string): string | undefined {
    const entry = this.liveEntry(key);
    if (!entry) return undefined;
    this.entries.delete(key);
    this.entries.set(key, entry);
    return entry.value;
  }
  has(key: string): boolean {
    return this.liveEntry(key) !== undefined;
  }
  set(key: string, value: string, ttl: number | undefined, keepTtl: boolean): void {
    const old = this.entries.get(key);
    const expires = old && keepTtl ? old.expires : ttl === undefined ? 0 : this.now() + ttl;
    this.entries.delete(key);
    if (!old && this.entries.size === this.capacity) this.entries.delete(this.entries.keys().next().value!);
    this.entries.set(key, { value, expires });
  }
  delete(key: string): boolean {
    return this.entries.delete(key);
  }
}

describe('LruIndex', () => {
  it('gets, overwrites, deletes and evicts the least recently used', () => {
    const store = new SlabStore();
    const lru = new LruIndex(3, store);
    lru.set('a', '1', undefined);
    lru.set('b', '2', undefined);
    lru.set('c', '3', undefined);
    expect(lru.get('a')).toBe('1'); // a is now the newest: b goes next
    lru.set('d', '4', undefined);
    expect(lru.get('b')).toBeUndefined();
    expect([lru.get('a'), lru.get('c'), lru.get('d')]).toEqual(['1', '3', '4']);
    lru.set('c', 'three', undefined);
    expect(lru.get('c')).toBe('three');
    expect(lru.delete('c')).toBe(true);
    expect(lru.delete('c')).toBe(false);
    expect(lru.size).toBe(2);
    expect(store.stats().blocks).toBe(2);
  });

  it('expires entries, and keeps an expiry when asked to', () => {
    let now = 1_000;
    const lru = new LruIndex(10, new SlabStore(), () => now);
    lru.set('short', 'x', 50);
    lru.set('kept', '1', 50);
    now += 40;
    lru.set('kept', '2', undefined, true);
    lru.set('cleared', 'y', 10);
    lru.set('cleared', 'y', undefined);
    now += 20;
    expect(lru.get('short')).toBeUndefined();
    expect(lru.has('kept')).toBe(false);
    expect(lru.get('cleared')).toBe('y');
    expect(lru.size).toBe(1);
  });

  it('tells apart keys of different lengths and UTF-8, whatever their hashes', () => {
    const lru = new LruIndex(100, new SlabStore());
    const keys = ['', 'k', 'k\u0000', 'é', 'e\u0301', '😀', 'x'.repeat(2_000)];
    keys.forEach((key, i) => lru.set(key, `v${i}`, undefined));
    keys.forEach((key, i) => expect(lru.get(key)).toBe(`v${i}`));
  });

  it('agrees with a reference LRU over 200,000 random operations on a crowded table', () => {
    let now = 0;
    const clock = () => now;
    const store = new SlabStore();
    const capacity = 700;
    const lru = new LruIndex(capacity, store, clock);
    const model = new ModelLru(capacity, clock);
    let seed = 7;
    const rand = (n: number): number => ((seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31), seed % n);
    for (let i = 0; i < 200_000; i++) {
      const key = `key:${rand(1_500)}`;
      const op = rand(10);
      if (op < 4) expect(lru.get(key)).toBe(model.get(key));
      else if (op < 5) expect(lru.has(key)).toBe(model.has(key));
      else if (op < 6) {
        // The model drops an expired entry on delete too; the index may find it there first.
        model.has(key);
        expect(lru.delete(key)).toBe(model.delete(key));
      } else {
        const ttl = rand(3) === 0 ? 1 + rand(500) : undefined;
        const keepTtl = rand(5) === 0 && model.has(key) && lru.has(key);
        const value = `${i}`.repeat(1 + rand(20));
        lru.set(key, value, ttl, keepTtl);
        model.set(key, value, ttl, keepTtl);
      }
      now += rand(3);
    }
    for (const key of [...model.entries.keys()]) expect(lru.get(key)).toBe(model.get(key));
    expect(lru.size).toBe(model.entries.size);
    expect(store.stats().blocks).toBe(lru.size);
    lru.clear();
    expect([lru.size, store.stats().blocks]).toEqual([0, 0]);
  });
});
