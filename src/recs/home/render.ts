import type { Title } from '../../catalog/model.js';
import type { HomeRow, RowItem } from './arrange.js';
import type { HomePage } from './assemble.js';

// A page is sent as bytes joined from pieces encoded once: each item, each shared row's items, each
// row header. Items are title references (`{"id":…}`, with progress in Continue Watching); the cards
// they refer to come from the page's `cards` dictionary (cards.ts), once per catalog version.

/** Item JSON per title; titles are immutable within a catalog snapshot, so the title object is the key. */
const refs = new WeakMap<Title, Buffer>();
/** Shared rows' items (frozen arrays, see shared-rows.ts) rendered once; they go with their lists. */
const sharedItems = new WeakMap<readonly RowItem[], Buffer>();
/** Row headers by row object, interned by text: every page of a class has the same genre, Top 10… headers. */
const headers = new WeakMap<HomeRow, Buffer>();
const headerTexts = new Map<string, Buffer>();
const MAX_HEADER_TEXTS = 100_000;

const COMMA = Buffer.from(',');
/** Closes a row (its items, then the row object) and the page (its rows, then the page object). */
const CLOSE = Buffer.from(']}');

function ref(title: Title): Buffer {
  let bytes = refs.get(title);
  if (!bytes) refs.set(title, (bytes = Buffer.from(JSON.stringify({ id: title.id }))));
  return bytes;
}

function pushItem(parts: Buffer[], item: RowItem): void {
  const bytes = ref(item.title);
  if (!item.progress) {
    parts.push(bytes);
    return;
  }
  // The item is a JSON object: its progress goes in before the closing brace.
  parts.push(bytes.subarray(0, bytes.length - 1), Buffer.from(`,"progress":{"positionSec":${item.progress.positionSec},"durationSec":${item.progress.durationSec}}}`));
}

function pushItems(parts: Buffer[], items: readonly RowItem[]): void {
  for (let i = 0; i < items.length; i++) {
    if (i > 0) parts.push(COMMA);
    pushItem(parts, items[i]!);
  }
}

function pushSharedItems(parts: Buffer[], items: readonly RowItem[]): void {
  let bytes = sharedItems.get(items);
  if (!bytes) {
    const own: Buffer[] = [];
    pushItems(own, items);
    sharedItems.set(items, (bytes = Buffer.concat(own)));
  }
  parts.push(bytes);
}

function header(row: HomeRow): Buffer {
  let bytes = headers.get(row);
  if (!bytes) {
    const text = `{"id":${JSON.stringify(row.id)},"title":${JSON.stringify(row.title)},"reason":${JSON.stringify(row.reason)},"items":[`;
    bytes = headerTexts.get(text);
    if (!bytes) {
      if (headerTexts.size >= MAX_HEADER_TEXTS) headerTexts.clear();
      headerTexts.set(text, (bytes = Buffer.from(text)));
    }
    headers.set(row, bytes);
  }
  return bytes;
}

/**
 * The page as pieces of JSON bytes which, joined in order, are the response in the shape of the
 * route's schema. Rows of shared items cost a lookup; a profile's own rows (Continue Watching, Top
 * Picks, My List) are cached references. `cards` is where the rows' cards are (cardsPath). The
 * caller joins the pieces once and keeps the bytes with the page's plan (page-plans.ts).
 */
export function renderHome(profileId: string, page: HomePage, cards: string): Buffer[] {
  const degraded = page.degraded ? `,"degraded":{"reason":${JSON.stringify(page.degraded.reason)}}` : '';
  const parts: Buffer[] = [Buffer.from(`{"profileId":${JSON.stringify(profileId)},"datasetVersion":${JSON.stringify(page.datasetVersion)}${degraded},"cards":${JSON.stringify(cards)},"rows":[`)];
  for (let i = 0; i < page.rows.length; i++) {
    const row = page.rows[i]!;
    if (i > 0) parts.push(COMMA);
    parts.push(header(row));
    if (Object.isFrozen(row.items)) pushSharedItems(parts, row.items);
    else pushItems(parts, row.items);
    parts.push(CLOSE);
  }
  parts.push(CLOSE);
  return parts;
}
