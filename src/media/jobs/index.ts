import path from 'node:path';
import type { Logger } from 'pino';
import type { Config } from '../../config.js';
import type { Platform } from '../../platform/index.js';
import { IngestService, type TitleLookup } from './ingest.js';
import type { Playability } from './publish.js';
import { IngestWorker, type IngestWorkerOptions } from './worker.js';

export { IngestService, resolveTarget, type EpisodeSelector } from './ingest.js';
export { IngestWorker, type JobEvent } from './worker.js';
export { JobStore } from './store.js';
export { mediaJobMigrations } from './migrations.js';
export { currentContentKey, currentRevision, jobContentKey, type MediaRevision } from './revisions.js';
export type { Job, JobState } from './model.js';

type Catalog = TitleLookup & Playability;

/** The ingest service of a process, from config: uploads go to its blob store, jobs to its database. */
export function createIngest(config: Pick<Config, 'uploadLimitBytes'>, platform: Pick<Platform, 'db' | 'blobs'>, catalog: Catalog): IngestService {
  return new IngestService({ db: platform.db, blobs: platform.blobs, catalog, uploadLimitBytes: config.uploadLimitBytes });
}

/** The worker role of a process: scratch space under `<dataDir>/work`, concurrency from config. */
export function createIngestWorker(
  config: Pick<Config, 'dataDir' | 'workerConcurrency'>,
  platform: Pick<Platform, 'db' | 'blobs'>,
  catalog: Catalog,
  logger: Logger | undefined,
  overrides: Partial<IngestWorkerOptions> = {},
): IngestWorker {
  return new IngestWorker({
    db: platform.db,
    blobs: platform.blobs,
    catalog,
    workRoot: path.join(config.dataDir, 'work'),
    concurrency: config.workerConcurrency,
    logger: logger?.child({ role: 'worker' }),
    ...overrides,
  });
}
