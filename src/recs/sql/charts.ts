import { GLOBAL } from '../datasets.js';
import { literal, num } from './dialect.js';

/**
 * Trending, Top 10 and popularity: charts over `recs_sessions` (see inputs.ts for watch time).
 * Standard SQL only. Each returns rows ordered as the dataset lists them.
 */

/** Sessions per country plus every session again under GLOBAL (sessions with no country count only there). */
const BY_COUNTRY = (columns: string, where: string): string =>
  `SELECT country, ${columns} FROM recs_sessions WHERE ${where} AND country <> ''
  UNION ALL
  SELECT ${literal(GLOBAL)} AS country, ${columns} FROM recs_sessions WHERE ${where}`;

export interface TrendingOptions {
  /** Titles kept per country. */
  limit: number;
  /** A country with fewer distinct titles watched in the last 24 h falls back to 7 days. */
  minTitles24h: number;
  /** Watch time halves every this many hours (24 h window). */
  halfLifeHours24h: number;
  /** Half-life in the 7-day fallback. */
  halfLifeHours7d: number;
}

export const DEFAULT_TRENDING: TrendingOptions = { limit: 50, minTitles24h: 10, halfLifeHours24h: 6, halfLifeHours7d: 42 };

/** `(country, title_id, score)`: time-decayed watch time (hours), 24 h, or 7 d where 24 h is thin. */
export function trendingSql(o: TrendingOptions = DEFAULT_TRENDING): string {
  return `WITH base AS (
  ${BY_COUNTRY('title_id, watch_sec, age_hours', 'age_hours < 168 AND watch_sec > 0')}
),
per_title AS (
  SELECT country, title_id,
    SUM(CASE WHEN age_hours < 24 THEN watch_sec * POWER(0.5, age_hours / ${num(o.halfLifeHours24h)}) ELSE 0 END) / 3600.0 AS s24,
    SUM(watch_sec * POWER(0.5, age_hours / ${num(o.halfLifeHours7d)})) / 3600.0 AS s7
  FROM base GROUP BY country, title_id
),
depth AS (
  SELECT country, SUM(CASE WHEN s24 > 0 THEN 1 ELSE 0 END) AS titles24 FROM per_title GROUP BY country
),
scored AS (
  SELECT p.country, p.title_id, CASE WHEN d.titles24 >= ${num(o.minTitles24h)} THEN p.s24 ELSE p.s7 END AS score
  FROM per_title p JOIN depth d ON d.country = p.country
),
ranked AS (
  SELECT country, title_id, score, ROW_NUMBER() OVER (PARTITION BY country ORDER BY score DESC, title_id) AS rn
  FROM scored WHERE score > 0
)
SELECT country, title_id, ROUND(score, 4) AS score FROM ranked WHERE rn <= ${num(o.limit)} ORDER BY country, rn`;
}

/** Views over the last 7 days: hours viewed ÷ runtime (a show's runtime is all its episodes). */
const VIEWS_7D = `SELECT b.country, b.title_id, t.kind, SUM(b.watch_sec) / MAX(t.views_runtime_sec) AS views
  FROM base b JOIN recs_titles t ON t.title_id = b.title_id
  GROUP BY b.country, b.title_id, t.kind`;

/** `(country, kind, title_id, score)`: the ten most viewed movies and shows per country and GLOBAL. */
export function top10Sql(limit = 10): string {
  return `WITH base AS (
  ${BY_COUNTRY('title_id, watch_sec', 'age_hours < 168 AND watch_sec > 0')}
),
views AS (
  ${VIEWS_7D}
),
ranked AS (
  SELECT country, kind, title_id, views, ROW_NUMBER() OVER (PARTITION BY country, kind ORDER BY views DESC, title_id) AS rn
  FROM views
)
SELECT country, kind, title_id, ROUND(views, 4) AS score FROM ranked WHERE rn <= ${num(limit)} ORDER BY country, kind, rn`;
}

/** `(title_id, score)`: every title with views over the last 7 days, by views. */
export function popularitySql(): string {
  return `WITH base AS (
  SELECT ${literal(GLOBAL)} AS country, title_id, watch_sec FROM recs_sessions WHERE age_hours < 168 AND watch_sec > 0
),
views AS (
  ${VIEWS_7D}
)
SELECT title_id, ROUND(views, 4) AS score FROM views ORDER BY views DESC, title_id`;
}
