import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import type { Logger } from 'pino';
import type { Registry } from 'prom-client';
import type { CatalogService } from '../../catalog/service.js';
import type { BlobStore } from '../../platform/blobs/index.js';
import type { Db } from '../../platform/db/index.js';
import { openSqlEngine } from '../../platform/sql/index.js';
import type { DatasetName } from '../datasets.js';
import { JobLease } from './lease.js';
import { createRecsJobMetrics } from './metrics.js';
import { runRecsJobs, type RecsProgress, type RecsRunResult } from './runner.js';
import { startRecsScheduler, type RecsScheduler } from './scheduler.js';

/**
 * The recommendation jobs bound to one deployment: the catalog snapshot of the moment, the lake under
 * the data directory, the blob store, and the lease every jobs process shares. Used by `start` (the
 * scheduler inside the single process), `marquee jobs` and `marquee jobs run`.
 */
export interface RecsJobsDeps {
  db: Db;
  blobs: BlobStore;
  catalog: CatalogService;
  dataDir: string;
  /** DuckDB's memory cap for a run. */
  memoryLimit?: string;
  registry?: Registry;
}

export interface RecsJobs {
  /** One run under the lease; `ran: false` when another process holds it. */
  runOnce(extra?: { only?: DatasetName[]; onProgress?: (p: RecsProgress) => void }): Promise<{ ran: true; value: RecsRunResult } | { ran: false; holder: string | undefined }>;
  /** Runs every interval until stopped (the first run after one interval when `delayFirst`). */
  schedule(intervalMs: number, logger: Pick<Logger, 'info' | 'warn' | 'error'>, options?: { delayFirst?: boolean }): RecsScheduler;
  close(): Promise<void>;
}

export const LEASE_TTL_MS = 60_000;

export const lakeRootOf = (dataDir: string): string => path.join(dataDir, 'lake');

export async function createRecsJobs(deps: RecsJobsDeps): Promise<RecsJobs> {
  const sql = await openSqlEngine({ memoryLimit: deps.memoryLimit ?? '4GB' });
  const metrics = deps.registry ? createRecsJobMetrics(deps.registry) : undefined;
  const lease = new JobLease(deps.db, `${os.hostname()}-${process.pid}-${randomBytes(3).toString('hex')}`, LEASE_TTL_MS);
  const run = async (extra: { only?: DatasetName[]; onProgress?: (p: RecsProgress) => void } = {}): Promise<RecsRunResult> => {
    await deps.catalog.refreshIfChanged();
    return runRecsJobs({
      sql,
      lakeRoot: lakeRootOf(deps.dataDir),
      catalog: deps.catalog.view().snapshot,
      blobs: deps.blobs,
      ...(extra.only ? { only: extra.only } : {}),
      ...(extra.onProgress ? { onProgress: extra.onProgress } : {}),
      ...(metrics ? { metrics } : {}),
      scratchDir: path.join(deps.dataDir, 'tmp'),
    });
  };
  return {
    runOnce: (extra) => lease.runExclusive(() => run(extra)),
    schedule: (intervalMs, logger, options) => startRecsScheduler({ intervalMs, lease, run: () => run(), logger, ...(options?.delayFirst ? { delayFirst: true } : {}) }),
    close: () => sql.close(),
  };
}
