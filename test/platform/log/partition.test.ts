import { describe, expect, it } from 'vitest';
import { partitionFor } from '../../../src/platform/log/index.js';

/** The definition: FNV-1a (32-bit) over the key's UTF-8 bytes, modulo the partition count. */
function reference(key: string, partitions: number): number {
  let hash = 0x811c9dc5;
  for (const byte of new TextEncoder().encode(key)) hash = Math.imul(hash ^ byte, 0x01000193);
  return (hash >>> 0) % partitions;
}

describe('partitionFor', () => {
  it('gives the FNV-1a partition of the UTF-8 bytes on the ASCII fast path and off it', () => {
    const keys = ['', 'a', 'profile-42', '6f1c2a3e-1b2c-4d5e-8f90-123456789abc', 'ünïcode', 'mixed-ascii-then-é', '日本語', '\u007f'];
    for (const key of keys) for (const partitions of [1, 4, 8, 13]) expect(partitionFor(key, partitions)).toBe(reference(key, partitions));
    expect(partitionFor('6f1c2a3e-1b2c-4d5e-8f90-123456789abc', 1 << 30)).toBe(reference('6f1c2a3e-1b2c-4d5e-8f90-123456789abc', 1 << 30));
  });
});
