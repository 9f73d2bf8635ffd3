import { num } from './dialect.js';

export interface AffinityOptions {
  /** A title's weight halves every this many days since it was last watched. */
  halfLifeDays: number;
}

export const DEFAULT_AFFINITY: AffinityOptions = { halfLifeDays: 30 };

/**
 * `(profile_id, genre_id, score)`: per-profile genre affinity in [0, 1]. Each title the profile
 * played weighs 1 when completed, else the share of its runtime watched (at most 1), decayed by how
 * long ago it was last watched; a genre sums its titles' weights; the profile's top genre is 1.
 */
export function affinitySql(o: AffinityOptions = DEFAULT_AFFINITY): string {
  return `WITH weighted AS (
  SELECT profile_id, title_id,
    (CASE WHEN completed = 1 THEN 1.0 ELSE LEAST(1.0, watch_sec / runtime_sec) END) * POWER(0.5, age_hours / ${num(o.halfLifeDays * 24)}) AS weight
  FROM recs_engagement WHERE watch_sec > 0 OR completed = 1
),
per_genre AS (
  SELECT w.profile_id, g.genre_id, SUM(w.weight) AS weight
  FROM weighted w JOIN recs_title_genres g ON g.title_id = w.title_id
  GROUP BY w.profile_id, g.genre_id
),
normalised AS (
  SELECT profile_id, genre_id, weight / MAX(weight) OVER (PARTITION BY profile_id) AS score FROM per_genre
)
SELECT profile_id, genre_id, ROUND(score, 4) AS score FROM normalised WHERE score > 0 ORDER BY profile_id, score DESC, genre_id`;
}
