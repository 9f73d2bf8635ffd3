import fs from 'node:fs/promises';
import path from 'node:path';
import { lakeEventsSource } from '../../activity/lake/schema.js';
import type { SqlEngine } from '../../platform/sql/index.js';
import type {
  AffinityDataset,
  CommunitiesDataset,
  DatasetName,
  PopularityDataset,
  ScoredTitle,
  SimilarDataset,
  Top10Dataset,
  TrendingDataset,
} from '../datasets.js';
import { affinitySql, DEFAULT_AFFINITY, type AffinityOptions } from '../sql/affinity.js';
import { DEFAULT_TRENDING, popularitySql, top10Sql, trendingSql, type TrendingOptions } from '../sql/charts.js';
import { DEFAULT_ENGAGEMENT, engagementSql, eventsViewSql, sessionsSql, type EngagementOptions } from '../sql/inputs.js';
import { DEFAULT_SIMILAR, similarPrepareSql, similarSql, type SimilarOptions } from '../sql/similar.js';
import { communityItemsSql, communityPairsSql, communityPlaysSql, DEFAULT_COMMUNITY_PAIRS, type CommunityPairsOptions } from '../sql/communities.js';
import { loadCatalogTables, type JobCatalog } from './catalog-table.js';
import { DEFAULT_COMMUNITIES, findCommunities, type CommunityOptions } from './communities.js';

/** Tuning of every job; defaults are what `marquee jobs` runs. */
export interface RecsJobOptions {
  historyDays: number;
  engagement: EngagementOptions;
  trending: TrendingOptions;
  top10Limit: number;
  similar: SimilarOptions;
  affinity: AffinityOptions;
  communities: CommunityPairsOptions & CommunityOptions;
}

export const DEFAULT_JOB_OPTIONS: RecsJobOptions = {
  historyDays: 90,
  engagement: DEFAULT_ENGAGEMENT,
  trending: DEFAULT_TRENDING,
  top10Limit: 10,
  similar: DEFAULT_SIMILAR,
  affinity: DEFAULT_AFFINITY,
  communities: { ...DEFAULT_COMMUNITY_PAIRS, ...DEFAULT_COMMUNITIES },
};

export interface DatasetsByName {
  trending: TrendingDataset;
  top10: Top10Dataset;
  similar: SimilarDataset;
  affinity: AffinityDataset;
  popularity: PopularityDataset;
  communities: CommunitiesDataset;
}

/** One job: computes its dataset from the prepared input tables. */
type Job<N extends DatasetName> = (sql: SqlEngine, options: RecsJobOptions) => Promise<DatasetsByName[N]>;

/** Groups ordered `(key, title_id, score)` rows into lists per key, keeping the order. */
function groupLists<R>(rows: readonly R[], key: (row: R) => string, item: (row: R) => ScoredTitle): Record<string, ScoredTitle[]> {
  const out: Record<string, ScoredTitle[]> = {};
  for (const row of rows) (out[key(row)] ??= []).push(item(row));
  return out;
}

/**
 * The job table: dataset name → how it is computed. `marquee jobs run NAME`, the runner's progress,
 * the metrics' `job` label and the manifest's `jobSeconds` all derive from it.
 */
export const RECS_JOBS: { readonly [N in DatasetName]: Job<N> } = {
  async trending(sql, o) {
    const rows = await sql.all<{ country: string; title_id: string; score: number }>(trendingSql(o.trending));
    return groupLists(rows, (r) => r.country, (r) => ({ titleId: r.title_id, score: r.score }));
  },
  async top10(sql, o) {
    const rows = await sql.all<{ country: string; kind: string; title_id: string; score: number }>(top10Sql(o.top10Limit));
    const out: Top10Dataset = {};
    for (const r of rows) {
      const entry = (out[r.country] ??= { movies: [], shows: [] });
      (r.kind === 'show' ? entry.shows : entry.movies).push({ titleId: r.title_id, score: r.score });
    }
    return out;
  },
  async similar(sql, o) {
    for (const statement of similarPrepareSql(o.similar)) await sql.run(statement);
    const rows = await sql.all<{ title_id: string; neighbour_id: string; score: number }>(similarSql(o.similar));
    return groupLists(rows, (r) => r.title_id, (r) => ({ titleId: r.neighbour_id, score: r.score }));
  },
  async affinity(sql, o) {
    const rows = await sql.all<{ profile_id: string; genre_id: string; score: number }>(affinitySql(o.affinity));
    const out: AffinityDataset = {};
    for (const r of rows) (out[r.profile_id] ??= {})[r.genre_id] = r.score;
    return out;
  },
  async popularity(sql) {
    const rows = await sql.all<{ title_id: string; score: number }>(popularitySql());
    return rows.map((r) => ({ titleId: r.title_id, score: r.score }));
  },
  async communities(sql, o) {
    await sql.run(communityItemsSql(o.communities));
    const pairs = await sql.all<{ a: string; b: string; weight: number }>(communityPairsSql(o.communities));
    const plays = await sql.all<{ title_id: string; plays: number }>(communityPlaysSql());
    return findCommunities(pairs, new Map(plays.map((r) => [r.title_id, Number(r.plays)])), o.communities);
  },
};

/** An empty relation with the lake columns the jobs read, for a lake with no files yet (read_parquet fails on an empty glob). */
const EMPTY_EVENTS =
  `(SELECT CAST(NULL AS VARCHAR) AS type, CAST(NULL AS TIMESTAMP) AS received_at, CAST(NULL AS VARCHAR) AS profile_id, CAST(NULL AS VARCHAR) AS country, ` +
  `CAST(NULL AS VARCHAR) AS title_id, CAST(NULL AS VARCHAR) AS episode_id, CAST(NULL AS VARCHAR) AS playback_session_id, CAST(NULL AS DOUBLE) AS position_sec, ` +
  `CAST(NULL AS DOUBLE) AS duration_sec, CAST(NULL AS DATE) AS dt WHERE 1 = 0)`;

/** Whether the lake holds at least one events file (`events/dt=*\/hr=*\/*.parquet`). */
export async function lakeHasEvents(lakeRoot: string): Promise<boolean> {
  const root = path.join(lakeRoot, 'events');
  const days = await fs.readdir(root).catch(() => [] as string[]);
  for (const day of days.filter((d) => d.startsWith('dt='))) {
    const hours = await fs.readdir(path.join(root, day)).catch(() => [] as string[]);
    for (const hour of hours.filter((h) => h.startsWith('hr='))) {
      const files = await fs.readdir(path.join(root, day, hour)).catch(() => [] as string[]);
      if (files.some((f) => f.endsWith('.parquet'))) return true;
    }
  }
  return false;
}

export interface PrepareInputs {
  sql: SqlEngine;
  lakeRoot: string;
  catalog: JobCatalog;
  now: Date;
  options: RecsJobOptions;
  /** A table of (profile_id, title_id) pairs whose events are left out (evaluation). */
  exclude?: string;
  scratchDir?: string;
}

export interface PreparedInputs {
  /** Playback events read from the lake (known titles, inside the history window). */
  eventsRead: number;
  /** `country:kind` pairs with views over the last 7 days (Top 10 must not be empty for them). */
  viewed: Set<string>;
}

/** Loads the catalog and builds the shared input tables every job reads (sessions, engagement). */
export async function prepareInputs(p: PrepareInputs): Promise<PreparedInputs> {
  await loadCatalogTables(p.sql, p.catalog, p.scratchDir);
  const source = (await lakeHasEvents(p.lakeRoot)) ? lakeEventsSource(p.lakeRoot) : EMPTY_EVENTS;
  await p.sql.run(eventsViewSql(source, { now: p.now, historyDays: p.options.historyDays }, p.exclude));
  await p.sql.run(sessionsSql(p.now));
  await p.sql.run(engagementSql(p.options.engagement));
  const [count] = await p.sql.all<{ n: number | null }>('SELECT SUM(events) AS n FROM recs_sessions');
  const viewedRows = await p.sql.all<{ country: string; kind: string }>(
    `SELECT DISTINCT country, kind FROM recs_sessions WHERE age_hours < 168 AND watch_sec > 0 AND country <> ''
     UNION SELECT DISTINCT 'GLOBAL' AS country, kind FROM recs_sessions WHERE age_hours < 168 AND watch_sec > 0`,
  );
  return { eventsRead: Number(count?.n ?? 0), viewed: new Set(viewedRows.map((r) => `${r.country}:${r.kind}`)) };
}
