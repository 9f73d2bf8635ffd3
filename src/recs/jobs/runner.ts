import type { BlobStore } from '../../platform/blobs/index.js';
import type { SqlEngine } from '../../platform/sql/index.js';
import { DATASET_NAMES, type DatasetManifest, type DatasetName } from '../datasets.js';
import { DEFAULT_BOUNDS, datasetRows, DatasetValidationError, validateDatasets, type RowBounds } from '../publish/validate.js';
import { newVersionId, pruneVersions, publishVersion, writeVersion } from '../publish/versions.js';
import { readCurrentVersion, readVersion } from '../store/read.js';
import type { JobCatalog } from './catalog-table.js';
import { DEFAULT_JOB_OPTIONS, prepareInputs, RECS_JOBS, type DatasetsByName, type RecsJobOptions } from './compute.js';
import type { RecsJobMetrics } from './metrics.js';

/** Progress of a run, stage by stage (`prepare`, each dataset, `validate`, `write`, `publish`). */
export interface RecsProgress {
  stage: string;
  state: 'start' | 'done';
  seconds?: number;
  rows?: number;
}

export interface ComputeDeps {
  sql: SqlEngine;
  lakeRoot: string;
  /** Titles (and genres, when known) of the catalog snapshot. */
  catalog: JobCatalog & { readonly genres?: readonly { id: string }[] };
  /** The run's clock; activity after it is ignored. */
  now: Date;
  options?: RecsJobOptions;
  /** Datasets to compute (all when absent). */
  only?: readonly DatasetName[];
  /** A table of (profile_id, title_id) pairs to leave out (evaluation). */
  exclude?: string;
  scratchDir?: string;
  onProgress?: (progress: RecsProgress) => void;
}

export interface Computed {
  data: Partial<DatasetsByName>;
  jobSeconds: Record<string, number>;
  eventsRead: number;
  viewed: Set<string>;
}

const seconds = (since: number): number => Math.round((performance.now() - since) / 10) / 100;

/** Builds the input tables and runs the asked jobs, in the job table's order. */
export async function computeDatasets(deps: ComputeDeps): Promise<Computed> {
  const options = deps.options ?? DEFAULT_JOB_OPTIONS;
  const jobSeconds: Record<string, number> = {};
  const progress = deps.onProgress ?? (() => undefined);
  let started = performance.now();
  progress({ stage: 'prepare', state: 'start' });
  const prepared = await prepareInputs({ sql: deps.sql, lakeRoot: deps.lakeRoot, catalog: deps.catalog, now: deps.now, options, ...(deps.exclude ? { exclude: deps.exclude } : {}), ...(deps.scratchDir ? { scratchDir: deps.scratchDir } : {}) });
  jobSeconds.prepare = seconds(started);
  progress({ stage: 'prepare', state: 'done', seconds: jobSeconds.prepare, rows: prepared.eventsRead });
  const data: Partial<DatasetsByName> = {};
  for (const name of DATASET_NAMES) {
    if (deps.only && !deps.only.includes(name)) continue;
    started = performance.now();
    progress({ stage: name, state: 'start' });
    const value = await RECS_JOBS[name](deps.sql, options);
    (data as Record<DatasetName, unknown>)[name] = value;
    jobSeconds[name] = seconds(started);
    progress({ stage: name, state: 'done', seconds: jobSeconds[name], rows: datasetRows(name, value) });
  }
  return { data, jobSeconds, eventsRead: prepared.eventsRead, viewed: prepared.viewed };
}

export interface RunRecsJobsDeps extends Omit<ComputeDeps, 'now' | 'exclude'> {
  blobs: BlobStore;
  now?: Date;
  /** Versions kept after publishing (the published one always is). */
  keep?: number;
  bounds?: RowBounds;
  /** A dataset may not shrink below this share of the published version's rows (default 0: off). */
  minRatioToPrevious?: number;
  metrics?: RecsJobMetrics;
}

export interface RecsRunResult {
  manifest: DatasetManifest;
  /** Versions deleted after publishing. */
  pruned: string[];
}

export const DEFAULT_KEEP_VERSIONS = 5;

/** The lake holds no playback events in the window (a fresh install): nothing to publish, nothing wrong. */
export class NoActivityError extends Error {
  constructor() {
    super('no playback events in the lake yet: nothing to publish (the published datasets, if any, stay)');
    this.name = 'NoActivityError';
  }
}

/**
 * One run of the jobs: compute, validate, write a new version, publish it (atomic pointer swap),
 * prune old versions. With `only`, the other datasets are carried over from the published version.
 * A version that fails validation is neither written nor published: the published one stays
 * (throws DatasetValidationError).
 */
export async function runRecsJobs(deps: RunRecsJobsDeps): Promise<RecsRunResult> {
  const now = deps.now ?? new Date();
  const progress = deps.onProgress ?? (() => undefined);
  const currentVersion = await readCurrentVersion(deps.blobs);
  const current = currentVersion ? await readVersion(deps.blobs, currentVersion) : undefined;
  if (deps.only && deps.only.length < DATASET_NAMES.length && !current) {
    throw new Error('no published version to carry the other datasets over from: run every job first');
  }
  const computed = await computeDatasets({ ...deps, now });
  if (computed.eventsRead === 0) throw new NoActivityError();
  const data = { ...(current ?? {}), ...computed.data } as DatasetsByName;

  let started = performance.now();
  progress({ stage: 'validate', state: 'start' });
  const knownGenres = new Set<string>(deps.catalog.genres?.map((g) => g.id) ?? []);
  for (const title of deps.catalog.titles) for (const genre of title.genres) knownGenres.add(genre);
  const problems = validateDatasets(computed.data, {
    knownTitles: new Set(deps.catalog.titles.map((t) => t.id)),
    knownGenres,
    viewed: computed.viewed,
    bounds: deps.bounds ?? DEFAULT_BOUNDS,
    ...(current ? { previousRows: current.manifest.rows } : {}),
    ...(deps.minRatioToPrevious ? { minRatioToPrevious: deps.minRatioToPrevious } : {}),
  });
  if (problems.length > 0) throw new DatasetValidationError(problems);
  progress({ stage: 'validate', state: 'done', seconds: seconds(started) });

  const rows = Object.fromEntries(DATASET_NAMES.map((name) => [name, datasetRows(name, data[name])])) as Record<DatasetName, number>;
  const manifest: DatasetManifest = {
    version: newVersionId(now),
    createdAt: now.toISOString(),
    rows,
    jobSeconds: computed.jobSeconds,
    eventsRead: computed.eventsRead,
  };
  started = performance.now();
  progress({ stage: 'write', state: 'start' });
  await writeVersion(deps.blobs, manifest, data);
  progress({ stage: 'write', state: 'done', seconds: seconds(started) });
  await publishVersion(deps.blobs, manifest.version);
  progress({ stage: 'publish', state: 'done' });
  deps.metrics?.published(manifest);
  const pruned = await pruneVersions(deps.blobs, deps.keep ?? DEFAULT_KEEP_VERSIONS);
  return { manifest, pruned };
}
