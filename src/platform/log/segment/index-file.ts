import { crc32c } from './crc32c.js';

/**
 * The sparse index of a sealed segment, saved beside it as `<base>.idx` so opening a large log
 * does not rescan every segment. Binary: magic, counts and doubles, then a CRC of all of it.
 * Checked against the segment's size on load; anything stale or damaged is rebuilt by a scan.
 */
export interface IndexFile {
  segmentSize: number;
  nextOffset: number;
  maxTimestamp: number;
  entries: { offset: number; position: number; maxTsBefore: number }[];
}

const MAGIC = 0x5849514d; // "MQIX"
const HEADER_BYTES = 4 + 4 + 8 * 3;
const ENTRY_BYTES = 8 * 3;

/** Serialises an index. */
export function encodeIndexFile(index: IndexFile): Buffer {
  const buf = Buffer.alloc(HEADER_BYTES + index.entries.length * ENTRY_BYTES + 4);
  buf.writeUInt32LE(MAGIC, 0);
  buf.writeUInt32LE(index.entries.length, 4);
  buf.writeDoubleLE(index.segmentSize, 8);
  buf.writeDoubleLE(index.nextOffset, 16);
  buf.writeDoubleLE(index.maxTimestamp, 24);
  let at = HEADER_BYTES;
  for (const entry of index.entries) {
    buf.writeDoubleLE(entry.offset, at);
    buf.writeDoubleLE(entry.position, at + 8);
    buf.writeDoubleLE(entry.maxTsBefore, at + 16);
    at += ENTRY_BYTES;
  }
  buf.writeUInt32LE(crc32c(buf, 0, at), at);
  return buf;
}

/** Parses an index file; undefined when it is damaged or not one. */
export function decodeIndexFile(buf: Buffer): IndexFile | undefined {
  if (buf.length < HEADER_BYTES + 4 || buf.readUInt32LE(0) !== MAGIC) return undefined;
  const count = buf.readUInt32LE(4);
  const end = HEADER_BYTES + count * ENTRY_BYTES;
  if (buf.length !== end + 4 || crc32c(buf, 0, end) !== buf.readUInt32LE(end)) return undefined;
  const entries: IndexFile['entries'] = [];
  for (let at = HEADER_BYTES; at < end; at += ENTRY_BYTES) {
    entries.push({ offset: buf.readDoubleLE(at), position: buf.readDoubleLE(at + 8), maxTsBefore: buf.readDoubleLE(at + 16) });
  }
  return {
    segmentSize: buf.readDoubleLE(8),
    nextOffset: buf.readDoubleLE(16),
    maxTimestamp: buf.readDoubleLE(24),
    entries,
  };
}
