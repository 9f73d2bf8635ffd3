import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { CatalogService } from '../../catalog/service.js';
import type { Config } from '../../config.js';
import { allMigrations } from '../../migrations.js';
import { migrate } from '../../platform/db/index.js';
import { openPlatform, type Platform } from '../../platform/index.js';
import { createIngest, createIngestWorker, type JobEvent } from './index.js';
import { isTerminal, type Job } from './model.js';
import { progressPrinter } from './progress-bar.js';

async function openWithCatalog(config: Config): Promise<{ platform: Platform; catalog: CatalogService }> {
  const platform = await openPlatform(config);
  try {
    await migrate(platform.db, allMigrations);
    const catalog = new CatalogService(platform.db);
    await catalog.refresh();
    return { platform, catalog };
  } catch (err) {
    await platform.close();
    throw err;
  }
}

export interface IngestCommandOptions {
  title: string;
  season?: number;
  episode?: number;
  episodeId?: string;
  detach?: boolean;
}

/**
 * `marquee ingest FILE --title ID`: copies the file into blob storage and queues a job; then follows it
 * to the end with a progress bar on stderr, running a worker in this process in embedded mode (in
 * services mode the cluster's workers do the work). Fails (exit code 1) with the job's reason.
 */
export async function ingestCommand(config: Config, file: string, options: IngestCommandOptions): Promise<void> {
  const size = (await stat(file)).size;
  let failure: string | undefined;
  const { platform, catalog } = await openWithCatalog(config);
  // Events give a smooth bar in-process; the database is the truth (and the only source in services mode).
  let latest: JobEvent | undefined;
  let followed: string | undefined;
  const worker = platform.mode === 'embedded' && !options.detach
    ? createIngestWorker(config, platform, catalog, undefined, { pollMs: 200, onEvent: (event) => {
        if (event.jobId === followed) latest = event;
      } })
    : undefined;
  try {
    const ingest = createIngest(config, platform, catalog);
    const selector = { season: options.season, episode: options.episode, episodeId: options.episodeId };
    const queued = await ingest.submit(options.title, selector, createReadStream(file), size);
    process.stderr.write(`queued ${queued.id} for ${queued.titleId}${queued.episodeId ? `/${queued.episodeId}` : ''}\n`);
    if (options.detach) {
      process.stdout.write(`${queued.id}\n`);
      return;
    }
    const bar = progressPrinter(process.stderr);
    followed = queued.id;
    worker?.start();
    let job: Job | undefined = queued;
    while (job && !isTerminal(job.state)) {
      await new Promise((resolve) => setTimeout(resolve, 250));
      job = await ingest.jobs.get(queued.id);
      if (job && !isTerminal(job.state)) bar.update(latest ?? { state: job.state, progress: job.progress, attempt: job.attempts });
    }
    if (job) bar.update({ state: job.state, progress: job.progress, attempt: job.attempts });
    bar.done();
    if (job?.state === 'ready') {
      process.stdout.write(`${job.id} ready: /${job.output?.hls ?? ''} /${job.output?.dash ?? ''}\n`);
    } else {
      failure = `ingest failed: ${job?.reason?.code ?? 'JOB_NOT_FOUND'}: ${job?.reason?.message ?? 'the job disappeared'}`;
    }
  } finally {
    await worker?.stop();
    await platform.close();
  }
  // Thrown only after closing: PGlite's WASM runtime resets process.exitCode when it shuts down.
  if (failure) throw new Error(failure);
}
