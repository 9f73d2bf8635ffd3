import { DUCKDB, num, type SqlDialect } from './dialect.js';

/**
 * The shared inputs of every recommendation job, as pure SQL builders (the runner executes them):
 *
 * - `recs_titles`, `recs_title_genres`, `recs_title_people`: the catalog, loaded from the snapshot.
 * - `recs_events`: the lake's playback events inside the history window (partition-pruned by `dt`).
 * - `recs_sessions`: one row per playback session with its **watch time**.
 * - `recs_engagement`: one row per profile × title (all sessions and episodes together).
 *
 * **Watch time** of a playback session (docs/RECOMMENDATIONS.md): the furthest position reached
 * (heartbeat, pause and stop positions; a `complete` counts as the full runtime) minus the position
 * the session started at (`play_start`, else the first position seen), clamped to [0, runtime].
 * Runtime is the `durationSec` the player reported, else the catalog's runtime. It depends neither on
 * the heartbeat rate nor on every event arriving (a lost heartbeat costs nothing once a later one or
 * the stop lands); a forward seek counts as watched, which is the accepted over-count. A session is
 * **completed** on a `complete` event or a furthest position ≥ 95 % of the runtime (the progress
 * consumer's rule). Events without a playback session are grouped per profile, title, episode and day.
 */

export interface WindowOptions {
  /** The run's clock: only events received before it count, and ages are measured from it. */
  now: Date;
  /** How far back sessions are read (affinity and co-watching use all of it; charts 7 days at most). */
  historyDays: number;
}

/** Event types that carry playback positions. */
const PLAYBACK_TYPES = `('play_start', 'heartbeat', 'pause', 'resume', 'stop', 'complete')`;

export function createCatalogTablesSql(): string {
  return [
    'CREATE OR REPLACE TEMP TABLE recs_titles (title_id VARCHAR PRIMARY KEY, kind VARCHAR, runtime_sec DOUBLE, views_runtime_sec DOUBLE, popularity DOUBLE)',
    'CREATE OR REPLACE TEMP TABLE recs_title_genres (title_id VARCHAR, genre_id VARCHAR)',
    'CREATE OR REPLACE TEMP TABLE recs_title_people (title_id VARCHAR, person VARCHAR)',
  ].join(';\n');
}

/**
 * `recs_events` over `source` (a FROM-able relation with the lake columns and `dt`), restricted to
 * the window and to playback types. `exclude` names a table of (profile_id, title_id) pairs left out
 * entirely (the evaluation's held-out titles).
 */
export function eventsViewSql(source: string, window: WindowOptions, exclude?: string, d: SqlDialect = DUCKDB): string {
  const from = new Date(window.now.getTime() - window.historyDays * 86_400_000);
  const excluded = exclude
    ? ` AND NOT EXISTS (SELECT 1 FROM ${exclude} x WHERE x.profile_id = e.profile_id AND x.title_id = e.title_id)`
    : '';
  return (
    `CREATE OR REPLACE TEMP VIEW recs_events AS\n` +
    `SELECT e.type, e.received_at, e.profile_id, e.country, e.title_id, e.episode_id, e.playback_session_id, e.position_sec, e.duration_sec, e.dt\n` +
    `FROM ${source} e\n` +
    `WHERE e.dt >= ${d.date(from)} AND e.received_at >= ${d.timestamp(from)} AND e.received_at < ${d.timestamp(window.now)}\n` +
    `  AND e.type IN ${PLAYBACK_TYPES} AND e.title_id IS NOT NULL AND e.profile_id IS NOT NULL${excluded}`
  );
}

/** One row per playback session: watch time, completion, when it ended (hours before `now`). */
export function sessionsSql(now: Date, d: SqlDialect = DUCKDB): string {
  return `CREATE OR REPLACE TEMP TABLE recs_sessions AS
WITH raw AS (
  SELECT
    profile_id, title_id,
    COALESCE(episode_id, '') AS episode_id,
    COALESCE(playback_session_id, CAST(dt AS VARCHAR)) AS session_key,
    MAX(COALESCE(country, '')) AS country,
    MAX(received_at) AS ended_at,
    MAX(duration_sec) AS duration_sec,
    COALESCE(MIN(CASE WHEN type = 'play_start' THEN position_sec END), MIN(position_sec)) AS start_pos,
    MAX(position_sec) AS max_pos,
    MAX(CASE WHEN type = 'complete' THEN 1 ELSE 0 END) AS complete_event,
    COUNT(*) AS events
  FROM recs_events
  GROUP BY profile_id, title_id, COALESCE(episode_id, ''), COALESCE(playback_session_id, CAST(dt AS VARCHAR))
),
timed AS (
  SELECT r.*, t.kind, COALESCE(r.duration_sec, t.runtime_sec) AS runtime_sec
  FROM raw r JOIN recs_titles t ON t.title_id = r.title_id
),
reached AS (
  SELECT timed.*, CASE WHEN complete_event = 1 THEN runtime_sec ELSE max_pos END AS end_pos
  FROM timed
)
SELECT
  profile_id, title_id, episode_id, session_key, country, kind, ended_at, events,
  (${d.epochSeconds(d.timestamp(now))} - ${d.epochSeconds('ended_at')}) / 3600.0 AS age_hours,
  LEAST(GREATEST(COALESCE(end_pos, 0) - COALESCE(start_pos, 0), 0), runtime_sec) AS watch_sec,
  CASE WHEN complete_event = 1 OR end_pos >= 0.95 * runtime_sec THEN 1 ELSE 0 END AS completed
FROM reached`;
}

export interface EngagementOptions {
  /** A title is engaged when completed or watched this long … */
  substantialSec: number;
  /** … or this share of its runtime, whichever is less. */
  substantialShare: number;
}

export const DEFAULT_ENGAGEMENT: EngagementOptions = { substantialSec: 1200, substantialShare: 0.5 };

/** One row per profile × title: watch time, completion, recency, and whether it was a substantial view. */
export function engagementSql(options: EngagementOptions = DEFAULT_ENGAGEMENT): string {
  return `CREATE OR REPLACE TEMP TABLE recs_engagement AS
SELECT
  s.profile_id, s.title_id,
  SUM(s.watch_sec) AS watch_sec,
  MAX(s.completed) AS completed,
  MAX(s.ended_at) AS last_at,
  MIN(s.age_hours) AS age_hours,
  MAX(t.runtime_sec) AS runtime_sec,
  CASE WHEN MAX(s.completed) = 1 OR SUM(s.watch_sec) >= LEAST(${num(options.substantialSec)}, ${num(options.substantialShare)} * MAX(t.runtime_sec)) THEN 1 ELSE 0 END AS engaged
FROM recs_sessions s JOIN recs_titles t ON t.title_id = s.title_id
GROUP BY s.profile_id, s.title_id`;
}
