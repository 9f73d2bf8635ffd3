import { maturityLevel, type Genre, type Title, type Viewer } from './model.js';

/**
 * An immutable, versioned in-memory view of the whole catalog (the Hollow pattern): built from the
 * database after each change and swapped in atomically, so hot reads never touch the database.
 */
export interface CatalogSnapshot {
  readonly version: number;
  readonly builtAt: Date;
  /** Every title, most popular first. */
  readonly titles: readonly Title[];
  readonly byId: ReadonlyMap<string, Title>;
  /** Episode id → its show. */
  readonly showByEpisodeId: ReadonlyMap<string, Title>;
  readonly genres: readonly Genre[];
  /** Genre id → titles in it, most popular first. */
  readonly byGenre: ReadonlyMap<string, readonly Title[]>;
  /** Titles newest first (release year, then creation). */
  readonly newest: readonly Title[];
}

/** Builds a snapshot from titles and genres read from the source of truth. */
export function buildSnapshot(version: number, titles: Title[], genres: Genre[]): CatalogSnapshot {
  const byPopularity = [...titles].sort((a, b) => b.popularity - a.popularity || a.id.localeCompare(b.id));
  const byId = new Map(byPopularity.map((title) => [title.id, title]));
  const showByEpisodeId = new Map<string, Title>();
  for (const title of byPopularity) {
    for (const season of title.seasons) for (const episode of season.episodes) showByEpisodeId.set(episode.id, title);
  }
  const byGenre = new Map<string, Title[]>(genres.map((genre) => [genre.id, []]));
  for (const title of byPopularity) {
    for (const genre of title.genres) byGenre.get(genre)?.push(title);
  }
  const newest = [...titles].sort(
    (a, b) => b.releaseYear - a.releaseYear || b.createdAt.localeCompare(a.createdAt) || a.id.localeCompare(b.id),
  );
  return {
    version,
    builtAt: new Date(),
    titles: byPopularity,
    byId,
    showByEpisodeId,
    genres: [...genres].sort((a, b) => a.name.localeCompare(b.name)),
    byGenre,
    newest,
  };
}

/** Whether the title is streamable in the country at `now` (any country when none is given). */
export function isAvailable(title: Title, country: string | undefined, now: Date): boolean {
  const at = now.toISOString();
  return title.availability.some(
    (window) =>
      (country === undefined || window.country === country) &&
      window.from <= at &&
      (window.until === null || window.until > at),
  );
}

/**
 * The first moment after `now` at which some title's availability in the country (any country when
 * none is given) opens or closes, in ms since epoch; Infinity when nothing is scheduled. Until then
 * `isAvailable` answers as it does at `now`, so answers may be memoised that long.
 */
export function nextAvailabilityChange(snapshot: CatalogSnapshot, country: string | undefined, now: Date): number {
  const at = now.toISOString();
  let next: string | undefined;
  for (const title of snapshot.titles) {
    for (const window of title.availability) {
      if (country !== undefined && window.country !== country) continue;
      if (window.from > at && (next === undefined || window.from < next)) next = window.from;
      if (window.until !== null && window.until > at && (next === undefined || window.until < next)) next = window.until;
    }
  }
  return next === undefined ? Infinity : Date.parse(next);
}

const horizons = new WeakMap<CatalogSnapshot, Map<string, { from: number; until: number }>>();

/**
 * `nextAvailabilityChange` in ms, worked out once per snapshot and country and reused until that
 * moment passes: what memoised visibility answers are keyed on.
 */
export function availabilityHorizon(snapshot: CatalogSnapshot, country: string | undefined, at: number): number {
  let byCountry = horizons.get(snapshot);
  if (!byCountry) horizons.set(snapshot, (byCountry = new Map()));
  let known = byCountry.get(country ?? '');
  if (!known || known.until <= at || known.from > at) {
    known = { from: at, until: nextAvailabilityChange(snapshot, country, new Date(at)) };
    byCountry.set(country ?? '', known);
  }
  return known.until;
}

/** Whether this viewer may see the title at all: maturity ceiling and regional availability. */
export function isVisible(title: Title, viewer: Viewer, now: Date): boolean {
  return maturityLevel(title.maturityRating) <= viewer.maxMaturityLevel && isAvailable(title, viewer.country, now);
}
