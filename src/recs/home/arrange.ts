import type { Title } from '../../catalog/model.js';

/** Positions a row shows before any scrolling: no title repeats there between consecutive rows. */
export const FIRST_VISIBLE = 6;
/** The most titles a row carries. */
export const MAX_ROW_SIZE = 40;

export interface RowItem {
  title: Title;
  progress?: { positionSec: number; durationSec: number };
}

export interface HomeRow {
  /** Stable id, also the `row` of impression events: `top-picks`, `because-you-watched:<titleId>`, `genre:<id>`… */
  id: string;
  /** Display title: "Top Picks for Ana", "Because You Watched Heat". */
  title: string;
  /** Why the row is there, for the caller (and, where useful, as a subtitle). */
  reason: string;
  /** Rows whose order means something to the member (a ranking, their list) are never reordered. */
  fixed: boolean;
  /** Frozen when shared between pages (shared-rows.ts): replaced, never changed in place. */
  items: readonly RowItem[];
}

function firstIds(row: HomeRow | undefined, into: Set<string>): void {
  if (!row) return;
  for (let i = 0; i < row.items.length && i < FIRST_VISIBLE; i++) into.add(row.items[i]!.title.id);
}

type Items = readonly RowItem[];

/**
 * Reorders reorderable rows so that no title appears in the first FIRST_VISIBLE positions of two
 * consecutive rows: conflicting titles move behind the first positions, or drop out when the row is
 * too short to push them back. Fixed rows stay as they are; their neighbours give way. Rows left
 * empty are removed, then every row is cut to `size` titles. Returns the rows shown (row objects are reused).
 */
export function arrangeRows(input: HomeRow[], size: number): HomeRow[] {
  // Empty rows are not shown, so they do not separate the rows around them.
  const rows = input.filter((row) => row.items.length > 0);
  const avoid = new Set<string>();
  for (let i = 0; i < rows.length; i++) {
    const row = rows[i]!;
    if (row.fixed) continue;
    const prev = rows[i - 1];
    const next = rows[i + 1]?.fixed ? rows[i + 1] : undefined;
    // Worked out on every assembly, not memoised by neighbours: pairs of shared rows (Because You
    // Watched X after Y) grow with the members, and a page is assembled only when its inputs change.
    row.items = moveConflicts(row.items, avoid, prev, next);
    if (row.items.length === 0) {
      rows.splice(i, 1);
      i -= 1; // the next row now follows the previous one: check it against that
    }
  }
  const out = rows.filter((row) => row.items.length > 0);
  for (const row of out) if (row.items.length > size) row.items = row.items.slice(0, size);
  return out;
}

/**
 * The row's items with titles among the first positions of its neighbours moved behind the first
 * positions (or out, when the row is too short); the same array when nothing moves.
 */
function moveConflicts(items: Items, avoid: Set<string>, prev: HomeRow | undefined, next: HomeRow | undefined): Items {
  avoid.clear();
  firstIds(prev, avoid);
  firstIds(next, avoid);
  if (avoid.size === 0) return items;
  const front: RowItem[] = [];
  const back: RowItem[] = [];
  for (const item of items) {
    if (front.length < FIRST_VISIBLE && avoid.has(item.title.id)) back.push(item);
    else front.push(item);
  }
  if (back.length === 0) return items;
  // A conflicting title may only stay where it lands past the first positions.
  return front.length >= FIRST_VISIBLE ? front.slice(0, FIRST_VISIBLE).concat(back, front.slice(FIRST_VISIBLE)) : front;
}

/** Stable partition: titles the profile has not finished first, finished ones after (demoted, not hidden). */
export function demoteFinished(items: readonly RowItem[], finished: ReadonlySet<string>): readonly RowItem[] {
  if (finished.size === 0) return items;
  const fresh: RowItem[] = [];
  const seen: RowItem[] = [];
  for (const item of items) (finished.has(item.title.id) ? seen : fresh).push(item);
  return seen.length === 0 ? items : fresh.concat(seen);
}
