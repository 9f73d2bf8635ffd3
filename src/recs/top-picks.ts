import type { Title } from '../catalog/model.js';
import type { ScoredTitle, SimilarDataset } from './datasets.js';

/**
 * Top Picks for one profile, from the published datasets and its latest history: a pure function
 * shared by the online home page (src/recs/home/) and the offline evaluation (src/recs/eval/), so the
 * figures `marquee recs eval` reports are those of what the page shows.
 *
 * score(c) = choice × C(c) + neighbours × N(c) + taste × A(c) (+ popularity × P(c)), each in [0, 1]:
 * - C(c): the chance the profile picks c next (docs/RECOMMENDATIONS.md). `posterior` model: a genre
 *   by the profile's genre shares (a prior spread like the population's views plus the history's
 *   plays), then a title of it by views, or with a small share any title by views; relative to the
 *   best candidate. The older `blend` model normalises affinity to the top genre instead;
 * - N(c): similarity of c to the history's titles (published neighbours), weighted by how recent
 *   and how fully each was watched, relative to the best candidate: reaches titles with no views yet;
 * - A(c): the profile's share for c's genres, best genre plus a part of the mean;
 * - P(c): log-scaled views over 7 days (off by default).
 * Candidates: the seeds' neighbours, the most viewed titles, and the most viewed of the liked genres.
 */

/** One title the profile played, newest first (a structural subset of the home page's WatchedTitle). */
export interface HistoryEntry {
  titleId: string;
  completed: boolean;
  positionSec?: number;
  durationSec?: number;
}

export interface TopPicksDatasets {
  /** The similar dataset (as published, or as the api's Map). */
  similar: SimilarDataset | ReadonlyMap<string, readonly ScoredTitle[]>;
  popularity: readonly ScoredTitle[];
  /** This profile's published genre affinity, when it has one. */
  affinity?: Readonly<Record<string, number>>;
}

/** What Top Picks reads of the catalog (a CatalogSnapshot fits). */
export interface TopPicksCatalog {
  readonly byId: ReadonlyMap<string, Title>;
}

export interface TopPicksOptions {
  limit: number;
  /** History entries used as seeds. */
  seedDepth: number;
  /** Each older seed counts this much less. */
  recencyDecay: number;
  neighbourWeight: number;
  tasteWeight: number;
  popularityWeight: number;
  /** Weight of taste × popularity: what a viewer drawn by taste among popular titles picks next. */
  tastePopularityWeight: number;
  /**
   * Weight of Σ_genre share(genre) × views(c) ÷ views(genre): the chance the profile picks c when it
   * picks a genre by its affinity, then a title of that genre by views (relative to the best candidate).
   */
  genreChoiceWeight: number;
  /** Share of the published affinity against the one read from the latest history. */
  publishedAffinityShare: number;
  /** Most viewed titles considered as candidates, overall and per liked genre. */
  popularPool: number;
  genrePool: number;
  /** Genres (by affinity) whose most viewed titles become candidates. */
  likedGenres: number;
  /** Leave out every title of the history (true), or only those in progress (the page demotes finished ones itself). */
  excludeHistory: boolean;
  /**
   * Taste model of the genre-choice term: `blend` (published affinity blended with the history's genres,
   * each normalised to its top genre) or `posterior` (genre shares: the history's plays as counts on
   * top of `tastePrior` pseudo-plays spread like the population's views, so a short history leans on
   * what everyone watches and a long one on the profile).
   */
  tasteModel: 'blend' | 'posterior';
  tastePrior: number;
  /** Posterior model: weight of a play that was neither finished nor substantial, against 1 for a finished one. */
  sampledPlayWeight: number;
  /** Posterior model: share of plays that follow overall popularity rather than taste (linear views share). */
  popularityMix: number;
}

// Tuned with the leave-last-out evaluation on the simulator's population (docs/RECOMMENDATIONS.md):
// the posterior genre-choice model beats the blend (whose additive taste term ranked popular
// off-taste titles too high); co-watching neighbours add a little on top.
export const DEFAULT_TOP_PICKS: TopPicksOptions = {
  limit: 40,
  seedDepth: 20,
  recencyDecay: 0.85,
  neighbourWeight: 0.1,
  tasteWeight: 0.1,
  popularityWeight: 0,
  tastePopularityWeight: 0,
  genreChoiceWeight: 1,
  publishedAffinityShare: 0.5,
  popularPool: 100,
  genrePool: 60,
  likedGenres: 5,
  excludeHistory: true,
  tasteModel: 'posterior',
  tastePrior: 1,
  sampledPlayWeight: 1,
  popularityMix: 0.15,
};

/** How much a history entry says about taste: finished counts fully, a sampled title a little. */
function engagement(entry: HistoryEntry): number {
  if (entry.completed) return 1;
  const share = entry.durationSec && entry.durationSec > 0 ? Math.min(1, (entry.positionSec ?? 0) / entry.durationSec) : 0;
  return 0.2 + 0.6 * share;
}

interface PopularityIndex {
  /** Log-scaled views in [0, 1]. */
  score: Map<string, number>;
  /** Views ÷ the top title's views. */
  linear: Map<string, number>;
  /** Genre → titles by views, best first. */
  byGenre: Map<string, string[]>;
  /** Genre → views of all its titles. */
  genreViews: Map<string, number>;
  topViews: number;
  totalViews: number;
}

// Per popularity list: built once per published version, shared by every profile.
const indexes = new WeakMap<readonly ScoredTitle[], WeakMap<TopPicksCatalog, PopularityIndex>>();

function popularityIndex(popularity: readonly ScoredTitle[], catalog: TopPicksCatalog): PopularityIndex {
  let byCatalog = indexes.get(popularity);
  if (!byCatalog) indexes.set(popularity, (byCatalog = new WeakMap()));
  let index = byCatalog.get(catalog);
  if (index) return index;
  const top = Math.log1p(Math.max(0, popularity[0]?.score ?? 0));
  const topViews = Math.max(0, popularity[0]?.score ?? 0);
  let totalViews = 0;
  for (const item of popularity) totalViews += Math.max(0, item.score);
  index = { score: new Map(), linear: new Map(), byGenre: new Map(), genreViews: new Map(), topViews, totalViews };
  for (const item of popularity) {
    index.score.set(item.titleId, top > 0 ? Math.log1p(Math.max(0, item.score)) / top : 0);
    index.linear.set(item.titleId, topViews > 0 ? Math.max(0, item.score) / topViews : 0);
    for (const genre of catalog.byId.get(item.titleId)?.genres ?? []) {
      let list = index.byGenre.get(genre);
      if (!list) index.byGenre.set(genre, (list = []));
      list.push(item.titleId);
      index.genreViews.set(genre, (index.genreViews.get(genre) ?? 0) + Math.max(0, item.score));
    }
  }
  byCatalog.set(catalog, index);
  return index;
}

function neighboursOf(similar: TopPicksDatasets['similar'], titleId: string): readonly ScoredTitle[] {
  if (similar instanceof Map) return (similar as ReadonlyMap<string, readonly ScoredTitle[]>).get(titleId) ?? [];
  return Object.prototype.hasOwnProperty.call(similar, titleId) ? ((similar as SimilarDataset)[titleId] ?? []) : [];
}

/** Genre affinity in [0, 1]: published figures blended with the genres of the latest history. */
export function blendedAffinity(history: readonly HistoryEntry[], published: Readonly<Record<string, number>> | undefined, catalog: TopPicksCatalog, o: TopPicksOptions = DEFAULT_TOP_PICKS): Map<string, number> {
  const online = new Map<string, number>();
  let max = 0;
  for (let rank = 0; rank < history.length && rank < o.seedDepth; rank++) {
    const entry = history[rank]!;
    const weight = engagement(entry) * o.recencyDecay ** rank;
    for (const genre of catalog.byId.get(entry.titleId)?.genres ?? []) {
      const value = (online.get(genre) ?? 0) + weight;
      online.set(genre, value);
      max = Math.max(max, value);
    }
  }
  const share = published && max > 0 ? o.publishedAffinityShare : published ? 1 : 0;
  const out = new Map<string, number>();
  if (published) for (const [genre, value] of Object.entries(published)) out.set(genre, share * value);
  if (max > 0) for (const [genre, value] of online) out.set(genre, (out.get(genre) ?? 0) + ((1 - share) * value) / max);
  return out;
}

/**
 * Genre shares in [0, 1] summing to 1: Dirichlet-style posterior of which genre the profile picks
 * from, with the population's genre views as the prior (`tastePrior` pseudo-plays) and each play of
 * the history (recency-decayed; shared among the title's genres) as evidence. Without history the
 * published affinity stands in as the evidence.
 */
export function posteriorTaste(history: readonly HistoryEntry[], published: Readonly<Record<string, number>> | undefined, catalog: TopPicksCatalog, genreViews: ReadonlyMap<string, number>, o: TopPicksOptions): Map<string, number> {
  const counts = new Map<string, number>();
  let evidence = 0;
  for (let rank = 0; rank < history.length && rank < o.seedDepth; rank++) {
    const entry = history[rank]!;
    const genres = catalog.byId.get(entry.titleId)?.genres ?? [];
    if (genres.length === 0) continue;
    const weight = (entry.completed || engagement(entry) >= 0.5 ? 1 : o.sampledPlayWeight) * o.recencyDecay ** rank;
    for (const genre of genres) counts.set(genre, (counts.get(genre) ?? 0) + weight / genres.length);
    evidence += weight;
  }
  if (evidence === 0 && published) {
    let sum = 0;
    for (const value of Object.values(published)) sum += value;
    if (sum > 0) {
      for (const [genre, value] of Object.entries(published)) counts.set(genre, value / sum);
      evidence = 1;
    }
  }
  let viewsTotal = 0;
  for (const value of genreViews.values()) viewsTotal += value;
  const out = new Map<string, number>();
  const mass = o.tastePrior + evidence;
  if (mass <= 0) return out;
  for (const [genre, views] of genreViews) if (viewsTotal > 0) out.set(genre, (o.tastePrior * views) / viewsTotal / mass);
  for (const [genre, count] of counts) out.set(genre, (out.get(genre) ?? 0) + count / mass);
  return out;
}

/** The profile's Top Picks, best first (at most `limit`). */
export function topPicksFor(
  history: readonly HistoryEntry[],
  datasets: TopPicksDatasets,
  catalog: TopPicksCatalog,
  options: Partial<TopPicksOptions> = {},
): ScoredTitle[] {
  const o = { ...DEFAULT_TOP_PICKS, ...options };
  const excluded = new Set<string>();
  for (const entry of history) if (o.excludeHistory || !entry.completed) excluded.add(entry.titleId);

  const neighbour = new Map<string, number>();
  for (let rank = 0; rank < history.length && rank < o.seedDepth; rank++) {
    const entry = history[rank]!;
    const weight = engagement(entry) * o.recencyDecay ** rank;
    for (const n of neighboursOf(datasets.similar, entry.titleId)) neighbour.set(n.titleId, (neighbour.get(n.titleId) ?? 0) + weight * n.score);
  }
  let bestNeighbour = 0;
  for (const value of neighbour.values()) bestNeighbour = Math.max(bestNeighbour, value);

  const popular = popularityIndex(datasets.popularity, catalog);
  const posterior = o.tasteModel === 'posterior';
  const affinity = posterior ? posteriorTaste(history, datasets.affinity, catalog, popular.genreViews, o) : blendedAffinity(history, datasets.affinity, catalog, o);
  let affinityTotal = 0;
  for (const value of affinity.values()) affinityTotal += value;

  // Every candidate once, with what the terms need (one pass of map lookups: this runs per page view).
  const candidates = new Map<string, Candidate>();
  const consider = (titleId: string): void => {
    if (candidates.has(titleId)) return;
    const title = catalog.byId.get(titleId);
    if (!title) return;
    const views = popular.linear.get(titleId) ?? 0;
    let choice = 0;
    let best = 0;
    let sum = 0;
    for (const genre of title.genres) {
      const value = affinity.get(genre) ?? 0;
      const total = popular.genreViews.get(genre) ?? 0;
      if (total > 0 && affinityTotal > 0) choice += (value / affinityTotal) * (views / total);
      best = Math.max(best, value);
      sum += value;
    }
    candidates.set(titleId, { titleId, views, choice, taste: title.genres.length > 0 ? 0.7 * best + 0.3 * (sum / title.genres.length) : 0, neighbour: neighbour.get(titleId) ?? 0 });
  };
  for (const titleId of neighbour.keys()) consider(titleId);
  for (let i = 0; i < datasets.popularity.length && i < o.popularPool; i++) consider(datasets.popularity[i]!.titleId);
  const liked = [...affinity].sort((a, b) => b[1] - a[1] || byId(a[0], b[0])).slice(0, o.likedGenres);
  for (const [genre] of liked) {
    const list = popular.byGenre.get(genre) ?? [];
    for (let i = 0; i < list.length && i < o.genrePool; i++) consider(list[i]!);
  }

  // Genre choice, relative to the best candidate. Posterior: P(pick c) = (1 − mix) × Σ_genre share(genre)
  // × views(c) ÷ views(genre) + mix × views(c) ÷ all views (views held relative to the top title's).
  let bestChoice = 0;
  for (const c of candidates.values()) {
    if (posterior) c.choice = popular.topViews * ((1 - o.popularityMix) * c.choice + (o.popularityMix * c.views) / Math.max(popular.totalViews, 1e-12));
    bestChoice = Math.max(bestChoice, c.choice);
  }

  const out: ScoredTitle[] = [];
  for (const c of candidates.values()) {
    if (excluded.has(c.titleId)) continue;
    const score =
      o.neighbourWeight * (bestNeighbour > 0 ? c.neighbour / bestNeighbour : 0) +
      o.tasteWeight * c.taste +
      o.popularityWeight * (o.popularityWeight > 0 ? (popular.score.get(c.titleId) ?? 0) : 0) +
      o.tastePopularityWeight * c.taste * c.views +
      (o.genreChoiceWeight > 0 && bestChoice > 0 ? (o.genreChoiceWeight * c.choice) / bestChoice : 0);
    out.push({ titleId: c.titleId, score: Math.round(score * 1e6) / 1e6 });
  }
  out.sort((a, b) => b.score - a.score || byId(a.titleId, b.titleId));
  return out.slice(0, o.limit);
}

interface Candidate {
  titleId: string;
  /** Views relative to the top title's. */
  views: number;
  /** Genre-choice mass (posterior: the pick probability once scaled). */
  choice: number;
  taste: number;
  neighbour: number;
}

// Code-unit order: a stable tie-break, much cheaper than localeCompare on every comparison.
const byId = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
