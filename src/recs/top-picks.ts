import type { Title } from '../catalog/model.js';
import type { CommunitiesDataset, ScoredTitle, SimilarDataset } from './datasets.js';
import { communityIndex, popularityIndex, type TopPicksCatalog } from './top-picks-index.js';

export type { TopPicksCatalog } from './top-picks-index.js';

/**
 * Top Picks for one profile, from the published datasets and its latest history: a pure function
 * shared by the online home page (src/recs/home/) and the offline evaluation (src/recs/eval/), so the
 * figures `marquee recs eval` reports are those of what the page shows.
 *
 * score(c) = choice × C(c) + neighbours × N(c) + taste × A(c) (+ popularity × P(c)), each in [0, 1]:
 * - C(c): the chance the profile picks c next (docs/RECOMMENDATIONS.md). `posterior` model: a genre
 *   by the profile's genre shares (a prior spread like the population's views plus the history's
 *   plays), then a title of it by views, or with a small share any title by views; mixed with a
 *   taste community (the published communities) by the history's plays in each, then a title of it
 *   by its share of the community's plays; relative to the best candidate. The older `blend` model
 *   normalises affinity to the top genre instead;
 * - N(c): similarity of c to the history's titles (published neighbours), weighted by how recent
 *   and how fully each was watched, relative to the best candidate: reaches titles with no views yet;
 * - A(c): the profile's share for c's genres, best genre plus a part of the mean;
 * - P(c): log-scaled views over 7 days (off by default).
 * Candidates: the seeds' neighbours, the most viewed titles, the most viewed of the liked genres, and
 * the most played of the history's communities.
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
  /** Taste communities; empty or absent (a version published before them): no community term. */
  communities?: CommunitiesDataset;
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
  /**
   * Share of the next pick explained by taste communities rather than genres: P(c) = (1 − mix) ×
   * genre choice + mix × Σ_community weight(community) × share of c in it.
   */
  communityMix: number;
  /** The communities' weight in all: the history's plays in them ÷ (this many pseudo-plays + all its plays). */
  communityPrior: number;
  /**
   * Shared among the history's communities by plays in each to this power: above 1, a community
   * played twice counts more than twice one played once, since a single play is often a genre pick
   * that happened to land there, and a second one rarely is.
   */
  communityPower: number;
  /** The most played titles of each of the history's communities considered as candidates. */
  communityPool: number;
}

// Tuned with the leave-last-out evaluation on the simulator's population (docs/RECOMMENDATIONS.md),
// on another seed than the one reported (bench/tune-top-picks.ts): the posterior genre-choice model
// beats the blend (whose additive taste term ranked popular off-taste titles too high); taste
// communities carry most of what genres miss; co-watching neighbours add a little on top. The 20
// latest titles count alike (no decay): tastes drift over months, not over a member's last few titles.
export const DEFAULT_TOP_PICKS: TopPicksOptions = {
  limit: 40,
  seedDepth: 20,
  recencyDecay: 1,
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
  tastePrior: 0.5,
  sampledPlayWeight: 0.5,
  popularityMix: 0.15,
  communityMix: 0.45,
  communityPrior: 3,
  communityPower: 2,
  communityPool: 20,
};

/** How much a history entry says about taste: finished counts fully, a sampled title a little. */
function engagement(entry: HistoryEntry): number {
  if (entry.completed) return 1;
  const share = entry.durationSec && entry.durationSec > 0 ? Math.min(1, (entry.positionSec ?? 0) / entry.durationSec) : 0;
  return 0.2 + 0.6 * share;
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
  const index = popularityIndex(datasets.popularity, catalog);
  const { slot, titles, linear, genreStart, genreFlat, genreTotal, neighbour, mark } = index;
  // Slots written in the scratch arrays, to reset them at the end.
  const touched: number[] = [];
  const candidates: number[] = [];
  const communities = datasets.communities && o.communityMix > 0 ? communityIndex(datasets.communities, index) : undefined;
  // Communities given a weight in the scratch array, to reset it at the end.
  const weighted: number[] = [];
  try {
    // Similarity to the history, by slot; neighbours unknown to the catalog still set the scale.
    let unknown: Map<string, number> | undefined;
    const { seedDepth, recencyDecay } = o;
    for (let rank = 0; rank < history.length && rank < seedDepth; rank++) {
      const entry = history[rank]!;
      const weight = engagement(entry) * recencyDecay ** rank;
      const list = neighboursOf(datasets.similar, entry.titleId);
      let slots = index.neighbourSlots.get(list);
      if (!slots) index.neighbourSlots.set(list, (slots = Int32Array.from(list, (n) => slot.get(n.titleId) ?? -1)));
      for (let i = 0; i < list.length; i++) {
        const n = list[i]!;
        const at = slots[i]!;
        if (at < 0) {
          unknown ??= new Map();
          unknown.set(n.titleId, (unknown.get(n.titleId) ?? 0) + weight * n.score);
          continue;
        }
        if (neighbour[at] === 0) touched.push(at);
        neighbour[at] = neighbour[at]! + weight * n.score;
        if (mark[at] === 0) {
          mark[at] = 1;
          candidates.push(at);
        }
      }
    }
    let bestNeighbour = 0;
    for (const at of touched) bestNeighbour = Math.max(bestNeighbour, neighbour[at]!);
    if (unknown) for (const value of unknown.values()) bestNeighbour = Math.max(bestNeighbour, value);

    const posterior = o.tasteModel === 'posterior';
    const affinity = posterior ? posteriorTaste(history, datasets.affinity, catalog, index.genreViews, o) : blendedAffinity(history, datasets.affinity, catalog, o);
    let affinityTotal = 0;
    for (const [genre, value] of affinity) {
      affinityTotal += value;
      const at = index.genreSlot.get(genre);
      if (at !== undefined) index.affinity[at] = value;
    }

    const consider = (list: Int32Array, count: number): void => {
      for (let i = 0; i < list.length && i < count; i++) {
        const at = list[i]!;
        if (mark[at] === 0) {
          mark[at] = 1;
          candidates.push(at);
        }
      }
    };
    consider(index.popularSlots, index.popularKept[Math.min(o.popularPool, datasets.popularity.length)]!);
    const liked = [...affinity].sort((a, b) => b[1] - a[1] || byId(a[0], b[0])).slice(0, o.likedGenres);
    for (const [genre] of liked) {
      const list = index.byGenreSlots.get(genre);
      if (list) consider(list, o.genrePool);
    }

    // Taste communities: the history's plays in each (recency-decayed) to the power `communityPower`
    // share the mass plays in communities ÷ (prior + all plays).
    if (communities) {
      let evidence = 0;
      for (let rank = 0; rank < history.length && rank < seedDepth; rank++) {
        const at = slot.get(history[rank]!.titleId);
        const weight = recencyDecay ** rank;
        evidence += weight;
        const community = at === undefined ? -1 : communities.of[at]!;
        if (community < 0) continue;
        if (communities.weight[community] === 0) weighted.push(community);
        communities.weight[community] = communities.weight[community]! + weight;
      }
      let inCommunities = 0;
      let powered = 0;
      for (const community of weighted) {
        inCommunities += communities.weight[community]!;
        powered += communities.weight[community]! ** o.communityPower;
      }
      const mass = inCommunities / (o.communityPrior + evidence);
      for (const community of weighted) {
        communities.weight[community] = (mass * communities.weight[community]! ** o.communityPower) / powered;
        consider(communities.members[community]!, o.communityPool);
      }
    }

    // Genre choice per candidate. Posterior: P(pick c) = (1 − mix) × Σ_genre share(genre) × views(c)
    // ÷ views(genre) + mix × views(c) ÷ all views (views held relative to the top title's).
    const { popularityMix } = o;
    const { topViews, totalViews } = index;
    const affinityBySlot = index.affinity;
    const choice = new Float64Array(candidates.length);
    const taste = new Float64Array(candidates.length);
    let bestChoice = 0;
    for (let k = 0; k < candidates.length; k++) {
      const at = candidates[k]!;
      const views = linear[at]!;
      const from = genreStart[at]!;
      const to = genreStart[at + 1]!;
      let c = 0;
      let best = 0;
      let sum = 0;
      for (let g = from; g < to; g++) {
        const genre = genreFlat[g]!;
        const value = affinityBySlot[genre]!;
        const total = genreTotal[genre]!;
        if (total > 0 && affinityTotal > 0) c += (value / affinityTotal) * (views / total);
        best = Math.max(best, value);
        sum += value;
      }
      if (posterior) c = topViews * ((1 - popularityMix) * c + (popularityMix * views) / Math.max(totalViews, 1e-12));
      if (communities && weighted.length > 0) {
        const community = communities.of[at]!;
        c = (1 - o.communityMix) * c + (community >= 0 ? o.communityMix * communities.weight[community]! * communities.share[at]! : 0);
      }
      choice[k] = c;
      taste[k] = to > from ? 0.7 * best + 0.3 * (sum / (to - from)) : 0;
      bestChoice = Math.max(bestChoice, c);
    }

    for (const entry of history) {
      if (!o.excludeHistory && entry.completed) continue;
      const at = slot.get(entry.titleId);
      if (at !== undefined) mark[at] = 2;
    }
    // Options as locals: `o` is a fresh object per call, so its loads in the loop would not be inline-cached.
    const { neighbourWeight, tasteWeight, popularityWeight, tastePopularityWeight, genreChoiceWeight } = o;
    const scores = new Float64Array(candidates.length);
    for (let k = 0; k < candidates.length; k++) {
      const at = candidates[k]!;
      if (mark[at] === 2) {
        scores[k] = -1; // excluded (scores are never negative)
        continue;
      }
      const score =
        neighbourWeight * (bestNeighbour > 0 ? neighbour[at]! / bestNeighbour : 0) +
        tasteWeight * taste[k]! +
        popularityWeight * (popularityWeight > 0 ? index.score[at]! : 0) +
        tastePopularityWeight * taste[k]! * linear[at]! +
        (genreChoiceWeight > 0 && bestChoice > 0 ? (genreChoiceWeight * choice[k]!) / bestChoice : 0);
      scores[k] = Math.round(score * 1e6) / 1e6;
    }
    return best(candidates, scores, titles, o.limit);
  } finally {
    for (const at of touched) neighbour[at] = 0;
    for (const at of candidates) mark[at] = 0;
    for (const entry of history) {
      const at = slot.get(entry.titleId);
      if (at !== undefined) mark[at] = 0;
    }
    index.affinity.fill(0);
    if (communities) for (const community of weighted) communities.weight[community] = 0;
  }
}

/** The `limit` best scores (ties by id), kept sorted as they come rather than sorting every candidate. */
function best(candidates: readonly number[], scores: Float64Array, titles: readonly Title[], limit: number): ScoredTitle[] {
  const top: ScoredTitle[] = [];
  for (let k = 0; k < candidates.length; k++) {
    const score = scores[k]!;
    if (score < 0) continue;
    const titleId = titles[candidates[k]!]!.id;
    const last = top[top.length - 1];
    if (top.length >= limit && last && (score < last.score || (score === last.score && byId(titleId, last.titleId) > 0))) continue;
    let at = top.length;
    while (at > 0 && (top[at - 1]!.score < score || (top[at - 1]!.score === score && byId(top[at - 1]!.titleId, titleId) > 0))) at -= 1;
    top.splice(at, 0, { titleId, score });
    if (top.length > limit) top.pop();
  }
  return top;
}

// Code-unit order: a stable tie-break, much cheaper than localeCompare on every comparison.
const byId = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
