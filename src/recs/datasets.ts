/**
 * The recommendation datasets: what the batch jobs publish (one immutable version at a time) and
 * what every api node holds in memory to assemble home pages online. This file is the contract
 * between the `jobs` role (src/recs/jobs/) and the api (src/recs/home/).
 *
 * Blob layout (the BlobStore, so the same on the filesystem and on S3):
 *   recs/versions/<version>/<dataset>.json   one file per dataset below, plus manifest.json
 *   recs/CURRENT                             the published version id (text), replaced atomically
 * A version id sorts by time: `v<UTC yyyymmddThhmmssZ>-<random>`; the last N versions are kept.
 */

/** Titles with a score, best first. */
export interface ScoredTitle {
  titleId: string;
  score: number;
}

/** Countries are ISO 3166-1 alpha-2; `GLOBAL` holds the figures over every country. */
export const GLOBAL = 'GLOBAL';

/** `trending.json`: time-decayed watch time over the last 24 h (7 d where 24 h is thin), per country. */
export type TrendingDataset = Record<string, ScoredTitle[]>;

/** `top10.json`: views (hours viewed ÷ runtime) over the last 7 days, per country, movies and shows apart. */
export type Top10Dataset = Record<string, { movies: ScoredTitle[]; shows: ScoredTitle[] }>;

/** `similar.json`: up to 50 neighbours per title (co-watching blended with content similarity). */
export type SimilarDataset = Record<string, ScoredTitle[]>;

/** `affinity.json`: per-profile genre affinity in [0, 1] (genre id → score), profiles with history only. */
export type AffinityDataset = Record<string, Record<string, number>>;

/** `popularity.json`: every title with views, by views over 7 days; the fallback when others are thin. */
export type PopularityDataset = ScoredTitle[];

/**
 * `communities.json`: taste communities (titles the same viewers play, found by clustering the
 * co-play graph), id → its titles by plays, each scored with its share of the community's plays.
 * A title is in at most one community. Versions published before it existed read as empty.
 */
export type CommunitiesDataset = Record<string, ScoredTitle[]>;

/** `manifest.json`: what a version holds and how it was made. */
export interface DatasetManifest {
  version: string;
  /** ISO time the run started; the datasets describe activity up to this time. */
  createdAt: string;
  /** Rows per dataset (validated against bounds before publication). */
  rows: Record<DatasetName, number>;
  /** Seconds each job took. */
  jobSeconds: Record<string, number>;
  /** Events read from the lake for this run. */
  eventsRead: number;
}

export interface RecsDatasets {
  manifest: DatasetManifest;
  trending: TrendingDataset;
  top10: Top10Dataset;
  similar: SimilarDataset;
  affinity: AffinityDataset;
  popularity: PopularityDataset;
  communities: CommunitiesDataset;
}

export type DatasetName = 'trending' | 'top10' | 'similar' | 'affinity' | 'popularity' | 'communities';
export const DATASET_NAMES: readonly DatasetName[] = ['trending', 'top10', 'similar', 'affinity', 'popularity', 'communities'];
/** Datasets added after versions were first published: an older version without the file reads them as empty. */
export const LATER_DATASETS: ReadonlySet<DatasetName> = new Set(['communities']);

export const RECS_PREFIX = 'recs/';
export const CURRENT_KEY = 'recs/CURRENT';
export function datasetKey(version: string, name: DatasetName | 'manifest'): string {
  return `recs/versions/${version}/${name}.json`;
}
