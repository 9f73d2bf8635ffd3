/**
 * Strings held as UTF-8 in large buffers outside V8's heap, each addressed by a small integer handle.
 *
 * Why: an api process that keeps every active member's cached state as JS strings holds hundreds of
 * MB of old-generation heap that each full collection marks on the request thread, and on a VM that
 * pages cold memory (DAMON) a large cold heap stretches the p99 (docs/BENCHMARKS.md, the floor runs:
 * 1.4 GB held as V8 objects gave p99 30 ms, the same held in buffers 5 ms). Here a value costs the
 * collector nothing: the buffers are a few dozen objects whatever they hold, and a handle is a small
 * integer (no object) in the caller's table.
 *
 * Layout, after memcached's slab allocator: 4 MB slabs, each carved into blocks of one size class
 * (classes ~25 % apart, 32 B to 1 MB); a block is the key's and the value's lengths (4 bytes each)
 * and their bytes (a key lets an index outside the heap check a hash match: lru-index.ts). Freed blocks go to
 * their class's free list and are reused; slabs are kept (the store holds its high-water mark per
 * class). A value over 1 MB gets a buffer of its own, released when freed.
 */

const UNIT = 16; // block offsets count in 16-byte units, so a handle fits a small integer
const SLAB_BYTES = 4 * 1024 * 1024;
const UNITS_PER_SLAB = SLAB_BYTES / UNIT; // 2^18
const OFFSET_BITS = 18;
/** Handles stay below 2^30: a V8 small integer on every platform, so a table of them holds no objects. */
const MAX_SLABS = 2 ** (30 - OFFSET_BITS);
const HEADER = 8;
const NO_KEY = Buffer.alloc(0);
const LARGEST_CLASS = 1024 * 1024;
const DEDICATED = -1;

const offsetOf = (handle: number): number => (handle & (UNITS_PER_SLAB - 1)) * UNIT;
const roundUp = (n: number): number => Math.ceil(n / UNIT) * UNIT;

/** Block sizes: 32 B, then each ~25 % larger (rounded to the unit), up to 1 MB. */
const CLASS_SIZES: readonly number[] = (() => {
  const sizes = [32];
  while (sizes[sizes.length - 1]! < LARGEST_CLASS) sizes.push(Math.min(LARGEST_CLASS, roundUp(sizes[sizes.length - 1]! * 1.25)));
  return sizes;
})();

function classOf(blockBytes: number): number {
  // Binary search: the smallest class that fits.
  let lo = 0;
  let hi = CLASS_SIZES.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (CLASS_SIZES[mid]! >= blockBytes) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

interface SizeClass {
  /** Handles of freed blocks, reused first. */
  readonly free: number[];
  /** The slab being carved, and its next free unit (UNITS_PER_SLAB when there is none). */
  slab: number;
  next: number;
}

export interface SlabStoreStats {
  /** Bytes of buffers held (slabs and dedicated buffers). */
  readonly bytesHeld: number;
  /** Blocks in use. */
  readonly blocks: number;
}

export class SlabStore {
  private readonly slabs: (Buffer | undefined)[] = [];
  /** The size class each slab is carved for, DEDICATED for a large value's own buffer. */
  private readonly slabClass: number[] = [];
  private readonly freeSlabIds: number[] = [];
  private readonly classes: SizeClass[] = CLASS_SIZES.map(() => ({ free: [], slab: -1, next: UNITS_PER_SLAB }));
  private bytesHeld = 0;
  private blocks = 0;

  /** Stores the text; the handle reads it back until it is freed. */
  write(text: string): number {
    return this.writeEntry(NO_KEY, 0, text);
  }

  /** Stores the first `keyLength` bytes of `key` and the value (text as UTF-8, or bytes) in one block. */
  writeEntry(key: Uint8Array, keyLength: number, value: string | Uint8Array): number {
    const length = typeof value === 'string' ? Buffer.byteLength(value, 'utf8') : value.length;
    const blockBytes = HEADER + keyLength + length;
    const handle = blockBytes > LARGEST_CLASS ? this.dedicated(blockBytes) : this.allocate(classOf(blockBytes));
    const { buffer, offset } = this.locate(handle);
    buffer.writeUInt32LE(keyLength, offset);
    buffer.writeUInt32LE(length, offset + 4);
    buffer.set(key.subarray(0, keyLength), offset + HEADER);
    if (typeof value === 'string') buffer.write(value, offset + HEADER + keyLength, length, 'utf8');
    else buffer.set(value, offset + HEADER + keyLength);
    this.blocks++;
    return handle;
  }

  /** The block's value bytes, in place: valid until the block is freed (copy them to keep them). */
  view(handle: number): Buffer {
    const buffer = this.slabOf(handle);
    const offset = offsetOf(handle);
    const start = offset + HEADER + buffer.readUInt32LE(offset);
    return buffer.subarray(start, start + buffer.readUInt32LE(offset + 4));
  }

  /** The block's text. */
  read(handle: number): string {
    const buffer = this.slabOf(handle);
    const offset = offsetOf(handle);
    const start = offset + HEADER + buffer.readUInt32LE(offset);
    return buffer.toString('utf8', start, start + buffer.readUInt32LE(offset + 4));
  }

  /** Whether the block's key is the first `keyLength` bytes of `key`. */
  keyEquals(handle: number, key: Uint8Array, keyLength: number): boolean {
    const buffer = this.slabOf(handle);
    const offset = offsetOf(handle);
    if (buffer.readUInt32LE(offset) !== keyLength) return false;
    const start = offset + HEADER;
    return buffer.compare(key, 0, keyLength, start, start + keyLength) === 0;
  }

  /** Gives the block back; the handle must not be used again. */
  free(handle: number): void {
    const slab = handle >>> OFFSET_BITS;
    const sizeClass = this.slabClass[slab];
    if (sizeClass === undefined || !this.slabs[slab]) throw new RangeError(`slab store: no block at handle ${handle}`);
    this.blocks--;
    if (sizeClass === DEDICATED) {
      this.bytesHeld -= this.slabs[slab].length;
      this.slabs[slab] = undefined;
      this.freeSlabIds.push(slab);
      return;
    }
    this.classes[sizeClass]!.free.push(handle);
  }

  /** Drops every block and buffer. */
  clear(): void {
    this.slabs.length = 0;
    this.slabClass.length = 0;
    this.freeSlabIds.length = 0;
    for (const c of this.classes) {
      c.free.length = 0;
      c.slab = -1;
      c.next = UNITS_PER_SLAB;
    }
    this.bytesHeld = 0;
    this.blocks = 0;
  }

  stats(): SlabStoreStats {
    return { bytesHeld: this.bytesHeld, blocks: this.blocks };
  }

  private allocate(sizeClass: number): number {
    const c = this.classes[sizeClass]!;
    const reused = c.free.pop();
    if (reused !== undefined) return reused;
    const units = CLASS_SIZES[sizeClass]! / UNIT;
    if (c.next + units > UNITS_PER_SLAB) {
      c.slab = this.newSlab(SLAB_BYTES, sizeClass);
      c.next = 0;
    }
    const handle = (c.slab << OFFSET_BITS) | c.next;
    c.next += units;
    return handle;
  }

  private dedicated(blockBytes: number): number {
    return this.newSlab(blockBytes, DEDICATED) << OFFSET_BITS;
  }

  private newSlab(bytes: number, sizeClass: number): number {
    const id = this.freeSlabIds.pop() ?? this.slabs.length;
    if (id >= MAX_SLABS) throw new RangeError(`slab store full: ${MAX_SLABS} slabs of ${SLAB_BYTES} bytes`);
    // allocUnsafeSlow: a buffer of its own (not Node's shared pool), malloc'd, so on huge pages where
    // glibc's hugetlb tunable is set; every byte read back was written first.
    this.slabs[id] = Buffer.allocUnsafeSlow(bytes);
    this.slabClass[id] = sizeClass;
    this.bytesHeld += bytes;
    return id;
  }

  private locate(handle: number): { buffer: Buffer; offset: number } {
    return { buffer: this.slabOf(handle), offset: offsetOf(handle) };
  }

  private slabOf(handle: number): Buffer {
    const buffer = this.slabs[handle >>> OFFSET_BITS];
    if (!buffer) throw new RangeError(`slab store: no block at handle ${handle}`);
    return buffer;
  }
}
