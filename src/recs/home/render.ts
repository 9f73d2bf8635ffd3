import type { CatalogSnapshot } from '../../catalog/snapshot.js';
import type { HomeRow, RowItem } from './arrange.js';
import type { HomePage } from './assemble.js';
import type { CardJson } from './cards.js';

function itemJson(cards: CardJson, snapshot: CatalogSnapshot, item: RowItem): string {
  const card = cards.get(snapshot, item.title);
  if (!item.progress) return card;
  // The card is a JSON object: its progress goes in before the closing brace.
  return `${card.slice(0, -1)},"progress":{"positionSec":${item.progress.positionSec},"durationSec":${item.progress.durationSec}}}`;
}

// Shared rows' items (frozen arrays, see shared-rows.ts) are rendered once; a WeakMap lets them go with their lists.
const sharedItems = new WeakMap<readonly RowItem[], string>();

function itemsJson(cards: CardJson, snapshot: CatalogSnapshot, row: HomeRow): string {
  const shared = Object.isFrozen(row.items);
  let json = shared ? sharedItems.get(row.items) : undefined;
  if (json === undefined) {
    const items = new Array<string>(row.items.length);
    for (let i = 0; i < row.items.length; i++) items[i] = itemJson(cards, snapshot, row.items[i]!);
    json = items.join(',');
    if (shared) sharedItems.set(row.items, json);
  }
  return json;
}

function rowJson(cards: CardJson, snapshot: CatalogSnapshot, row: HomeRow): string {
  return `{"id":${JSON.stringify(row.id)},"title":${JSON.stringify(row.title)},"reason":${JSON.stringify(row.reason)},"items":[${itemsJson(cards, snapshot, row)}]}`;
}

/**
 * The page as JSON text, in the shape of the route's response schema, from card JSON cached per
 * snapshot: a page is mostly cards, so this is string joins rather than object building.
 */
export function renderHome(cards: CardJson, snapshot: CatalogSnapshot, profileId: string, page: HomePage): string {
  const rows = page.rows.map((row) => rowJson(cards, snapshot, row)).join(',');
  const degraded = page.degraded ? `,"degraded":{"reason":${JSON.stringify(page.degraded.reason)}}` : '';
  return `{"profileId":${JSON.stringify(profileId)},"datasetVersion":${JSON.stringify(page.datasetVersion)}${degraded},"rows":[${rows}]}`;
}
