import { MATURITY_LEVELS, type Genre, type Title, type Viewer } from '../model.js';
import { normalizePhrase } from './normalize.js';
import type { SearchParams } from './types.js';
import { availableAt, visibleTo } from './visibility.js';

/** Turns a `genre` parameter (an id, or a name in any case/accents) into a genre id. */
export type GenreResolver = (genre: string) => string;

/** Builds a resolver over the snapshot's genres; unknown values pass through (and match nothing). */
export function genreResolver(genres: readonly Genre[]): GenreResolver {
  const ids = new Set(genres.map((genre) => genre.id));
  const byName = new Map(genres.map((genre) => [normalizePhrase(genre.name), genre.id]));
  return (genre) => (ids.has(genre) ? genre : (byName.get(normalizePhrase(genre)) ?? genre));
}

/**
 * The predicate a title must pass to appear in results: the explicit filters in `params`, then the
 * viewer's own visibility (maturity ceiling and availability), which always applies. Cheap checks
 * run first; availability needs date work.
 */
export function titleFilter(
  params: SearchParams,
  viewer: Viewer,
  now: Date,
  resolveGenre: GenreResolver,
): (title: Title) => boolean {
  const { kind, yearFrom, yearTo, maxMaturityLevel } = params;
  const genre = params.genre === undefined ? undefined : resolveGenre(params.genre);
  const language = params.language?.toLowerCase();
  const country = params.country?.toUpperCase();
  const at = now.toISOString();
  const visible = visibleTo(viewer, now);
  return (title) =>
    (kind === undefined || title.kind === kind) &&
    (yearFrom === undefined || title.releaseYear >= yearFrom) &&
    (yearTo === undefined || title.releaseYear <= yearTo) &&
    (maxMaturityLevel === undefined || MATURITY_LEVELS[title.maturityRating] <= maxMaturityLevel) &&
    (genre === undefined || title.genres.includes(genre)) &&
    (language === undefined || speaks(title, language)) &&
    (country === undefined || availableAt(title, country, at)) &&
    visible(title);
}

/** Original or audio language; "en" also matches regional tags such as "en-GB". */
function speaks(title: Title, language: string): boolean {
  const matches = (tag: string): boolean => {
    const lower = tag.toLowerCase();
    return lower === language || lower.startsWith(`${language}-`);
  };
  return matches(title.originalLanguage) || title.audioLanguages.some(matches);
}
