import { demoCatalog } from './demo/generate.js';
import type { CatalogService } from './service.js';

/** Loads the generated demo catalog; returns how many titles were written (0 when not empty and not forced). */
export async function seedDemoCatalog(catalog: CatalogService, options: { force?: boolean; now?: Date } = {}): Promise<number> {
  const view = await catalog.refresh();
  if (view.snapshot.titles.length > 0 && !options.force) return 0;
  const { genres, titles } = demoCatalog(options.now ?? new Date());
  return catalog.importCatalog(genres, titles);
}
