import type { SlabStore } from './slab-store.js';

/**
 * A slot's record: 8 ints, 32 bytes (the last 8 unused, so that a record never straddles a cache
 * line), the expiry a double at bytes 16–23. Handles stay below 2^30 (slab-store.ts), so ints hold them.
 */
const RECORD_INTS = 8;
const RECORD_DOUBLES = RECORD_INTS / 2;
const HANDLE = 0;
const HASH = 1;
const NEWER = 2;
const OLDER = 3;
/** The expiry's index among the record's doubles (bytes 16–23). */
const EXPIRES = 2;

/**
 * An LRU map from string keys to blocks of a SlabStore, with a TTL per entry, held in typed arrays:
 * no object, string or JS array per entry, so V8's heap holds nothing that grows with the entries.
 *
 * Why not lru-cache (which this replaced): it keeps every key as a heap string in a `Map` and its
 * order in arrays sized for the maximum; each lookup touches a few random places of that heap. V8
 * keeps its heap on 4 kB pages, and on a VM such random touches over hundreds of MB stall the process
 * (docs/BENCHMARKS.md, `bench:machine`: 25–35 ms p99 over GBs of 4 kB pages, under 1 ms on huge pages).
 * Large typed arrays are malloc'd, so they sit on huge pages where glibc's hugetlb tunable is set.
 *
 * A block holds the key and the value (SlabStore.writeEntry); the table holds the key's hash, and a
 * lookup compares the key's bytes only on a hash match. Open addressing with linear probing, deletion
 * by backward shift (no tombstones), the table at least twice the capacity.
 *
 * Memory is laid out for few random touches per lookup, which is what a lookup costs over GBs (each
 * is a cache and TLB miss, and on the VM of docs/BENCHMARKS.md such misses grow slower while the
 * kernel's DAMON thread samples pages): a table position holds the slot and the key's hash side by
 * side, so a probe reads one cache line; a slot's fields (block, hash, LRU links, expiry) are one
 * 32-byte record. A hit reads the table line, its record, the two neighbours' records it relinks and
 * the block — five lines where one array per field took ten.
 */
export class LruIndex {
  readonly capacity: number;
  private readonly mask: number;
  /** Per table position: slot + 1 (0: empty), then the key's hash. */
  private readonly table: Int32Array;
  /** Per slot, RECORD_INTS ints: block handle, hash, newer slot, older slot, expiry (a double at EXPIRES). */
  private readonly records: Int32Array;
  /** The records as doubles: the expiry, `performance.now()` after which the entry is gone; 0 for never. */
  private readonly expiries: Float64Array;
  private readonly freeSlots: Int32Array;
  private freeCount = 0;
  /** Slots below it have been used at least once; above it, never. */
  private highWater = 0;
  private oldest = -1;
  private newest = -1;
  private count = 0;
  /** The key being looked up, as UTF-8 (grown for a longer key). */
  private keyBytes = Buffer.allocUnsafeSlow(256);
  private keyLength = 0;

  constructor(
    capacity: number,
    private readonly store: SlabStore,
    private readonly now: () => number = () => performance.now(),
  ) {
    if (!Number.isInteger(capacity) || capacity < 1 || capacity > 2 ** 27) throw new RangeError(`LRU capacity must be an integer from 1 to 2^27, got ${capacity}`);
    this.capacity = capacity;
    let size = 16;
    while (size < capacity * 2) size *= 2;
    this.mask = size - 1;
    this.table = new Int32Array(size * 2);
    const records = new ArrayBuffer(capacity * RECORD_INTS * 4);
    this.records = new Int32Array(records);
    this.expiries = new Float64Array(records);
    this.freeSlots = new Int32Array(capacity);
  }

  get size(): number {
    return this.count;
  }

  /** The live value under the key (now the most recently used), or undefined. */
  get(key: string): string | undefined {
    const slot = this.live(key);
    if (slot < 0) return undefined;
    this.touch(slot);
    return this.store.read(this.records[slot * RECORD_INTS + HANDLE]!);
  }

  /** Like `get`, the value's bytes in place: valid until the index is next written (copy them to keep them). */
  getView(key: string): Buffer | undefined {
    const slot = this.live(key);
    if (slot < 0) return undefined;
    this.touch(slot);
    return this.store.view(this.records[slot * RECORD_INTS + HANDLE]!);
  }

  has(key: string): boolean {
    return this.live(key) >= 0;
  }

  /**
   * Stores the value. `ttlMs` undefined: no expiry (clearing an earlier one), unless `keepTtl`, which
   * keeps the expiry the entry already has (a counter's window must not slide with each increment).
   */
  set(key: string, value: string | Uint8Array, ttlMs: number | undefined, keepTtl = false): void {
    this.encode(key);
    const hash = this.hash();
    let at = this.position(hash);
    let slot = this.table[at * 2]! - 1;
    const handle = this.store.writeEntry(this.keyBytes, this.keyLength, value);
    if (slot >= 0) {
      const record = slot * RECORD_INTS;
      this.store.free(this.records[record + HANDLE]!);
      this.records[record + HANDLE] = handle;
      if (!keepTtl) this.expiries[slot * RECORD_DOUBLES + EXPIRES] = ttlMs === undefined ? 0 : this.now() + ttlMs;
      this.touch(slot);
      return;
    }
    if (this.count === this.capacity) {
      this.remove(this.oldest);
      at = this.position(hash); // the eviction may have shifted this key's probe run
    }
    slot = this.freeCount > 0 ? this.freeSlots[--this.freeCount]! : this.highWater++;
    this.table[at * 2] = slot + 1;
    this.table[at * 2 + 1] = hash;
    this.records[slot * RECORD_INTS + HANDLE] = handle;
    this.records[slot * RECORD_INTS + HASH] = hash;
    this.expiries[slot * RECORD_DOUBLES + EXPIRES] = ttlMs === undefined ? 0 : this.now() + ttlMs;
    this.link(slot);
    this.count++;
  }

  /** True when a live entry was deleted (an expired one goes too, as if it had gone already). */
  delete(key: string): boolean {
    const slot = this.live(key);
    if (slot < 0) return false;
    this.remove(slot);
    return true;
  }

  /** Frees every entry's block and empties the index. */
  clear(): void {
    while (this.oldest >= 0) this.remove(this.oldest);
    this.highWater = 0;
    this.freeCount = 0;
  }

  /** The slot of the unexpired entry under the key, or -1 (an expired one is removed on the way). */
  private live(key: string): number {
    this.encode(key);
    const slot = this.table[this.position(this.hash()) * 2]! - 1;
    if (slot < 0) return -1;
    const expires = this.expiries[slot * RECORD_DOUBLES + EXPIRES]!;
    if (expires !== 0 && expires <= this.now()) {
      this.remove(slot);
      return -1;
    }
    return slot;
  }

  private encode(key: string): void {
    if (key.length * 3 > this.keyBytes.length) this.keyBytes = Buffer.allocUnsafeSlow(Math.max(key.length * 3, this.keyBytes.length * 2));
    this.keyLength = this.keyBytes.write(key, 0, 'utf8');
  }

  /** FNV-1a over the encoded key, as a signed 32-bit integer (what the Int32Arrays hold). */
  private hash(): number {
    const bytes = this.keyBytes;
    let h = 0x811c9dc5;
    for (let i = 0; i < this.keyLength; i++) h = Math.imul(h ^ bytes[i]!, 0x01000193);
    return h | 0;
  }

  /** The table position holding the encoded key, or the empty position where it would go. */
  private position(hash: number): number {
    let at = hash & this.mask;
    for (;;) {
      const slot = this.table[at * 2]! - 1;
      if (slot < 0) return at;
      if (this.table[at * 2 + 1] === hash && this.store.keyEquals(this.records[slot * RECORD_INTS + HANDLE]!, this.keyBytes, this.keyLength)) return at;
      at = (at + 1) & this.mask;
    }
  }

  /** Drops the entry: its block, its table position (later ones of its run shifted back), its slot. */
  private remove(slot: number): void {
    const record = slot * RECORD_INTS;
    const handle = this.records[record + HANDLE]!;
    let at = this.records[record + HASH]! & this.mask;
    while (this.table[at * 2] !== slot + 1) at = (at + 1) & this.mask;
    // Backward shift: move each later entry of the run into the hole unless its home lies after the hole.
    let hole = at;
    let next = (hole + 1) & this.mask;
    while (this.table[next * 2] !== 0) {
      const home = this.table[next * 2 + 1]! & this.mask;
      const fromHoleToNext = (next - hole) & this.mask;
      const fromHomeToNext = (next - home) & this.mask;
      if (fromHomeToNext >= fromHoleToNext) {
        this.table[hole * 2] = this.table[next * 2]!;
        this.table[hole * 2 + 1] = this.table[next * 2 + 1]!;
        hole = next;
      }
      next = (next + 1) & this.mask;
    }
    this.table[hole * 2] = 0;
    this.unlink(slot);
    this.freeSlots[this.freeCount++] = slot;
    this.count--;
    this.store.free(handle);
  }

  private touch(slot: number): void {
    if (slot === this.newest) return;
    this.unlink(slot);
    this.link(slot);
  }

  /** Appends the slot as the most recently used. */
  private link(slot: number): void {
    const record = slot * RECORD_INTS;
    this.records[record + OLDER] = this.newest;
    this.records[record + NEWER] = -1;
    if (this.newest >= 0) this.records[this.newest * RECORD_INTS + NEWER] = slot;
    else this.oldest = slot;
    this.newest = slot;
  }

  private unlink(slot: number): void {
    const record = slot * RECORD_INTS;
    const older = this.records[record + OLDER]!;
    const newer = this.records[record + NEWER]!;
    if (older >= 0) this.records[older * RECORD_INTS + NEWER] = newer;
    else this.oldest = newer;
    if (newer >= 0) this.records[newer * RECORD_INTS + OLDER] = older;
    else this.newest = older;
  }
}
