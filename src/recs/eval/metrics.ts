/**
 * Ranking metrics for leave-one-out evaluation: one relevant item (the held-out title) per profile.
 * recall@k = 1 when it is among the first k, else 0; NDCG@k = 1 / log2(rank + 1) at its 1-based
 * rank within k (the ideal DCG of a single relevant item is 1), else 0. Averaged over profiles.
 */
export function hitRank(ranked: readonly string[], heldOut: string, k: number): number | undefined {
  const index = ranked.slice(0, k).indexOf(heldOut);
  return index === -1 ? undefined : index + 1;
}

export function recallAtK(ranked: readonly string[], heldOut: string, k: number): number {
  return hitRank(ranked, heldOut, k) === undefined ? 0 : 1;
}

export function ndcgAtK(ranked: readonly string[], heldOut: string, k: number): number {
  const rank = hitRank(ranked, heldOut, k);
  return rank === undefined ? 0 : 1 / Math.log2(rank + 1);
}

/** Running means of recall@k and NDCG@k over profiles. */
export class MetricMeans {
  private n = 0;
  private recall = 0;
  private ndcg = 0;

  constructor(private readonly k: number) {}

  add(ranked: readonly string[], heldOut: string): void {
    this.n++;
    this.recall += recallAtK(ranked, heldOut, this.k);
    this.ndcg += ndcgAtK(ranked, heldOut, this.k);
  }

  result(): { recall: number; ndcg: number } {
    return this.n === 0 ? { recall: 0, ndcg: 0 } : { recall: this.recall / this.n, ndcg: this.ndcg / this.n };
  }
}
