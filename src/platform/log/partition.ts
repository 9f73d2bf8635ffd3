import type { LogRecordInput } from './types.js';

const encoder = new TextEncoder();

/** Largest value accepted by `append`; JetStream's default max_payload is 1 MiB. */
export const MAX_VALUE_BYTES = 1024 * 1024 - 4096;
/** Keys are profile ids and the like; the segment format stores their length in a u16. */
export const MAX_KEY_BYTES = 1024;

/**
 * The partition of a key: FNV-1a (32-bit) of its UTF-8 bytes modulo the partition count.
 * Stable across processes, versions and adapters, so a key's records always share a partition.
 */
export function partitionFor(key: string, partitions: number): number {
  let hash = 0x811c9dc5;
  // ASCII keys (ids) hash their char codes, which are their UTF-8 bytes: no encoding per record.
  let ascii = true;
  for (let i = 0; i < key.length; i++) {
    const code = key.charCodeAt(i);
    if (code >= 0x80) {
      ascii = false;
      break;
    }
    hash ^= code;
    hash = Math.imul(hash, 0x01000193);
  }
  if (ascii) return (hash >>> 0) % partitions;
  hash = 0x811c9dc5;
  for (const byte of encoder.encode(key)) {
    hash ^= byte;
    hash = Math.imul(hash, 0x01000193);
  }
  return (hash >>> 0) % partitions;
}

/** Topic and group names become directory names, stream names and subject tokens. */
export function checkName(what: 'topic' | 'group', name: string): void {
  if (!/^[A-Za-z0-9_-]{1,64}$/.test(name)) {
    throw new Error(`invalid log ${what} "${name}": use 1-64 letters, digits, "_" or "-"`);
  }
}

/**
 * A record's key as bytes and its value, validated against the limits both adapters share. A string
 * value stays a string (with its UTF-8 length): the segment log writes it straight into the frame,
 * which saves a copy per record at full ingest.
 */
export interface EncodedInput {
  key: Uint8Array;
  value: Uint8Array | string;
  valueBytes: number;
  timestamp: number;
}

/** Validates a batch up front so a bad record rejects the append before anything is written. */
export function encodeInputs(records: readonly LogRecordInput[], now: number): EncodedInput[] {
  // Batches mostly repeat one key (a profile's events): encode each distinct key once, not per record.
  let lastKey: string | undefined;
  let lastBytes = new Uint8Array(0);
  return records.map((record, index) => {
    if (record.key !== lastKey) {
      lastKey = record.key;
      lastBytes = encoder.encode(record.key);
    }
    const key = lastBytes;
    const value = record.value;
    const valueBytes = typeof value === 'string' ? Buffer.byteLength(value, 'utf8') : value.length;
    if (key.length > MAX_KEY_BYTES) throw new Error(`record ${index}: key longer than ${MAX_KEY_BYTES} bytes`);
    if (valueBytes > MAX_VALUE_BYTES) throw new Error(`record ${index}: value longer than ${MAX_VALUE_BYTES} bytes`);
    const timestamp = record.timestamp ?? now;
    if (!Number.isSafeInteger(timestamp) || timestamp < 0) {
      throw new Error(`record ${index}: timestamp must be a non-negative integer (ms)`);
    }
    return { key, value, valueBytes, timestamp };
  });
}

/** Checks a partition list against the partition count; all partitions when undefined. */
export function assignedPartitions(requested: readonly number[] | undefined, partitions: number): number[] {
  if (requested === undefined) return Array.from({ length: partitions }, (_, index) => index);
  for (const partition of requested) {
    if (!Number.isInteger(partition) || partition < 0 || partition >= partitions) {
      throw new Error(`partition ${partition} out of range 0..${partitions - 1}`);
    }
  }
  return [...new Set(requested)].sort((a, b) => a - b);
}
