/**
 * The catalog as the simulator sees it: ids, kinds, genres, runtimes and a Zipf popularity, plus
 * per-genre cumulative popularity tables so a title is drawn in O(log n) by taste × popularity.
 */
import { DEMO_SEED, generateCatalog } from '../../src/catalog/demo/generate.js';
import type { TitleInput } from '../../src/catalog/model.js';

/** One title, reduced to what viewing behaviour depends on. */
export interface SimTitle {
  id: string;
  kind: 'movie' | 'show';
  genres: string[];
  /** Movie runtime, or a typical episode's for shows. */
  runtimeMinutes: number;
  /** Relative draw weight (Zipf over the catalog's popularity rank). */
  popularity: number;
  /** Episodes in watch order, for shows. */
  episodes?: { id: string; runtimeMinutes: number }[];
}

/** A catalog indexed for drawing. */
export interface SimCatalog {
  titles: SimTitle[];
  genres: string[];
  /** For each genre (same order as `genres`): indexes of its titles and their cumulative popularity. */
  byGenre: { titles: Int32Array; cumulative: Float64Array }[];
  /** Cumulative popularity over all titles (impressions, searches). */
  cumulative: Float64Array;
  /** For each title, the indexes of its genres in `genres`. */
  genreIndexes: number[][];
}

/** Zipf exponent of title popularity: a few hits, a long tail. */
export const ZIPF_EXPONENT = 1.0;

/**
 * Reduces catalog titles for the simulator. Popularity becomes Zipf over the titles' popularity
 * rank (ties by id), so the skew is the same whatever scale the catalog's own scores use.
 */
export function simCatalog(input: readonly TitleInput[], zipf = ZIPF_EXPONENT): SimCatalog {
  const ranked = input
    .filter((t): t is TitleInput & { id: string } => typeof t.id === 'string')
    .map((t) => ({ t, score: t.popularity ?? 0 }))
    .sort((a, b) => b.score - a.score || (a.t.id < b.t.id ? -1 : 1));
  const titles: SimTitle[] = ranked.map(({ t }, rank) => {
    const episodes = (t.seasons ?? []).flatMap((s) =>
      s.episodes.map((e) => ({ id: e.id ?? `${t.id}-s${s.number}e${e.episodeNumber}`, runtimeMinutes: e.runtimeMinutes })),
    );
    return {
      id: t.id,
      kind: t.kind === 'show' ? 'show' : 'movie',
      genres: [...t.genres],
      runtimeMinutes: Math.max(1, episodes[0]?.runtimeMinutes ?? t.runtimeMinutes),
      popularity: 1 / Math.pow(rank + 1, zipf),
      ...(episodes.length > 0 ? { episodes } : {}),
    };
  });
  if (titles.length === 0) throw new RangeError('the catalog has no titles');
  const genres = [...new Set(titles.flatMap((t) => t.genres))].sort();
  const genreIndex = new Map(genres.map((g, i) => [g, i]));
  const genreIndexes = titles.map((t) => t.genres.map((g) => genreIndex.get(g) as number));
  const members: number[][] = genres.map(() => []);
  genreIndexes.forEach((gs, ti) => gs.forEach((g) => (members[g] as number[]).push(ti)));
  const byGenre = members.map((list) => ({ titles: Int32Array.from(list), cumulative: cumulate(list.map((i) => (titles[i] as SimTitle).popularity)) }));
  return { titles, genres, byGenre, cumulative: cumulate(titles.map((t) => t.popularity)), genreIndexes };
}

function cumulate(weights: readonly number[]): Float64Array {
  const out = new Float64Array(weights.length);
  let sum = 0;
  weights.forEach((w, i) => (out[i] = sum += w));
  return out;
}

/**
 * The demo catalog generator at any size: `titles` splits 80 % movies / 20 % shows (ids
 * `mv-0001`… / `sh-0001`…), or exact counts. A server seeded with the same seed and counts holds
 * exactly these titles (the default demo catalog is `DEMO_COUNTS` with `DEMO_SEED`).
 */
export function demoSimCatalog(titles: number | { movies: number; shows: number }, seed: number = DEMO_SEED, now = new Date('2026-01-01T00:00:00Z')): SimCatalog {
  const counts = typeof titles === 'number' ? { movies: titles - Math.round(titles * 0.2), shows: Math.round(titles * 0.2) } : titles;
  return simCatalog(generateCatalog({ seed, ...counts, now }).titles);
}
