/**
 * CRC-32C (Castagnoli), table-driven, slicing-by-8. node:zlib only gains crc32 in Node 22 and
 * we support Node 20; Castagnoli is what Kafka and ext4 use for the same job (better error
 * detection than the zlib polynomial at the same cost).
 */
const POLY = 0x82f63b78;
const TABLES: Uint32Array[] = [];
{
  const first = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? POLY ^ (c >>> 1) : c >>> 1;
    first[n] = c >>> 0;
  }
  TABLES.push(first);
  for (let t = 1; t < 8; t++) {
    const previous = TABLES[t - 1] as Uint32Array;
    const table = new Uint32Array(256);
    for (let n = 0; n < 256; n++) {
      const p = previous[n] as number;
      table[n] = ((p >>> 8) ^ (first[p & 0xff] as number)) >>> 0;
    }
    TABLES.push(table);
  }
}
const [T0, T1, T2, T3, T4, T5, T6, T7] = TABLES as [
  Uint32Array, Uint32Array, Uint32Array, Uint32Array, Uint32Array, Uint32Array, Uint32Array, Uint32Array,
];

/** CRC-32C of `bytes[start, end)`. */
export function crc32c(bytes: Uint8Array, start = 0, end = bytes.length): number {
  let crc = 0xffffffff;
  let i = start;
  // The `as number` casts are safe: every index is a byte (< 256) into a 256-entry table.
  for (; i + 8 <= end; i += 8) {
    const a = crc ^ ((bytes[i] as number) | ((bytes[i + 1] as number) << 8) |
      ((bytes[i + 2] as number) << 16) | ((bytes[i + 3] as number) << 24));
    crc = (T7[a & 0xff] as number) ^ (T6[(a >>> 8) & 0xff] as number) ^
      (T5[(a >>> 16) & 0xff] as number) ^ (T4[a >>> 24] as number) ^
      (T3[bytes[i + 4] as number] as number) ^ (T2[bytes[i + 5] as number] as number) ^
      (T1[bytes[i + 6] as number] as number) ^ (T0[bytes[i + 7] as number] as number);
  }
  for (; i < end; i++) crc = (T0[(crc ^ (bytes[i] as number)) & 0xff] as number) ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}
