import type { Title } from '../../catalog/model.js';
import type { CatalogSnapshot } from '../../catalog/snapshot.js';
import type { ScoredTitle } from '../datasets.js';

/** Candidates read per genre of the seed title (most popular first). */
const PER_GENRE = 300;
const KEEP = 50;

function castOf(title: Title): Set<string> {
  return new Set(title.people.filter((p) => p.role === 'actor' || p.role === 'director' || p.role === 'creator').map((p) => p.name));
}

/**
 * Neighbours of a title from its content alone (shared genres by Jaccard, shared cast and directors,
 * a little popularity to break ties): the fallback when no similar dataset holds the title.
 */
export function contentNeighbours(snapshot: CatalogSnapshot, seed: Title): ScoredTitle[] {
  const genres = new Set(seed.genres);
  const cast = castOf(seed);
  const seen = new Set<string>([seed.id]);
  const scored: ScoredTitle[] = [];
  for (const genre of seed.genres) {
    const titles = snapshot.byGenre.get(genre) ?? [];
    for (let i = 0; i < titles.length && i < PER_GENRE; i++) {
      const other = titles[i]!;
      if (seen.has(other.id)) continue;
      seen.add(other.id);
      let shared = 0;
      for (const g of other.genres) if (genres.has(g)) shared++;
      const jaccard = shared / (genres.size + other.genres.length - shared);
      let sharedCast = 0;
      for (const person of other.people) if (cast.has(person.name)) sharedCast++;
      scored.push({ titleId: other.id, score: jaccard + 0.25 * Math.min(sharedCast, 4) + 0.05 * other.popularity });
    }
  }
  scored.sort((a, b) => b.score - a.score || a.titleId.localeCompare(b.titleId));
  return scored.slice(0, KEEP);
}

/** contentNeighbours memoised per snapshot (titles are immutable within one). */
export class ContentSimilarity {
  private snapshot: CatalogSnapshot | undefined;
  private memo = new Map<string, ScoredTitle[]>();

  neighbours(snapshot: CatalogSnapshot, seed: Title): ScoredTitle[] {
    if (snapshot !== this.snapshot || this.memo.size > 20_000) {
      this.snapshot = snapshot;
      this.memo = new Map();
    }
    let list = this.memo.get(seed.id);
    if (!list) this.memo.set(seed.id, (list = contentNeighbours(snapshot, seed)));
    return list;
  }
}
