import type { Title } from '../../catalog/model.js';
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

/**
 * Card JSON per title, serialised once per catalog snapshot (titles are immutable within one), so a
 * page is assembled by joining strings rather than by building and serialising objects.
 */
export class CardJson {
  private snapshot: CatalogSnapshot | undefined;
  private cache = new Map<string, string>();

  get(snapshot: CatalogSnapshot, title: Title): string {
    if (snapshot !== this.snapshot) {
      this.snapshot = snapshot;
      this.cache = new Map();
    }
    let json = this.cache.get(title.id);
    if (json === undefined) this.cache.set(title.id, (json = JSON.stringify(toCard(title))));
    return json;
  }
}
