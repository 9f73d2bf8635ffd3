/**
 * The catalog as the simulator sees it: ids, kinds, genres, runtimes, a Zipf popularity and a taste
 * community per title, plus per-genre and per-community cumulative popularity tables so a title is
 * drawn in O(log n) by taste × popularity.
 */
import { DEMO_SEED, generateCatalog } from '../../src/catalog/demo/generate.js';
import { Random } from '../../src/catalog/demo/random.js';
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
  /** Index of its taste community in `SimCatalog.communities`. */
  community: number;
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
  /**
   * Taste communities: groups of about TITLES_PER_COMMUNITY titles of one genre that the same
   * viewers watch (see TITLES_PER_COMMUNITY). Each with its genre, titles and cumulative popularity.
   */
  communities: { genre: number; titles: Int32Array; cumulative: Float64Array }[];
  /** For each genre, the indexes of its communities. */
  communitiesByGenre: number[][];
}

/**
 * Zipf exponent of title popularity: a few hits, a long tail. 0.65 gives the ten most popular of
 * 10,000 titles ~6 % of plays, as in Netflix's engagement report for the first half of 2023 (the ten
 * most watched of ~18,000 titles drew ~5–6 % of ~93 billion hours). An exponent of 1.0 (used until
 * 2026-12-01) gave them 30 %, which made "the most popular titles" a far stronger guess than it is.
 */
export const ZIPF_EXPONENT = 0.65;

/**
 * Titles per taste community. Viewers' tastes are finer than genres: people who watch one title of a
 * community (a franchise, a style, a tone; Netflix describes its members in a few thousand such
 * "taste communities") watch its others far more than the rest of the genre, which is what makes
 * co-watching informative beyond metadata. Each title belongs to one community of its first genre.
 */
export const TITLES_PER_COMMUNITY = 40;

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
      community: -1, // assigned below, once genres are indexed
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
  const { communities, communitiesByGenre } = assignCommunities(titles, genreIndexes, genres.length);
  return { titles, genres, byGenre, cumulative: cumulate(titles.map((t) => t.popularity)), genreIndexes, communities, communitiesByGenre };
}

/** Splits each genre's titles (by their first genre) into communities of ~TITLES_PER_COMMUNITY, at random but the same every time. */
function assignCommunities(titles: SimTitle[], genreIndexes: number[][], genreCount: number): Pick<SimCatalog, 'communities' | 'communitiesByGenre'> {
  const random = new Random('sim-communities');
  const firstGenre: number[][] = Array.from({ length: genreCount }, () => []);
  genreIndexes.forEach((gs, ti) => (firstGenre[gs[0] as number] as number[]).push(ti));
  const members: number[][] = [];
  const genreOf: number[] = [];
  firstGenre.forEach((list, genre) => {
    if (list.length === 0) return;
    const count = Math.max(1, Math.round(list.length / TITLES_PER_COMMUNITY));
    const first = members.length;
    for (let i = 0; i < count; i++) {
      members.push([]);
      genreOf.push(genre);
    }
    for (const ti of list) {
      const community = first + random.int(0, count - 1);
      (members[community] as number[]).push(ti);
      (titles[ti] as SimTitle).community = community;
    }
  });
  // A genre's communities: those holding any of its titles (a genre may be no title's first).
  const byGenre = Array.from({ length: genreCount }, () => new Set<number>());
  genreIndexes.forEach((gs, ti) => gs.forEach((g) => byGenre[g]?.add((titles[ti] as SimTitle).community)));
  const communitiesByGenre = byGenre.map((set) => [...set].sort((a, b) => a - b));
  const communities = members.map((list, i) => ({ genre: genreOf[i] as number, titles: Int32Array.from(list), cumulative: cumulate(list.map((ti) => (titles[ti] as SimTitle).popularity)) }));
  return { communities, communitiesByGenre };
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
