import { maturityLevel, type Title } from '../../catalog/model.js';
import type { CatalogSnapshot } from '../../catalog/snapshot.js';

/**
 * The compact title card of home rows and More Like This: what a poster row needs (the web app's
 * PosterCard and hero), no synopsis, people or availability.
 */
export function toCard(title: Title) {
  return {
    id: title.id,
    kind: title.kind,
    name: title.name,
    releaseYear: title.releaseYear,
    maturityRating: title.maturityRating,
    genres: title.genres,
    artwork: title.artwork,
    playable: title.playable,
  };
}

export type Card = ReturnType<typeof toCard>;

/** Which cards a dictionary holds: a country's titles up to a maturity level (a viewer class, without time). */
export interface CardSet {
  country: string | undefined;
  maxMaturityLevel: number;
}

/**
 * Where a client gets the cards a home page's rows refer to. The catalog version in the address
 * makes it immutable, so a browser or an edge keeps it until the catalog changes.
 */
export function cardsPath(snapshot: CatalogSnapshot, set: CardSet): string {
  const country = set.country ? `country=${set.country}&` : '';
  return `/v1/cards?${country}maxMaturityLevel=${set.maxMaturityLevel}&version=${snapshot.version}`;
}

/** Card sets a snapshot's dictionaries keep at once (countries × maturity levels asked for). */
const MAX_SETS_HELD = 64;

/**
 * Card dictionaries (title id → card) as JSON bytes, built once per catalog snapshot and card set.
 * Home pages carry title ids only: the cards are the same for millions of members of a country and
 * maturity ceiling, so they are sent once per catalog version, and cacheable, instead of with every
 * page (a 20-per-row page was 60–80 kB of cards, ~240 of them).
 *
 * A dictionary holds every title of the country up to the ceiling whatever its availability window:
 * a card of a title that is not streamable now is harmless (no row refers to it), and the
 * dictionary then changes only with the catalog, not every time a window opens.
 */
export class CardDictionaries {
  private readonly bySnapshot = new WeakMap<CatalogSnapshot, Map<string, Buffer>>();

  json(snapshot: CatalogSnapshot, set: CardSet): Buffer {
    let built = this.bySnapshot.get(snapshot);
    if (!built) this.bySnapshot.set(snapshot, (built = new Map()));
    const key = `${set.country ?? ''}|${set.maxMaturityLevel}`;
    let bytes = built.get(key);
    if (!bytes) {
      // The route is public, so every country and level may be asked for. Members use a few sets; a
      // crawl of all of them must not hold ~1 MB per set, so past the bound they are built again.
      if (built.size >= MAX_SETS_HELD) built.clear();
      built.set(key, (bytes = Buffer.from(JSON.stringify(dictionary(snapshot, set)))));
    }
    return bytes;
  }
}

function dictionary(snapshot: CatalogSnapshot, set: CardSet) {
  const cards: Record<string, Card> = Object.create(null) as Record<string, Card>; // ids are keys, never a prototype
  for (const title of snapshot.titles) {
    if (maturityLevel(title.maturityRating) > set.maxMaturityLevel) continue;
    if (set.country !== undefined && !title.availability.some((window) => window.country === set.country)) continue;
    cards[title.id] = toCard(title);
  }
  return { catalogVersion: snapshot.version, country: set.country ?? null, maxMaturityLevel: set.maxMaturityLevel, cards };
}
