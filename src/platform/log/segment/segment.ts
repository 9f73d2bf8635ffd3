import fs from 'node:fs/promises';
import path from 'node:path';
import { decodeFrame, FRAME_HEADER_BYTES, type Frame } from './record.js';
import { decodeIndexFile, encodeIndexFile } from './index-file.js';

const READ_CHUNK_BYTES = 256 * 1024;

/** Segment files are named by their base offset, zero-padded so names sort like numbers. */
export function segmentFileName(baseOffset: number): string {
  return `${String(baseOffset).padStart(20, '0')}.log`;
}

/**
 * How a scan ended: at the end of the range, because the visitor stopped it, or at a frame that
 * is cut short or fails its CRC (a torn tail during recovery, corruption anywhere else).
 */
export type ScanEnd = 'end' | 'stopped' | 'short' | 'corrupt';

/**
 * One segment file of a partition plus its sparse in-memory index (an entry every
 * `indexIntervalBytes`: offset → file position, and the largest timestamp before it for time
 * seeks). Written only by its partition's flush; read by any number of consumers.
 */
export class Segment {
  /** Bytes written so far, including a flush still waiting for its fsync. */
  size = 0;
  /** Bytes known to be on stable storage; readers never look past this. */
  durableSize = 0;
  /** Offset the next record written to this segment gets. */
  nextOffset: number;
  /** Largest record timestamp in the segment (-1 when empty); drives age retention. */
  maxTimestamp = -1;
  private readonly entryOffsets: number[] = [];
  private readonly entryPositions: number[] = [];
  private readonly entryMaxTsBefore: number[] = [];
  private bytesSinceEntry = Number.POSITIVE_INFINITY;
  private readers = 0;
  private retired = false;

  private constructor(
    readonly baseOffset: number,
    readonly path: string,
    private readonly handle: fs.FileHandle,
    private readonly indexIntervalBytes: number,
  ) {
    this.nextOffset = baseOffset;
  }

  /** Opens (creating when missing) the segment with this base offset in `dir`. */
  static async open(dir: string, baseOffset: number, indexIntervalBytes: number): Promise<Segment> {
    const file = path.join(dir, segmentFileName(baseOffset));
    const handle = await fs.open(file, fs.constants.O_RDWR | fs.constants.O_CREAT, 0o644);
    return new Segment(baseOffset, file, handle, indexIntervalBytes);
  }

  get indexPath(): string {
    return this.path.replace(/\.log$/, '.idx');
  }

  /** Records a frame written at `position` in the sparse index and the segment bounds. */
  noteFrame(offset: number, timestamp: number, position: number, size: number): void {
    if (this.bytesSinceEntry >= this.indexIntervalBytes) {
      this.entryOffsets.push(offset);
      this.entryPositions.push(position);
      this.entryMaxTsBefore.push(this.maxTimestamp);
      this.bytesSinceEntry = 0;
    }
    this.bytesSinceEntry += size;
    if (timestamp > this.maxTimestamp) this.maxTimestamp = timestamp;
    this.nextOffset = offset + 1;
  }

  /** File position of the last indexed record at or before `offset`. */
  positionFor(offset: number): number {
    return this.entryPositions[lastIndexWhere(this.entryOffsets, (value) => value <= offset)] ?? 0;
  }

  /** A position before which every record is older than `time` (the scan for it starts here). */
  positionForTime(time: number): number {
    return this.entryPositions[lastIndexWhere(this.entryMaxTsBefore, (value) => value < time)] ?? 0;
  }

  /** Appends bytes at the current end (no fsync: the partition's flush syncs once per commit). */
  async write(data: Buffer, position: number): Promise<void> {
    let written = 0;
    while (written < data.length) {
      const { bytesWritten } = await this.handle.write(data, written, data.length - written, position + written);
      written += bytesWritten;
    }
  }

  /** fdatasync: the data and the file length reach stable storage. */
  async sync(): Promise<void> {
    await this.handle.datasync();
  }

  /**
   * Calls `visit` for each intact frame from `position` up to `end`, in order, until it returns
   * false. Tells how the scan ended.
   */
  async scan(
    position: number,
    end: number,
    visit: (frame: Frame, position: number) => boolean,
  ): Promise<ScanEnd> {
    let pos = position;
    let want = READ_CHUNK_BYTES;
    while (pos < end) {
      const chunk = await this.read(pos, Math.min(want, end - pos));
      let at = 0;
      for (;;) {
        const frame = decodeFrame(chunk, at);
        if (frame === 'corrupt') return 'corrupt';
        if (frame === 'short') break;
        if (!visit(frame, pos + at)) return 'stopped';
        at += frame.size;
      }
      if (at === 0) {
        // A frame bigger than the chunk: read exactly it, or report the torn tail.
        const needed = chunk.length >= FRAME_HEADER_BYTES ? FRAME_HEADER_BYTES + chunk.readUInt32LE(0) : 0;
        if (needed <= chunk.length || pos + needed > end) return 'short';
        want = needed;
        continue;
      }
      pos += at;
      want = READ_CHUNK_BYTES;
    }
    return 'end';
  }

  /** Rebuilds size, bounds and index from the file (recovery); stops at the first bad frame. */
  async recover(): Promise<{ ended: ScanEnd; fileSize: number }> {
    const fileSize = (await this.handle.stat()).size;
    let goodEnd = 0;
    const ended = await this.scan(0, fileSize, (frame, position) => {
      // A frame with the wrong offset is stale bytes, not part of this segment's sequence.
      if (frame.offset !== this.nextOffset) return false;
      this.noteFrame(frame.offset, frame.timestamp, position, frame.size);
      goodEnd = position + frame.size;
      return true;
    });
    this.size = this.durableSize = goodEnd;
    return { ended: ended === 'stopped' ? 'corrupt' : ended, fileSize };
  }

  /** Cuts the file after the last intact frame and makes the new length durable. */
  async truncate(size: number): Promise<void> {
    await this.handle.truncate(size);
    await this.handle.sync();
    this.size = this.durableSize = size;
  }

  /** Loads the index file of a sealed segment; false when missing or stale (then `recover`). */
  async loadIndex(): Promise<boolean> {
    const data = await fs.readFile(this.indexPath).catch(() => undefined);
    const fileSize = (await this.handle.stat()).size;
    const index = data ? decodeIndexFile(data) : undefined;
    if (!index || index.segmentSize !== fileSize) return false;
    this.size = this.durableSize = fileSize;
    this.nextOffset = index.nextOffset;
    this.maxTimestamp = index.maxTimestamp;
    for (const entry of index.entries) {
      this.entryOffsets.push(entry.offset);
      this.entryPositions.push(entry.position);
      this.entryMaxTsBefore.push(entry.maxTsBefore);
    }
    return true;
  }

  /** Writes the index of a sealed segment (tmp + rename; no fsync: it can always be rebuilt). */
  async saveIndex(): Promise<void> {
    const entries = this.entryOffsets.map((offset, i) => ({
      offset,
      position: this.entryPositions[i] ?? 0,
      maxTsBefore: this.entryMaxTsBefore[i] ?? -1,
    }));
    const data = encodeIndexFile({
      segmentSize: this.durableSize, nextOffset: this.nextOffset, maxTimestamp: this.maxTimestamp, entries,
    });
    const tmp = `${this.indexPath}.tmp`;
    await fs.writeFile(tmp, data);
    await fs.rename(tmp, this.indexPath);
  }

  /** Reads `length` bytes at `position`; safe against a concurrent `retire`. */
  async read(position: number, length: number): Promise<Buffer> {
    if (this.retired) throw new Error(`segment ${this.path} was deleted`);
    this.readers += 1;
    try {
      const buf = Buffer.allocUnsafe(length);
      let got = 0;
      while (got < length) {
        const { bytesRead } = await this.handle.read(buf, got, length - got, position + got);
        if (bytesRead === 0) break;
        got += bytesRead;
      }
      return got === length ? buf : buf.subarray(0, got);
    } finally {
      this.readers -= 1;
      if (this.retired && this.readers === 0) await this.handle.close().catch(() => {});
    }
  }

  /** Deletes the files (retention); the handle closes once in-flight reads finish. */
  async retire(): Promise<void> {
    this.retired = true;
    await fs.rm(this.path, { force: true });
    await fs.rm(this.indexPath, { force: true });
    if (this.readers === 0) await this.handle.close().catch(() => {});
  }

  async close(): Promise<void> {
    this.retired = true;
    if (this.readers === 0) await this.handle.close().catch(() => {});
  }
}

/** Index of the last element satisfying a predicate that holds for a prefix of a sorted array. */
export function lastIndexWhere<T>(values: readonly T[], holds: (value: T) => boolean): number {
  let lo = 0;
  let hi = values.length - 1;
  let found = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >>> 1;
    if (holds(values[mid] as T)) {
      found = mid;
      lo = mid + 1;
    } else {
      hi = mid - 1;
    }
  }
  return found;
}
