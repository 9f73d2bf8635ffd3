/**
 * HTTP byte ranges (RFC 9110 §14) for the origin: one range per request, the way players and edges ask.
 * Anything we do not serve as a range (multiple ranges, another unit, bad syntax) is ignored, which
 * the RFC allows: the client then gets the whole file with 200.
 */

/** An inclusive byte range resolved against a file size. */
export interface ResolvedRange {
  start: number;
  end: number;
}

/** The range cannot be served from this file: answer 416 with `Content-Range: bytes *\/size`. */
export const UNSATISFIABLE = 'unsatisfiable';

const SINGLE_RANGE = /^bytes=(\d*)-(\d*)$/i;

/**
 * Resolves a `Range` header against `size`: the range to send, `UNSATISFIABLE`, or undefined when the
 * header should be ignored (serve the whole file).
 */
export function parseRange(header: string, size: number): ResolvedRange | typeof UNSATISFIABLE | undefined {
  const match = SINGLE_RANGE.exec(header.trim());
  if (!match) return undefined;
  const first = match[1] ?? '';
  const last = match[2] ?? '';
  if (first === '') {
    if (last === '') return undefined; // "bytes=-" is not a range
    // Suffix range: the last N bytes; N larger than the file means the whole file.
    const suffix = Number(last);
    if (suffix === 0 || size === 0) return UNSATISFIABLE;
    return { start: Math.max(0, size - suffix), end: size - 1 };
  }
  const start = Number(first);
  if (last === '') return start >= size ? UNSATISFIABLE : { start, end: size - 1 };
  const end = Number(last);
  if (end < start) return undefined; // syntactically invalid: ignore, as the RFC says
  if (start >= size) return UNSATISFIABLE;
  return { start, end: Math.min(end, size - 1) };
}

/** The `Content-Range` value for a 206. */
export function contentRange(range: ResolvedRange, size: number): string {
  return `bytes ${range.start}-${range.end}/${size}`;
}
