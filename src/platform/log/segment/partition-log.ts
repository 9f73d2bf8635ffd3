import fs from 'node:fs/promises';
import type { LogRetention } from '../types.js';
import { syncDir } from './files.js';
import { lastIndexWhere, Segment } from './segment.js';

const decoder = new TextDecoder();

/** Tuning shared by every partition of a segment log. */
export interface PartitionOptions {
  segmentBytes: number;
  indexIntervalBytes: number;
  retention: LogRetention;
}

/** A record encoded and given its offset, waiting for the next group commit. */
export interface PendingFrame {
  offset: number;
  timestamp: number;
  frame: Buffer;
}

/** A record as read back, detached from the read buffer. */
export interface StoredRecord {
  offset: number;
  timestamp: number;
  key: string;
  value: Uint8Array;
}

/** Where the previous read stopped, so the next one skips the index lookup and rescan. */
export interface ReadHint {
  offset: number;
  segment: Segment;
  position: number;
}

/**
 * One partition: a directory of segment files named by base offset. Only the last segment is
 * written; the others are sealed and deleted whole by retention. Writes are serialized by the
 * owning log's commit loop; reads run concurrently and never look past the fsync'd end.
 */
export class PartitionLog {
  /** Offset the next appended record gets (records waiting for commit included). */
  nextOffset: number;
  /** Offset after the last record on stable storage: consumers see records below it. */
  durableNext: number;
  /** Set when a write or fsync failed: the file state is unknown, so no more appends. */
  failed: Error | undefined;

  private constructor(
    readonly dir: string,
    private readonly options: PartitionOptions,
    private readonly segments: Segment[],
    /** Bytes cut from a torn or corrupt tail when the partition was opened. */
    readonly truncatedBytes: number,
  ) {
    this.nextOffset = this.durableNext = this.active.nextOffset;
  }

  /**
   * Opens a partition, recovering it: sealed segments load their index file (or are rescanned);
   * a segment whose tail is torn or fails its CRC is truncated after its last intact record,
   * and any later segment (written by the same unacknowledged commit) is deleted.
   */
  static async open(dir: string, options: PartitionOptions): Promise<PartitionLog> {
    await fs.mkdir(dir, { recursive: true });
    const bases = (await fs.readdir(dir))
      .filter((name) => /^[0-9]{20}\.log$/.test(name))
      .map((name) => Number(name.slice(0, 20)))
      .sort((a, b) => a - b);
    const segments: Segment[] = [];
    let truncatedBytes = 0;
    for (const [i, base] of bases.entries()) {
      const segment = await Segment.open(dir, base, options.indexIntervalBytes);
      const previous = segments.at(-1);
      if (previous && previous.nextOffset !== base) {
        await Promise.all([...segments, segment].map((s) => s.close()));
        throw new Error(`log partition ${dir}: segment ${base} does not follow offset ${previous.nextOffset}`);
      }
      segments.push(segment);
      const sealed = i < bases.length - 1;
      if (sealed && (await segment.loadIndex())) continue;
      const { fileSize } = await segment.recover();
      if (segment.size < fileSize) {
        truncatedBytes += fileSize - segment.size;
        await segment.truncate(segment.size);
        for (const later of bases.slice(i + 1)) {
          const dropped = await Segment.open(dir, later, options.indexIntervalBytes);
          truncatedBytes += (await fs.stat(dropped.path)).size;
          await dropped.retire();
        }
        await syncDir(dir);
        break;
      }
      if (sealed) await segment.saveIndex().catch(() => {});
    }
    if (segments.length === 0) {
      segments.push(await Segment.open(dir, 0, options.indexIntervalBytes));
      await syncDir(dir);
    }
    return new PartitionLog(dir, options, segments, truncatedBytes);
  }

  /** The oldest retained offset. */
  get logStart(): number {
    return (this.segments[0] as Segment).baseOffset;
  }

  private get active(): Segment {
    return this.segments.at(-1) as Segment;
  }

  /** Writes one commit's frames (rolling segments as they fill), then fsyncs every touched file. */
  async write(frames: readonly PendingFrame[]): Promise<void> {
    if (this.failed) throw this.failed;
    try {
      let segment = this.active;
      const touched = new Set([segment]);
      let created = false;
      let chunks: Buffer[] = [];
      let chunkStart = segment.size;
      for (const { offset, timestamp, frame } of frames) {
        if (segment.size > 0 && segment.size + frame.length > this.options.segmentBytes) {
          await segment.write(Buffer.concat(chunks), chunkStart);
          segment = await this.roll(offset);
          touched.add(segment);
          created = true;
          chunks = [];
          chunkStart = 0;
        }
        segment.noteFrame(offset, timestamp, segment.size, frame.length);
        segment.size += frame.length;
        chunks.push(frame);
      }
      if (chunks.length > 0) await segment.write(Buffer.concat(chunks), chunkStart);
      await Promise.all([...touched].map((s) => s.sync()));
      if (created) await syncDir(this.dir);
      for (const s of touched) s.durableSize = s.size;
      this.durableNext = segment.nextOffset;
      // Sealed by this commit: save their index so the next open need not rescan them.
      for (const s of touched) if (s !== this.active) await s.saveIndex().catch(() => {});
    } catch (err) {
      this.failed = new Error(`log partition ${this.dir} failed to write; reopen the log to recover`, { cause: err });
      throw this.failed;
    }
  }

  private async roll(baseOffset: number): Promise<Segment> {
    const segment = await Segment.open(this.dir, baseOffset, this.options.indexIntervalBytes);
    this.segments.push(segment);
    return segment;
  }

  /** Up to `maxRecords` durable records from `offset` (moved up to `logStart` if deleted). */
  async read(offset: number, maxRecords: number, hint?: ReadHint): Promise<{ records: StoredRecord[]; next: number; hint?: ReadHint }> {
    const records: StoredRecord[] = [];
    let next = Math.max(offset, this.logStart);
    let lastHint: ReadHint | undefined;
    while (records.length < maxRecords && next < this.durableNext) {
      const segment = this.segmentFor(next);
      const from = hint && hint.offset === next && hint.segment === segment ? hint.position : segment.positionFor(next);
      let ended;
      try {
        ended = await segment.scan(from, segment.durableSize, (frame, position) => {
          if (frame.offset < next) return true;
          records.push({
            offset: frame.offset,
            timestamp: frame.timestamp,
            key: decoder.decode(frame.key),
            value: new Uint8Array(frame.value),
          });
          next = frame.offset + 1;
          lastHint = { offset: next, segment, position: position + frame.size };
          return records.length < maxRecords;
        });
      } catch (err) {
        // Retention deleted the segment under us: continue from the new start.
        if (this.segments.includes(segment)) throw err;
        next = Math.max(next, this.logStart);
        continue;
      }
      if (ended === 'short' || ended === 'corrupt') {
        throw new Error(`log partition ${this.dir}: ${ended} record in ${segment.path} before offset ${next + 1}`);
      }
      if (ended === 'end') {
        const following = this.segments[this.segments.indexOf(segment) + 1];
        if (!following) break;
        next = Math.max(next, following.baseOffset);
      }
    }
    return { records, next, ...(lastHint ? { hint: lastHint } : {}) };
  }

  /** Offset of the first durable record with timestamp >= `time`, or `durableNext` if none. */
  async offsetForTime(time: number): Promise<number> {
    for (const segment of [...this.segments]) {
      if (segment.durableSize === 0 || segment.maxTimestamp < time) continue;
      let found: number | undefined;
      const from = Math.min(segment.positionForTime(time), segment.durableSize);
      await segment.scan(from, segment.durableSize, (frame) => {
        if (frame.timestamp < time) return true;
        found = frame.offset;
        return false;
      });
      if (found !== undefined) return found;
    }
    return this.durableNext;
  }

  /**
   * Deletes whole segments, oldest first, while the partition is over `maxBytes` or its oldest
   * segment is entirely older than `maxAgeMs`. An expired active segment is rolled first (as
   * Kafka's segment.ms does) so an idle partition does not keep old data forever.
   * Runs between commits only (the log's commit loop), so it never races a write.
   */
  async applyRetention(now: number): Promise<void> {
    const { maxBytes, maxAgeMs } = this.options.retention;
    const expired = (s: Segment): boolean => maxAgeMs !== undefined && s.maxTimestamp >= 0 && s.maxTimestamp < now - maxAgeMs;
    if (this.failed) return;
    if (expired(this.active) && this.nextOffset === this.durableNext) {
      await this.roll(this.durableNext);
      await syncDir(this.dir);
    }
    let total = this.segments.reduce((sum, s) => sum + s.durableSize, 0);
    while (this.segments.length > 1) {
      const oldest = this.segments[0] as Segment;
      if (!(maxBytes !== undefined && total > maxBytes) && !expired(oldest)) break;
      this.segments.shift();
      total -= oldest.durableSize;
      await oldest.retire();
    }
  }

  private segmentFor(offset: number): Segment {
    const i = lastIndexWhere(this.segments, (s) => s.baseOffset <= offset);
    return this.segments[Math.max(i, 0)] as Segment;
  }

  async close(): Promise<void> {
    await Promise.all(this.segments.map((s) => s.close()));
  }
}
