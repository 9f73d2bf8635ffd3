import type { Title } from '../../catalog/model.js';

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
