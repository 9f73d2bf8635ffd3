import { num } from './dialect.js';

/**
 * The input of the taste-communities job: which titles the same profiles play. Standard SQL over
 * `recs_engagement`; the clustering itself is src/recs/jobs/communities.ts.
 *
 * Every play counts, not only completed or substantial views: choosing a title says what the viewer
 * is drawn to even when they stop early, and it is several times the evidence of completions alone.
 */
export interface CommunityPairsOptions {
  /** A play counts once this many seconds were watched (drops accidental starts). */
  minWatchSec: number;
  /** Only a profile's most recent titles pair up (bounds the quadratic self-join). */
  maxItemsPerProfile: number;
  /** Pairs played by fewer profiles are dropped. */
  minCoPlayers: number;
  /**
   * Each title keeps its strongest pairs only (a pair stays when either title keeps it): most pairs
   * are one viewer's chance combination, and the clustering's cost grows with the pairs.
   */
  pairsPerTitle: number;
}

export const DEFAULT_COMMUNITY_PAIRS: CommunityPairsOptions = { minWatchSec: 60, maxItemsPerProfile: 50, minCoPlayers: 1, pairsPerTitle: 100 };

/** Builds `recs_cp_items`: (profile_id, title_id, n) with n the profile's titles kept. */
export function communityItemsSql(o: CommunityPairsOptions = DEFAULT_COMMUNITY_PAIRS): string {
  return `CREATE OR REPLACE TEMP TABLE recs_cp_items AS
SELECT profile_id, title_id, COUNT(*) OVER (PARTITION BY profile_id) AS n FROM (
  SELECT profile_id, title_id, ROW_NUMBER() OVER (PARTITION BY profile_id ORDER BY last_at DESC, title_id) AS rn
  FROM recs_engagement WHERE watch_sec >= ${num(o.minWatchSec)} OR completed = 1
) r WHERE rn <= ${num(o.maxItemsPerProfile)}`;
}

/**
 * `(a, b, weight)` with a < b: each profile that played both adds 1 ÷ (its titles − 1), so a profile
 * of n titles adds n ÷ 2 in all, in proportion to its titles rather than to their square (a heavy
 * viewer does not outweigh many light ones).
 */
export function communityPairsSql(o: CommunityPairsOptions = DEFAULT_COMMUNITY_PAIRS): string {
  return `WITH pairs AS (
  SELECT a.title_id AS a, b.title_id AS b, SUM(1.0 / (a.n - 1)) AS weight
  FROM recs_cp_items a JOIN recs_cp_items b ON b.profile_id = a.profile_id AND a.title_id < b.title_id
  GROUP BY a.title_id, b.title_id
  HAVING COUNT(*) >= ${num(o.minCoPlayers)}
),
both_ways AS (
  SELECT a, b, weight FROM pairs
  UNION ALL
  SELECT b AS a, a AS b, weight FROM pairs
),
ranked AS (
  SELECT a, b, weight, ROW_NUMBER() OVER (PARTITION BY a ORDER BY weight DESC, b) AS rn FROM both_ways
)
SELECT DISTINCT LEAST(a, b) AS a, GREATEST(a, b) AS b, ROUND(weight, 6) AS weight
FROM ranked WHERE rn <= ${num(o.pairsPerTitle)}
ORDER BY a, b`;
}

/** `(title_id, plays)`: profiles that played each title. */
export function communityPlaysSql(): string {
  return `SELECT title_id, COUNT(*) AS plays FROM recs_cp_items GROUP BY title_id ORDER BY title_id`;
}
