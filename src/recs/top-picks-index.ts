import type { Title } from '../catalog/model.js';
import type { CommunitiesDataset, ScoredTitle } from './datasets.js';

/** What Top Picks reads of the catalog (a CatalogSnapshot fits). */
export interface TopPicksCatalog {
  readonly byId: ReadonlyMap<string, Title>;
}

/**
 * Per popularity list and catalog: views, genres and scratch space in arrays indexed by a title's
 * slot, so scoring a page's few hundred candidates is array reads rather than string-keyed lookups.
 */
export interface PopularityIndex {
  /** Genre → views of all its titles (in popularity order, as the posterior's prior reads it). */
  genreViews: Map<string, number>;
  topViews: number;
  totalViews: number;
  /** Catalog title id → slot; the arrays below are indexed by slot. */
  slot: Map<string, number>;
  titles: Title[];
  /** Log-scaled views in [0, 1]. */
  score: Float64Array;
  /** Views ÷ the top title's views. */
  linear: Float64Array;
  /** Each title's genres as genre slots (same order as `title.genres`): slot i's are genreFlat[genreStart[i] .. genreStart[i + 1]). */
  genreStart: Int32Array;
  genreFlat: Int32Array;
  /** The popularity list as slots (catalog titles only), and each genre's titles by views as slots. */
  popularSlots: Int32Array;
  /** popularKept[n]: how many of the popularity list's first n titles are in the catalog (in popularSlots). */
  popularKept: Int32Array;
  byGenreSlots: Map<string, Int32Array>;
  /** Genre id → genre slot, over every genre of a catalog title. */
  genreSlot: Map<string, number>;
  /** Views of all a genre's titles, by genre slot (0 without views). */
  genreTotal: Float64Array;
  // Scratch for one call at a time (topPicksFor is synchronous): reset to zero after use.
  neighbour: Float64Array;
  /** 1: a candidate already; 2: excluded (history). */
  mark: Uint8Array;
  affinity: Float64Array;
  /** A neighbour list's titles as slots (-1: not in the catalog), resolved once per published list. */
  neighbourSlots: WeakMap<readonly ScoredTitle[], Int32Array>;
}

// Per popularity list: built once per published version, shared by every profile.
const indexes = new WeakMap<readonly ScoredTitle[], WeakMap<TopPicksCatalog, PopularityIndex>>();

export function popularityIndex(popularity: readonly ScoredTitle[], catalog: TopPicksCatalog): PopularityIndex {
  let byCatalog = indexes.get(popularity);
  if (!byCatalog) indexes.set(popularity, (byCatalog = new WeakMap()));
  let index = byCatalog.get(catalog);
  if (index) return index;
  const titles = [...catalog.byId.values()];
  const slot = new Map<string, number>();
  const genreSlot = new Map<string, number>();
  titles.forEach((title, i) => {
    slot.set(title.id, i);
    for (const genre of title.genres) if (!genreSlot.has(genre)) genreSlot.set(genre, genreSlot.size);
  });
  const top = Math.log1p(Math.max(0, popularity[0]?.score ?? 0));
  const topViews = Math.max(0, popularity[0]?.score ?? 0);
  let totalViews = 0;
  for (const item of popularity) totalViews += Math.max(0, item.score);
  index = {
    genreViews: new Map(),
    topViews,
    totalViews,
    slot,
    titles,
    score: new Float64Array(titles.length),
    linear: new Float64Array(titles.length),
    genreStart: new Int32Array(titles.length + 1),
    genreFlat: Int32Array.from(titles.flatMap((title) => title.genres.map((genre) => genreSlot.get(genre)!))),
    popularSlots: Int32Array.from(popularity.flatMap((item) => (slot.has(item.titleId) ? [slot.get(item.titleId)!] : []))),
    popularKept: new Int32Array(popularity.length + 1),
    byGenreSlots: new Map(),
    genreSlot,
    genreTotal: new Float64Array(genreSlot.size),
    neighbour: new Float64Array(titles.length),
    mark: new Uint8Array(titles.length),
    affinity: new Float64Array(genreSlot.size),
    neighbourSlots: new WeakMap(),
  };
  const byGenre = new Map<string, number[]>();
  for (const item of popularity) {
    const at = slot.get(item.titleId);
    if (at === undefined) continue; // no longer in the catalog: no genres, never a candidate
    index.score[at] = top > 0 ? Math.log1p(Math.max(0, item.score)) / top : 0;
    index.linear[at] = topViews > 0 ? Math.max(0, item.score) / topViews : 0;
    for (const genre of titles[at]!.genres) {
      let list = byGenre.get(genre);
      if (!list) byGenre.set(genre, (list = []));
      list.push(at);
      index.genreViews.set(genre, (index.genreViews.get(genre) ?? 0) + Math.max(0, item.score));
    }
  }
  for (const [genre, views] of index.genreViews) index.genreTotal[genreSlot.get(genre)!] = views;
  titles.forEach((title, i) => (index!.genreStart[i + 1] = index!.genreStart[i]! + title.genres.length));
  popularity.forEach((item, i) => (index!.popularKept[i + 1] = index!.popularKept[i]! + (slot.has(item.titleId) ? 1 : 0)));
  for (const [genre, list] of byGenre) index.byGenreSlots.set(genre, Int32Array.from(list));
  byCatalog.set(catalog, index);
  return index;
}

/** Per communities dataset and popularity index: each title's community and share, by slot. */
export interface CommunityIndex {
  /** Community number of each slot (-1: none). */
  of: Int32Array;
  /** The slot's share of its community's plays. */
  share: Float64Array;
  /** Each community's members as slots, most played first. */
  members: Int32Array[];
  /** Scratch for one call: the profile's weight on each community; reset to zero after use. */
  weight: Float64Array;
}

const communityIndexes = new WeakMap<CommunitiesDataset, WeakMap<PopularityIndex, CommunityIndex>>();

export function communityIndex(communities: CommunitiesDataset, index: PopularityIndex): CommunityIndex {
  let byIndex = communityIndexes.get(communities);
  if (!byIndex) communityIndexes.set(communities, (byIndex = new WeakMap()));
  let out = byIndex.get(index);
  if (out) return out;
  const lists = Object.values(communities);
  out = { of: new Int32Array(index.titles.length).fill(-1), share: new Float64Array(index.titles.length), members: [], weight: new Float64Array(lists.length) };
  lists.forEach((list, community) => {
    const members: number[] = [];
    for (const { titleId, score } of list) {
      const at = index.slot.get(titleId);
      if (at === undefined || out!.of[at]! >= 0) continue; // not in the catalog, or already placed
      out!.of[at] = community;
      out!.share[at] = Math.max(0, score);
      members.push(at);
    }
    out!.members.push(Int32Array.from(members));
  });
  byIndex.set(index, out);
  return out;
}
