import type { CatalogSnapshot } from '../../catalog/snapshot.js';
import type { WatchedTitle } from './inputs.js';

/** History entries read as taste seeds (newest first); older ones add little and cost time. */
export const SEED_DEPTH = 20;
/** Each older seed counts this much less than the one after it. */
const RECENCY_DECAY = 0.85;

/** How much a history entry says about taste: finished counts fully, a sampled title a little. */
export function seedWeight(entry: WatchedTitle, rank: number): number {
  const share = entry.durationSec > 0 ? Math.min(1, entry.positionSec / entry.durationSec) : 0;
  const engagement = entry.completed ? 1 : 0.2 + 0.6 * share;
  return engagement * RECENCY_DECAY ** rank;
}

/**
 * Genre affinity in [0, 1]: the published per-profile figures blended with the profile's latest
 * history read online, so a genre just binged counts before the next job run.
 */
export function genreAffinity(
  snapshot: CatalogSnapshot,
  history: readonly WatchedTitle[],
  published: Readonly<Record<string, number>> | undefined,
): Map<string, number> {
  const online = new Map<string, number>();
  let max = 0;
  const depth = Math.min(history.length, SEED_DEPTH);
  for (let rank = 0; rank < depth; rank++) {
    const entry = history[rank]!;
    const title = snapshot.byId.get(entry.titleId);
    if (!title) continue;
    const weight = seedWeight(entry, rank);
    for (const genre of title.genres) {
      const value = (online.get(genre) ?? 0) + weight;
      online.set(genre, value);
      if (value > max) max = value;
    }
  }
  const out = new Map<string, number>();
  const onlineShare = published ? 0.5 : 1;
  if (published) for (const [genre, value] of Object.entries(published)) out.set(genre, (1 - onlineShare) * value);
  if (max > 0) for (const [genre, value] of online) out.set(genre, (out.get(genre) ?? 0) + (onlineShare * value) / max);
  return out;
}
