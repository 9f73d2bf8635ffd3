import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../../src/api/app.js';
import { createRegistry } from '../../../src/api/metrics.js';
import { CatalogService } from '../../../src/catalog/service.js';
import { IngestService } from '../../../src/media/jobs/ingest.js';
import type { Job } from '../../../src/media/jobs/model.js';
import { IngestWorker, type IngestWorkerOptions } from '../../../src/media/jobs/worker.js';
import { allMigrations } from '../../../src/migrations.js';
import { openFsBlobStore, type BlobStore } from '../../../src/platform/blobs/index.js';
import { migrate, openPglite, type Db } from '../../../src/platform/db/index.js';
import { ADMIN_TOKEN } from '../../helpers/app.js';
import { testGenres, titleInput } from '../../helpers/titles.js';
import { tempDir } from '../helpers.js';

/** A movie and a two-episode show to ingest into. */
export const mediaCatalog = {
  genres: testGenres,
  titles: [
    ...['mv-ingest', 'mv-bad', 'mv-retry', 'mv-stop', 'mv-many', 'mv-ghost', 'mv-killed'].map((id) => titleInput({ id, name: `Movie ${id}` })),
    titleInput({
      id: 'sh-ingest',
      kind: 'show',
      name: 'Ingest Show',
      seasons: [{ number: 1, episodes: [1, 2].map((n) => ({ episodeNumber: n, name: `Part ${n}`, runtimeMinutes: 20 })) }],
    }),
  ],
};

export interface MediaHarness {
  db: Db;
  blobs: BlobStore;
  catalog: CatalogService;
  ingest: IngestService;
  app: FastifyInstance;
  dir: string;
  worker(options?: Partial<IngestWorkerOptions>): IngestWorker;
  /** Stops every worker started so far. */
  stopWorkers(): Promise<void>;
  /** Every blob key, sorted. */
  blobKeys(prefix?: string): Promise<string[]>;
  close(): Promise<void>;
}

/** In-memory PGlite, a filesystem blob store in a temp dir, the catalog above and an app with media routes. */
export async function mediaHarness(options: { uploadLimitBytes?: number } = {}): Promise<MediaHarness> {
  const { dir, remove } = await tempDir('jobs');
  const db = await openPglite(undefined);
  await migrate(db, allMigrations);
  const blobs = await openFsBlobStore(`${dir}/blobs`);
  const catalog = new CatalogService(db);
  await catalog.refresh();
  await catalog.importCatalog(mediaCatalog.genres, mediaCatalog.titles);
  const ingest = new IngestService({ db, blobs, catalog, uploadLimitBytes: options.uploadLimitBytes ?? 64 * 1024 * 1024 });
  const app = await buildApp({
    catalog,
    media: ingest,
    adminToken: ADMIN_TOKEN,
    bodyLimitBytes: 64 * 1024,
    registry: createRegistry(),
    readiness: [],
  });
  const workers: IngestWorker[] = [];
  return {
    db,
    blobs,
    catalog,
    ingest,
    app,
    dir,
    worker(overrides = {}) {
      const worker = new IngestWorker({ db, blobs, catalog, workRoot: `${dir}/work`, pollMs: 50, ...overrides });
      workers.push(worker);
      return worker;
    },
    async stopWorkers() {
      await Promise.all(workers.splice(0).map((w) => w.stop()));
    },
    async blobKeys(prefix = '') {
      const keys: string[] = [];
      for await (const info of blobs.list(prefix)) keys.push(info.key);
      return keys;
    },
    async close() {
      await Promise.all(workers.map((w) => w.stop()));
      await app.close();
      await db.close();
      await remove();
    },
  };
}

/** Polls until `check` holds (the worker finishes its bookkeeping just after a job's state flips). */
export async function eventually(check: () => boolean | Promise<boolean>, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

/** Polls the store until the job is ready or failed. */
export async function waitForJob(ingest: IngestService, id: string, timeoutMs = 60_000): Promise<Job> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const job = await ingest.jobs.get(id);
    if (job && (job.state === 'ready' || job.state === 'failed')) return job;
    if (Date.now() > deadline) throw new Error(`job ${id} still ${job?.state} after ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
