import { num } from './dialect.js';

/**
 * Title-to-title similarity: co-watching (cosine over the profiles that completed or substantially
 * watched both titles, shrunk towards 0 when few profiles back it) blended with content similarity
 * (Jaccard of genres, shared cast and crew), so a title nobody watched still has neighbours.
 * Standard SQL; three statements build temp tables, the last query returns the rows.
 */
export interface SimilarOptions {
  /** Neighbours kept per title. */
  limit: number;
  /** Only a profile's most recent engaged titles pair up (bounds the quadratic self-join). */
  maxItemsPerProfile: number;
  /** Pairs co-watched by fewer profiles are dropped (noise, and most of the pair volume). */
  minCoViewers: number;
  /** Shrinkage: cosine × co / (co + λ), so rare pairs count less. */
  shrinkage: number;
  /** Content candidates: the most popular titles of each genre of a title. */
  contentPerGenre: number;
  /** A person credited on more titles than this carries no signal (ubiquitous names). */
  maxTitlesPerPerson: number;
  /** Content score = genreWeight × Jaccard(genres) + castWeight × min(shared people, 3) / 3. */
  genreWeight: number;
  castWeight: number;
  /** Final score = co-watching + contentWeight × content. */
  contentWeight: number;
}

export const DEFAULT_SIMILAR: SimilarOptions = {
  limit: 50,
  maxItemsPerProfile: 50,
  minCoViewers: 2,
  shrinkage: 5,
  contentPerGenre: 200,
  maxTitlesPerPerson: 200,
  genreWeight: 0.7,
  castWeight: 0.3,
  contentWeight: 0.3,
};

/** The statements that build `recs_cw_pairs` (a < b) and `recs_content` (both directions). */
export function similarPrepareSql(o: SimilarOptions = DEFAULT_SIMILAR): string[] {
  return [
    `CREATE OR REPLACE TEMP TABLE recs_cw_items AS
SELECT profile_id, title_id FROM (
  SELECT profile_id, title_id, ROW_NUMBER() OVER (PARTITION BY profile_id ORDER BY last_at DESC, title_id) AS rn
  FROM recs_engagement WHERE engaged = 1
) r WHERE rn <= ${num(o.maxItemsPerProfile)}`,
    `CREATE OR REPLACE TEMP TABLE recs_cw_pairs AS
WITH counts AS (
  SELECT title_id, COUNT(*) AS n FROM recs_cw_items GROUP BY title_id
),
co AS (
  SELECT a.title_id AS a, b.title_id AS b, COUNT(*) AS co
  FROM recs_cw_items a JOIN recs_cw_items b ON b.profile_id = a.profile_id AND a.title_id < b.title_id
  GROUP BY a.title_id, b.title_id
  HAVING COUNT(*) >= ${num(o.minCoViewers)}
)
SELECT co.a, co.b, (co.co * 1.0 / SQRT(ca.n * cb.n)) * (co.co * 1.0 / (co.co + ${num(o.shrinkage)})) AS score
FROM co JOIN counts ca ON ca.title_id = co.a JOIN counts cb ON cb.title_id = co.b`,
    `CREATE OR REPLACE TEMP TABLE recs_content AS
WITH genre_counts AS (
  SELECT title_id, COUNT(*) AS n FROM recs_title_genres GROUP BY title_id
),
ranked AS (
  SELECT g.title_id, g.genre_id, ROW_NUMBER() OVER (PARTITION BY g.genre_id ORDER BY t.popularity DESC, g.title_id) AS rn
  FROM recs_title_genres g JOIN recs_titles t ON t.title_id = g.title_id
),
genre_candidates AS (
  SELECT DISTINCT a.title_id AS a, b.title_id AS b
  FROM recs_title_genres a JOIN ranked b ON b.genre_id = a.genre_id AND b.rn <= ${num(o.contentPerGenre)} AND b.title_id <> a.title_id
),
genre_shared AS (
  SELECT c.a, c.b, COUNT(*) AS shared
  FROM genre_candidates c
  JOIN recs_title_genres ga ON ga.title_id = c.a
  JOIN recs_title_genres gb ON gb.title_id = c.b AND gb.genre_id = ga.genre_id
  GROUP BY c.a, c.b
),
people AS (
  SELECT p.title_id, p.person FROM recs_title_people p
  WHERE p.person IN (SELECT person FROM recs_title_people GROUP BY person HAVING COUNT(*) <= ${num(o.maxTitlesPerPerson)})
),
cast_shared AS (
  SELECT a.title_id AS a, b.title_id AS b, COUNT(*) AS shared
  FROM people a JOIN people b ON b.person = a.person AND b.title_id <> a.title_id
  GROUP BY a.title_id, b.title_id
),
pairs AS (
  SELECT a, b, SUM(genres) AS genres, SUM(people) AS people FROM (
    SELECT a, b, shared AS genres, 0 AS people FROM genre_shared
    UNION ALL
    SELECT a, b, 0 AS genres, shared AS people FROM cast_shared
  ) u GROUP BY a, b
)
SELECT p.a, p.b,
  ${num(o.genreWeight)} * COALESCE(p.genres * 1.0 / NULLIF(COALESCE(na.n, 0) + COALESCE(nb.n, 0) - p.genres, 0), 0)
  + ${num(o.castWeight)} * LEAST(p.people, 3) / 3.0 AS score
FROM pairs p LEFT JOIN genre_counts na ON na.title_id = p.a LEFT JOIN genre_counts nb ON nb.title_id = p.b`,
  ];
}

/** `(title_id, neighbour_id, score)`: the blended top neighbours of every title, best first. */
export function similarSql(o: SimilarOptions = DEFAULT_SIMILAR): string {
  return `WITH cw AS (
  SELECT a, b, score FROM recs_cw_pairs
  UNION ALL
  SELECT b AS a, a AS b, score FROM recs_cw_pairs
),
blended AS (
  SELECT a, b, SUM(cw) + ${num(o.contentWeight)} * SUM(content) AS score FROM (
    SELECT a, b, score AS cw, 0 AS content FROM cw
    UNION ALL
    SELECT a, b, 0 AS cw, score AS content FROM recs_content
  ) u GROUP BY a, b
),
ranked AS (
  SELECT a, b, score, ROW_NUMBER() OVER (PARTITION BY a ORDER BY score DESC, b) AS rn FROM blended WHERE score > 0
)
SELECT a AS title_id, b AS neighbour_id, ROUND(score, 4) AS score FROM ranked WHERE rn <= ${num(o.limit)} ORDER BY a, rn`;
}
