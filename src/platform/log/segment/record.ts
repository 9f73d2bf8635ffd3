import { crc32c } from './crc32c.js';

/**
 * On-disk framing of one record, little-endian:
 *   [body length u32][crc32c(body) u32] body = [offset u64][timestamp u64][key length u16][key][value]
 * The CRC covers the body, so a torn write or flipped bit anywhere in it is detected on read and
 * on recovery. The offset inside the body lets recovery check that the sequence is unbroken.
 */
export const FRAME_HEADER_BYTES = 8;
const BODY_FIXED_BYTES = 18;
/** Anything longer than this is a corrupt length field, not a record. */
const MAX_BODY_BYTES = 2 * 1024 * 1024;
const TWO_32 = 2 ** 32;

/** A decoded frame; `key`/`value` are views into the buffer it was read from. */
export interface Frame {
  offset: number;
  timestamp: number;
  key: Uint8Array;
  value: Uint8Array;
  /** Bytes the frame occupies, header included. */
  size: number;
}

/** Encodes one record into a fresh buffer; a string value is written as UTF-8 (`valueBytes` long). */
export function encodeFrame(offset: number, timestamp: number, key: Uint8Array, value: Uint8Array | string, valueBytes = typeof value === 'string' ? Buffer.byteLength(value, 'utf8') : value.length): Buffer {
  const bodyLength = BODY_FIXED_BYTES + key.length + valueBytes;
  const buf = Buffer.allocUnsafe(FRAME_HEADER_BYTES + bodyLength);
  buf.writeUInt32LE(bodyLength, 0);
  writeU64(buf, 8, offset);
  writeU64(buf, 16, timestamp);
  buf.writeUInt16LE(key.length, 24);
  buf.set(key, 26);
  if (typeof value === 'string') buf.write(value, 26 + key.length, valueBytes, 'utf8');
  else buf.set(value, 26 + key.length);
  buf.writeUInt32LE(crc32c(buf, FRAME_HEADER_BYTES, buf.length), 4);
  return buf;
}

/**
 * Decodes the frame at `at`: `short` when the buffer ends inside it (read more, or a torn tail at
 * the end of a file), `corrupt` when the length is impossible or the CRC does not match.
 */
export function decodeFrame(buf: Buffer, at: number): Frame | 'short' | 'corrupt' {
  if (buf.length - at < FRAME_HEADER_BYTES) return 'short';
  const bodyLength = buf.readUInt32LE(at);
  if (bodyLength < BODY_FIXED_BYTES || bodyLength > MAX_BODY_BYTES) return 'corrupt';
  const end = at + FRAME_HEADER_BYTES + bodyLength;
  if (end > buf.length) return 'short';
  if (crc32c(buf, at + FRAME_HEADER_BYTES, end) !== buf.readUInt32LE(at + 4)) return 'corrupt';
  const keyLength = buf.readUInt16LE(at + 24);
  const keyEnd = at + 26 + keyLength;
  if (keyEnd > end) return 'corrupt';
  return {
    offset: readU64(buf, at + 8),
    timestamp: readU64(buf, at + 16),
    key: buf.subarray(at + 26, keyEnd),
    value: buf.subarray(keyEnd, end),
    size: end - at,
  };
}

// Offsets and timestamps stay below 2^53, so two u32 halves avoid a BigInt per record.
function writeU64(buf: Buffer, at: number, value: number): void {
  buf.writeUInt32LE(value % TWO_32, at);
  buf.writeUInt32LE(Math.floor(value / TWO_32), at + 4);
}

function readU64(buf: Buffer, at: number): number {
  return buf.readUInt32LE(at) + buf.readUInt32LE(at + 4) * TWO_32;
}
