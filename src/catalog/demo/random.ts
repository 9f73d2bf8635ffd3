/**
 * A small seeded pseudo-random generator (mulberry32) and the helpers the demo catalog needs.
 * The same seed always yields the same sequence, on every platform.
 */

/** What a generator can be seeded with: a number (truncated to 32 bits) or any string. */
export type Seed = number | string;

/** An item with a relative, non-negative weight, for {@link Random.weighted}. */
export type Weighted<T> = readonly [item: T, weight: number];

/** 32-bit FNV-1a hash of a string: stable across runs and platforms, good enough to seed and to colour. */
export function hashString(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}

/** Deterministic random source; every helper draws from one mulberry32 stream. */
export class Random {
  readonly #seed: number;
  #state: number;

  constructor(seed: Seed) {
    this.#seed = typeof seed === 'number' ? Math.trunc(seed) >>> 0 : hashString(seed);
    this.#state = this.#seed;
  }

  /** An independent generator derived from this one's seed and a label (not from its current position). */
  fork(label: string): Random {
    return new Random(`${this.#seed}/${label}`);
  }

  /** A float in [0, 1). */
  next(): number {
    this.#state = (this.#state + 0x6d2b79f5) >>> 0;
    let t = this.#state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  /** An integer in [min, max], both inclusive. */
  int(min: number, max: number): number {
    if (!Number.isInteger(min) || !Number.isInteger(max) || max < min) {
      throw new RangeError(`int(${min}, ${max}): bounds must be integers with min <= max`);
    }
    return min + Math.floor(this.next() * (max - min + 1));
  }

  /** A float in [min, max). */
  float(min: number, max: number): number {
    return min + this.next() * (max - min);
  }

  /** True with probability p (clamped to [0, 1]). */
  chance(p: number): boolean {
    return this.next() < p;
  }

  /** One element, uniformly. Throws on an empty array. */
  pick<T>(items: readonly T[]): T {
    if (items.length === 0) throw new RangeError('pick() from an empty array');
    return items[Math.floor(this.next() * items.length)] as T;
  }

  /** Up to n distinct elements (by position), in random order. */
  sample<T>(items: readonly T[], n: number): T[] {
    const pool = [...items];
    const count = Math.max(0, Math.min(Math.floor(n), pool.length));
    for (let i = 0; i < count; i++) {
      const j = i + Math.floor(this.next() * (pool.length - i));
      const swap = pool[i] as T;
      pool[i] = pool[j] as T;
      pool[j] = swap;
    }
    return pool.slice(0, count);
  }

  /** A shuffled copy. */
  shuffle<T>(items: readonly T[]): T[] {
    return this.sample(items, items.length);
  }

  /** The index of a weight, chosen in proportion to it. Throws when no weight is positive. */
  weightedIndex(weights: readonly number[]): number {
    let total = 0;
    for (const w of weights) total += w > 0 ? w : 0;
    if (total <= 0) throw new RangeError('weightedIndex() needs at least one positive weight');
    let roll = this.next() * total;
    let last = 0;
    for (let i = 0; i < weights.length; i++) {
      const w = weights[i] ?? 0;
      if (w <= 0) continue;
      last = i;
      roll -= w;
      if (roll < 0) return i;
    }
    return last;
  }

  /** An item chosen in proportion to its weight. Throws when no weight is positive. */
  weighted<T>(entries: readonly Weighted<T>[]): T {
    let total = 0;
    for (const [, w] of entries) total += w > 0 ? w : 0;
    if (total <= 0) throw new RangeError('weighted() needs at least one positive weight');
    let roll = this.next() * total;
    let last: Weighted<T> | undefined;
    for (const entry of entries) {
      if (entry[1] <= 0) continue;
      last = entry;
      roll -= entry[1];
      if (roll < 0) return entry[0];
    }
    return (last as Weighted<T>)[0];
  }
}
