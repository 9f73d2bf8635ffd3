import { AppError } from '../errors.js';
import type { Title, Viewer } from './model.js';
import { isVisible } from './snapshot.js';

/** An ordering of titles and the key that positions a cursor in it (keyset pagination). */
export interface Ordering {
  key(title: Title): (string | number)[];
}

export const BY_POPULARITY: Ordering = { key: (t) => [-t.popularity, t.id] };
export const BY_NEWEST: Ordering = { key: (t) => [-t.releaseYear, invert(t.createdAt), t.id] };

// Inverts a string's order so "newest first" stays an ascending key comparison.
function invert(iso: string): string {
  return String(8_000_000_000_000_000 - Date.parse(iso));
}

function compareKeys(a: (string | number)[], b: (string | number)[]): number {
  for (let i = 0; i < a.length; i++) {
    const x = a[i]!;
    const y = b[i]!;
    if (x < y) return -1;
    if (x > y) return 1;
  }
  return 0;
}

export function encodeCursor(key: (string | number)[]): string {
  return Buffer.from(JSON.stringify(key)).toString('base64url');
}

function decodeCursor(cursor: string): (string | number)[] {
  try {
    const key: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (Array.isArray(key) && key.every((k) => typeof k === 'string' || typeof k === 'number')) return key;
  } catch {
    // fall through to the error below
  }
  throw new AppError('VALIDATION_FAILED', 'querystring.cursor is not a cursor this API issued', [
    { field: 'querystring.cursor', message: 'is not a valid cursor' },
  ]);
}

/**
 * One page of `list` (already sorted by `ordering`) after `cursor`, keeping only what the viewer may see.
 * Keyset cursors stay correct when the snapshot changes between pages (no skipped or repeated items).
 */
export function page(
  list: readonly Title[],
  ordering: Ordering,
  viewer: Viewer,
  now: Date,
  limit: number,
  cursor: string | undefined,
): { items: Title[]; nextCursor: string | null } {
  let start = 0;
  if (cursor) {
    const after = decodeCursor(cursor);
    let lo = 0;
    let hi = list.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (compareKeys(ordering.key(list[mid]!), after) <= 0) lo = mid + 1;
      else hi = mid;
    }
    start = lo;
  }
  const items: Title[] = [];
  let i = start;
  for (; i < list.length && items.length < limit; i++) {
    const title = list[i]!;
    if (isVisible(title, viewer, now)) items.push(title);
  }
  const last = items[items.length - 1];
  const more = last !== undefined && list.slice(i).some((t) => isVisible(t, viewer, now));
  return { items, nextCursor: more ? encodeCursor(ordering.key(last)) : null };
}
