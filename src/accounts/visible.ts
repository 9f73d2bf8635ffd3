import type { Title, Viewer } from '../catalog/model.js';
import type { CatalogService } from '../catalog/service.js';
import { availabilityHorizon, isVisible, type CatalogSnapshot } from '../catalog/snapshot.js';
import { AppError } from '../errors.js';

/**
 * A memoised filter result holds until the next availability window of the viewer's country opens
 * or closes, and at most this long (a bound, not a correctness rule).
 */
const MAX_MEMO_MS = 60 * 60_000;

interface Memo {
  snapshot: CatalogSnapshot;
  level: number;
  country: string | undefined;
  until: number;
  result: readonly unknown[];
}

/**
 * Looks titles up in the catalog's current snapshot through the viewer's filters, so personal
 * state never shows a profile a title it could not open (maturity ceiling, country).
 */
export class VisibleTitles {
  private readonly memo = new WeakMap<readonly object[], Memo>();

  constructor(
    private readonly catalog: CatalogService,
    private readonly now: () => Date,
  ) {}

  /** The title when this viewer may see it, otherwise undefined (unknown, too mature, or not in the country). */
  find(viewer: Viewer, titleId: string): Title | undefined {
    const title = this.catalog.view().snapshot.byId.get(titleId);
    return title && isVisible(title, viewer, this.now()) ? title : undefined;
  }

  /** Like `find`, but a hidden title is TITLE_NOT_FOUND, the same answer as an unknown one. */
  require(viewer: Viewer, titleId: string): Title {
    const title = this.find(viewer, titleId);
    if (!title) throw new AppError('TITLE_NOT_FOUND', undefined, { id: titleId });
    return title;
  }

  /**
   * `filter` for an immutable array that is read again and again (a cached My List or history): the
   * result is kept against the array itself, per snapshot and viewer, until MAX_MEMO_MS or the next
   * availability change.
   */
  filterMemo<T extends { titleId: string }>(viewer: Viewer, items: readonly T[]): readonly (T & { title: Title })[] {
    const snapshot = this.catalog.view().snapshot;
    const at = this.now().getTime();
    const hit = this.memo.get(items);
    if (hit && hit.snapshot === snapshot && hit.level === viewer.maxMaturityLevel && hit.country === viewer.country && hit.until > at) {
      return hit.result as readonly (T & { title: Title })[];
    }
    const result = this.filter(viewer, items);
    this.memo.set(items, { snapshot, level: viewer.maxMaturityLevel, country: viewer.country, until: Math.min(at + MAX_MEMO_MS, availabilityHorizon(snapshot, viewer.country, at)), result });
    return result;
  }

  /** Keeps the items whose title the viewer may see, paired with the title. */
  filter<T extends { titleId: string }>(viewer: Viewer, items: readonly T[]): (T & { title: Title })[] {
    const snapshot = this.catalog.view().snapshot;
    const now = this.now();
    const out: (T & { title: Title })[] = [];
    for (const item of items) {
      const title = snapshot.byId.get(item.titleId);
      if (title && isVisible(title, viewer, now)) out.push({ ...item, title });
    }
    return out;
  }
}
