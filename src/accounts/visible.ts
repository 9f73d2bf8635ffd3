import type { Title, Viewer } from '../catalog/model.js';
import type { CatalogService } from '../catalog/service.js';
import { availabilityHorizon, isVisible, type CatalogSnapshot } from '../catalog/snapshot.js';
import { AppError } from '../errors.js';

/**
 * Looks titles up in the catalog's current snapshot through the viewer's filters, so personal
 * state never shows a profile a title it could not open (maturity ceiling, country).
 */
export class VisibleTitles {
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
   * The snapshot filters read now, and until when (ms since epoch) their answers for the viewer's
   * country hold: the next availability window to open or close there.
   */
  validity(viewer: Viewer, at: number): { snapshot: CatalogSnapshot; until: number } {
    const snapshot = this.catalog.view().snapshot;
    return { snapshot, until: availabilityHorizon(snapshot, viewer.country, at) };
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
