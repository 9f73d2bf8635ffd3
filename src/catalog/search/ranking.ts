/**
 * Ranking: text relevance blended with popularity.
 *
 *   final = text × (1 + POPULARITY_WEIGHT × popularity),   popularity ∈ [0, 1]
 *
 * `text` is MiniSearch's BM25 sum over matched words and fields (field boosts, typo and prefix
 * weights included). Multiplying keeps relevance first — a popular title can at most double its
 * score, so it cannot overtake a clearly better match — while equally relevant matches come out
 * most popular first. Ties fall back to the snapshot's order (popularity, then id), so results are
 * stable across pages.
 */
export const POPULARITY_WEIGHT = 1;

/** The final score of a text match (see the formula above). */
export function rankScore(textScore: number, popularity: number): number {
  return textScore * (1 + POPULARITY_WEIGHT * popularity);
}

/** A scored title, `rank` being its position in the snapshot (most popular first). */
export interface Ranked {
  readonly rank: number;
  readonly score: number;
}

/** Best first: higher score, then the snapshot's popularity order. */
export function compareRanked(a: Ranked, b: Ranked): number {
  return b.score - a.score || a.rank - b.rank;
}
