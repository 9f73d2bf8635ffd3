import type { IncomingHttpHeaders } from 'node:http';

/**
 * Validators and conditional requests (RFC 9110 §8.8, §13) for immutable media objects. The ETag is
 * size + modification time: blobs are written atomically (temp file + rename), so an object with the
 * same size and mtime is the same bytes, which makes it usable as a strong validator (If-Range needs one).
 */

/** A strong ETag from size and modification time (hex keeps it short). */
export function etagOf(size: number, modifiedAt: Date): string {
  return `"${size.toString(16)}-${modifiedAt.getTime().toString(16)}"`;
}

/** HTTP dates have one-second resolution; comparisons must drop the milliseconds of the mtime. */
function seconds(date: Date): number {
  return Math.floor(date.getTime() / 1000);
}

/** Whether an `If-None-Match` list names `etag` (weak comparison, as §13.1.2 asks for GET/HEAD). */
function matchesAny(list: string, etag: string): boolean {
  if (list.trim() === '*') return true;
  for (const raw of list.split(',')) {
    let candidate = raw.trim();
    if (candidate.startsWith('W/')) candidate = candidate.slice(2);
    if (candidate === etag) return true;
  }
  return false;
}

/** True when the client's copy is current and the answer is 304 Not Modified. */
export function isNotModified(headers: IncomingHttpHeaders, etag: string, modifiedAt: Date): boolean {
  const ifNoneMatch = headers['if-none-match'];
  // When both are sent, If-None-Match wins and If-Modified-Since is ignored (§13.1.3).
  if (ifNoneMatch !== undefined) return matchesAny(ifNoneMatch, etag);
  const ifModifiedSince = headers['if-modified-since'];
  if (ifModifiedSince === undefined) return false;
  const since = Date.parse(ifModifiedSince);
  return !Number.isNaN(since) && seconds(modifiedAt) <= Math.floor(since / 1000);
}

/**
 * Whether a `Range` may be honoured given `If-Range`: only when the client's validator still matches,
 * otherwise it must get the whole new file rather than a slice of it spliced onto an old copy.
 */
export function rangeStillValid(ifRange: string | string[] | undefined, etag: string, modifiedAt: Date): boolean {
  if (ifRange === undefined) return true;
  if (typeof ifRange !== 'string') return false; // sent twice: not a validator we can trust
  const value = ifRange.trim();
  if (value.startsWith('"')) return value === etag; // strong comparison only
  if (value.startsWith('W/')) return false;
  const date = Date.parse(value);
  return !Number.isNaN(date) && Math.floor(date / 1000) === seconds(modifiedAt);
}
