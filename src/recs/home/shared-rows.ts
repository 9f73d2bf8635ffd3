import type { Title } from '../../catalog/model.js';
import type { CatalogSnapshot } from '../../catalog/snapshot.js';
import { GLOBAL, type ScoredTitle } from '../datasets.js';
import type { LoadedDatasets } from '../store/dataset-store.js';
import { MAX_ROW_SIZE, type RowItem } from './arrange.js';

/**
 * Titles resolved per shared list: a full row even when the profile finished as many of its titles
 * as the home page reads of its history. Deeper needs fall back to the whole source list.
 */
const RESOLVED_DEPTH = MAX_ROW_SIZE + 60;
/** Because You Watched lists kept per class (one per seed title); past this they are gathered anew. */
const MAX_BYW_LISTS = 10_000;

/**
 * One row's titles as every viewer of a (maturity ceiling, country) sees them: visible, unique, in
 * order, resolved once and shared by every page of that class.
 */
export class SharedList {
  private readonly firsts = new Map<number, readonly RowItem[]>();

  constructor(
    /** The first RESOLVED_DEPTH visible titles (all of them when `complete`). */
    readonly titles: readonly Title[],
    /** The whole source, for a profile that needs deeper than `titles`. */
    readonly source: readonly (Title | undefined)[],
    readonly complete: boolean,
  ) {}

  static of(source: readonly (Title | undefined)[], visible: (title: Title) => boolean): SharedList {
    const titles: Title[] = [];
    const seen = new Set<string>();
    let i = 0;
    for (; i < source.length && titles.length < RESOLVED_DEPTH; i++) {
      const title = source[i];
      if (!title || seen.has(title.id) || !visible(title)) continue;
      seen.add(title.id);
      titles.push(title);
    }
    return new SharedList(titles, source, i >= source.length);
  }

  /**
   * The first `size` titles as row items: one frozen array per size shared by every page, so a row
   * nobody's history changes is neither rebuilt nor re-rendered (see render.ts).
   */
  first(size: number): readonly RowItem[] {
    let items = this.firsts.get(size);
    if (!items) this.firsts.set(size, (items = Object.freeze(this.titles.slice(0, size).map((title): RowItem => Object.freeze({ title })))));
    return items;
  }
}

const resolve = (snapshot: CatalogSnapshot, list: readonly ScoredTitle[] | undefined): (Title | undefined)[] => (list ?? []).map((item) => snapshot.byId.get(item.titleId));

/** The lists behind the rows every viewer of one class shares: trending, Top 10, new releases, popular, genres, Because You Watched. */
export class SharedLists {
  readonly trending: SharedList | undefined;
  /** Whether trending is the viewer's country's own list (rather than the global one). */
  readonly trendingLocal: boolean;
  readonly top10Movies: SharedList | undefined;
  readonly top10Shows: SharedList | undefined;
  readonly newest: SharedList;
  /** Catalog order: the degraded page's popularity row. */
  readonly popular: SharedList;
  private readonly genres = new Map<string, SharedList>();
  private readonly byw = new Map<string, SharedList>();

  constructor(
    private readonly snapshot: CatalogSnapshot,
    private readonly visible: (title: Title) => boolean,
    datasets: LoadedDatasets | undefined,
    country: string | undefined,
  ) {
    const where = country ?? GLOBAL;
    const trending = datasets?.trending.get(where);
    this.trendingLocal = trending !== undefined;
    this.trending = datasets && SharedList.of(resolve(snapshot, trending ?? datasets.trending.get(GLOBAL)), visible);
    const top10 = datasets && (datasets.top10.get(where) ?? datasets.top10.get(GLOBAL));
    this.top10Movies = datasets && SharedList.of(resolve(snapshot, top10?.movies), visible);
    this.top10Shows = datasets && SharedList.of(resolve(snapshot, top10?.shows), visible);
    this.newest = SharedList.of(snapshot.newest, visible);
    this.popular = SharedList.of(snapshot.titles, visible);
  }

  /**
   * Because You Watched `seed`: its neighbours without itself. `neighbours` must answer the same for
   * the life of these lists (it reads the same datasets and catalog snapshot).
   */
  becauseYouWatched(seed: Title, neighbours: (titleId: string) => readonly ScoredTitle[]): SharedList {
    let list = this.byw.get(seed.id);
    if (!list) {
      const source = resolve(this.snapshot, neighbours(seed.id)).map((title) => (title?.id === seed.id ? undefined : title));
      if (this.byw.size >= MAX_BYW_LISTS) this.byw.clear(); // a large catalog's seeds, over a long-lived memo
      this.byw.set(seed.id, (list = SharedList.of(source, this.visible)));
    }
    return list;
  }

  genre(id: string): SharedList {
    let list = this.genres.get(id);
    if (!list) this.genres.set(id, (list = SharedList.of(this.snapshot.byGenre.get(id) ?? [], this.visible)));
    return list;
  }
}
