import type { Title } from '../../catalog/model.js';
import type { CatalogSnapshot } from '../../catalog/snapshot.js';
import type { ScoredTitle } from '../datasets.js';
import type { LoadedDatasets } from '../store/dataset-store.js';
import { arrangeRows, FIRST_VISIBLE, type HomeRow, type RowItem } from './arrange.js';
import type { HomeInputs, WatchedTitle } from './inputs.js';
import { SharedLists, type SharedList } from './shared-rows.js';
import { genreAffinity } from './signals.js';
import { topPicksFor } from '../top-picks.js';

const NOTHING: ReadonlySet<string> = new Set();
/** Because You Watched rows for at most this many of the latest titles. */
const MAX_BYW = 3;
const MAX_GENRE_ROWS = 8;
const TOP10_SIZE = 10;
/** A title counts as watched (a BYW seed) when finished or a quarter of it played. */
const WATCHED_SHARE = 0.25;

export type DegradedReason = 'datasets_missing' | 'datasets_stale';

export interface HomeRequest {
  snapshot: CatalogSnapshot;
  /** The viewer's maturity and availability filter. */
  visible: (title: Title) => boolean;
  country: string | undefined;
  profile: { id: string; name: string };
  inputs: HomeInputs;
  /** The held datasets; undefined or `degraded` set → the page is built from catalog popularity. */
  datasets: LoadedDatasets | undefined;
  degraded: DegradedReason | undefined;
  /** Titles per row (≤ MAX_ROW_SIZE). */
  size: number;
  /** Neighbours of a title by content, when the similar dataset is absent or lacks it. */
  contentNeighbours: (title: Title) => readonly ScoredTitle[];
  /**
   * The viewer class's shared lists (memoised by the caller across pages), built from `datasets`
   * unless degraded; built here when absent.
   */
  shared?: SharedLists;
}

export interface HomePage {
  rows: HomeRow[];
  datasetVersion: string | null;
  /** Why the page is not fully personal: the datasets' state, or (set by the home service) unreadable history. */
  degraded?: { reason: DegradedReason | 'history_unavailable' };
}

const regionNames = new Intl.DisplayNames(['en'], { type: 'region' });
const countryNames = new Map<string, string>();
function countryName(country: string): string {
  let name = countryNames.get(country);
  if (name === undefined) {
    try {
      name = regionNames.of(country) ?? country;
    } catch {
      name = country; // not a region code Intl knows
    }
    if (countryNames.size < 1_000) countryNames.set(country, name);
  }
  return name;
}

/** Gathers up to `size` visible titles in order, finished ones demoted behind the others. */
class Collector {
  private readonly fresh: RowItem[] = [];
  private readonly seen: RowItem[] = [];
  private readonly ids = new Set<string>();

  constructor(
    private readonly request: HomeRequest,
    private readonly finished: ReadonlySet<string>,
  ) {}

  get full(): boolean {
    return this.fresh.length >= this.request.size;
  }

  add(title: Title | undefined): void {
    if (!title || this.full || this.ids.has(title.id) || !this.request.visible(title)) return;
    this.ids.add(title.id);
    (this.finished.has(title.id) ? this.seen : this.fresh).push({ title });
  }

  scored(list: readonly ScoredTitle[] | undefined): this {
    const byId = this.request.snapshot.byId;
    if (list) for (let i = 0; i < list.length && !this.full; i++) this.add(byId.get(list[i]!.titleId));
    return this;
  }

  titles(list: readonly (Title | undefined)[] | undefined): this {
    if (list) for (let i = 0; i < list.length && !this.full; i++) this.add(list[i]);
    return this;
  }

  items(): RowItem[] {
    const all = this.seen.length ? this.fresh.concat(this.seen) : this.fresh;
    return all.length > this.request.size ? all.slice(0, this.request.size) : all;
  }
}

/**
 * A row from a shared list: the shared (pre-rendered) items when none of its titles is finished by
 * this profile, otherwise collected afresh with finished titles demoted.
 */
function sharedRow(request: HomeRequest, list: SharedList | undefined, size: number, finished: ReadonlySet<string>): readonly RowItem[] {
  if (!list) return [];
  const first = list.first(size);
  let clean = true;
  for (let i = 0; i < first.length && clean; i++) {
    const id = first[i]!.title.id;
    if (finished.has(id)) clean = false;
  }
  if (clean) return first;
  const depth = size + finished.size;
  const collector = new Collector({ ...request, size }, finished);
  return depth <= list.titles.length || list.complete ? collector.titles(list.titles).items() : collector.titles(list.source).items();
}

function continueWatching(request: HomeRequest): HomeRow {
  const items: RowItem[] = [];
  for (const entry of request.inputs.history) {
    if (entry.completed || items.length >= request.size) continue;
    const title = request.snapshot.byId.get(entry.titleId);
    if (title && request.visible(title)) items.push({ title, progress: { positionSec: entry.positionSec, durationSec: entry.durationSec } });
  }
  return { id: 'continue-watching', title: 'Continue Watching', reason: 'continue_watching', fixed: true, items };
}

function watchedSeeds(history: readonly WatchedTitle[]): WatchedTitle[] {
  const seeds: WatchedTitle[] = [];
  for (const entry of history) {
    if (seeds.length >= MAX_BYW) break;
    if (entry.completed || (entry.durationSec > 0 && entry.positionSec / entry.durationSec >= WATCHED_SHARE)) seeds.push(entry);
  }
  return seeds;
}

/**
 * Builds a profile's home page: Continue Watching, Top Picks, Because You Watched (1–3), Trending Now,
 * Top 10 movies and shows in the country, New Releases, My List, then genre rows by affinity. Without
 * usable datasets the personalised rows give way to catalog popularity and the page says why.
 * Pure: everything it reads is in `request`.
 */
export function assembleHome(request: HomeRequest): HomePage {
  const { snapshot, inputs, profile } = request;
  const datasets = request.degraded ? undefined : request.datasets;
  const finished = new Set<string>();
  for (const entry of inputs.history) if (entry.completed) finished.add(entry.titleId);
  const affinity = genreAffinity(snapshot, inputs.history, datasets?.affinity.get(profile.id));
  const neighbours = (titleId: string): readonly ScoredTitle[] => {
    const published = datasets?.similar.get(titleId);
    if (published && published.length > 0) return published;
    const title = snapshot.byId.get(titleId);
    return title ? request.contentNeighbours(title) : [];
  };

  const shared = request.shared ?? new SharedLists(snapshot, request.visible, datasets, request.country);
  const rows: HomeRow[] = [continueWatching(request)];
  if (datasets) {
    const published = datasets.affinity.get(profile.id);
    // Shared with the offline evaluation, so its figures are those of this row. Finished titles stay
    // in (the row demotes them); titles in progress are left out (Continue Watching has them).
    const picks = topPicksFor(
      inputs.history,
      { similar: datasets.similar, popularity: datasets.popularity, communities: datasets.communities, ...(published ? { affinity: published } : {}) },
      snapshot,
      { limit: request.size + FIRST_VISIBLE, excludeHistory: false },
    );
    rows.push({
      id: 'top-picks',
      title: `Top Picks for ${profile.name}`,
      reason: inputs.history.length > 0 ? 'top_picks_history' : 'top_picks_popular',
      fixed: false,
      items: new Collector(request, finished).scored(picks).items(),
    });
  } else {
    rows.push({
      id: 'popular',
      title: 'Popular on Marquee',
      reason: 'popular',
      fixed: false,
      items: sharedRow(request, shared.popular, request.size, finished),
    });
  }
  for (const seed of watchedSeeds(inputs.history)) {
    const title = snapshot.byId.get(seed.titleId);
    if (!title) continue;
    rows.push({
      id: `because-you-watched:${title.id}`,
      title: `Because You Watched ${title.name}`,
      reason: 'because_you_watched',
      fixed: false,
      items: sharedRow(request, shared.becauseYouWatched(title, neighbours), request.size, finished),
    });
  }
  if (datasets) {
    rows.push({
      id: 'trending',
      title: 'Trending Now',
      reason: shared.trendingLocal ? 'trending_country' : 'trending_global',
      fixed: false,
      items: sharedRow(request, shared.trending, request.size, finished),
    });
    const where = request.country ? ` in ${countryName(request.country)}` : '';
    const ten = Math.min(TOP10_SIZE, request.size);
    // A ranking: finished titles keep their place.
    rows.push({ id: 'top10-movies', title: `Top 10 Movies${where}`, reason: 'top10', fixed: true, items: sharedRow(request, shared.top10Movies, ten, NOTHING) });
    rows.push({ id: 'top10-shows', title: `Top 10 Shows${where}`, reason: 'top10', fixed: true, items: sharedRow(request, shared.top10Shows, ten, NOTHING) });
  }
  rows.push({ id: 'new-releases', title: 'New Releases', reason: 'new_releases', fixed: false, items: sharedRow(request, shared.newest, request.size, finished) });
  const list = new Collector(request, new Set());
  for (const id of inputs.list) list.add(snapshot.byId.get(id));
  rows.push({ id: 'my-list', title: 'My List', reason: 'my_list', fixed: true, items: list.items() });

  const genres = snapshot.genres
    .map((genre, order) => ({ genre, score: affinity.get(genre.id) ?? 0, order }))
    .sort((a, b) => b.score - a.score || a.order - b.order)
    .slice(0, MAX_GENRE_ROWS);
  for (const { genre, score } of genres) {
    rows.push({
      id: `genre:${genre.id}`,
      title: genre.name,
      reason: score > 0 ? 'genre_affinity' : 'genre',
      fixed: false,
      items: sharedRow(request, shared.genre(genre.id), request.size, finished),
    });
  }

  return {
    rows: arrangeRows(rows, request.size),
    datasetVersion: request.datasets?.version ?? null,
    ...(request.degraded ? { degraded: { reason: request.degraded } } : {}),
  };
}
