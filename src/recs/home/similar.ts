import type { Title } from '../../catalog/model.js';
import type { CatalogSnapshot } from '../../catalog/snapshot.js';
import type { ScoredTitle } from '../datasets.js';
import type { LoadedDatasets } from '../store/dataset-store.js';

export interface SimilarResult {
  titles: Title[];
  /** Where the neighbours came from: the published similar dataset, or the title's content. */
  source: 'dataset' | 'content';
}

/**
 * More Like This: the title's published neighbours (co-watching blended with content by the jobs),
 * or its content neighbours when no dataset holds it; only titles the viewer may see.
 */
export function similarTitles(
  snapshot: CatalogSnapshot,
  seed: Title,
  datasets: LoadedDatasets | undefined,
  contentNeighbours: (title: Title) => readonly ScoredTitle[],
  visible: (title: Title) => boolean,
  limit: number,
): SimilarResult {
  const published = datasets?.similar.get(seed.id);
  const source = published && published.length > 0 ? 'dataset' : 'content';
  const list = source === 'dataset' ? published! : contentNeighbours(seed);
  const titles: Title[] = [];
  for (let i = 0; i < list.length && titles.length < limit; i++) {
    const title = snapshot.byId.get(list[i]!.titleId);
    if (title && title.id !== seed.id && visible(title)) titles.push(title);
  }
  return { titles, source };
}
