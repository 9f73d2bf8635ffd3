import { randomBytes } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdir, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { pipeline as pipeStreams } from 'node:stream/promises';
import type { BlobStore } from '../../platform/blobs/index.js';
import type { Db } from '../../platform/db/index.js';
import { processSource, type PipelineProgress, type ProcessOptions, type ProcessResult } from '../pipeline.js';
import { classifyFailure, type Job, type JobReasonCode, type JobState } from './model.js';
import { attemptPrefix, commitPublication, deletePrefix, jobPrefix, syncPlayability, uploadOutput, type Playability } from './publish.js';
import { progressWriter } from './progress-writer.js';
import { JobStore, type Lease } from './store.js';

/** The part of processSource's result publication uses; tests hand in a fake pipeline returning it. */
export type PipelineOutput = Pick<ProcessResult, 'outputDir' | 'manifests' | 'key'>;
export type Pipeline = (source: string, workDir: string, options: ProcessOptions, onProgress: (p: PipelineProgress) => void) => Promise<PipelineOutput>;

/** What a worker reports as a job moves (CLI progress bars, tests, logs). */
export interface JobEvent {
  jobId: string;
  attempt: number;
  state: JobState;
  progress: number;
  reason?: { code: string; message: string };
}

type WorkerLogger = { [K in 'info' | 'warn' | 'error']: (obj: object, msg: string) => void };

export interface IngestWorkerOptions {
  db: Db;
  blobs: BlobStore;
  catalog: Playability;
  /** Scratch space; each attempt works in `<workRoot>/<jobId>/<attempt>` and removes it afterwards. */
  workRoot: string;
  /** Jobs run at once by this worker (default 1: a transcode already uses every core). */
  concurrency?: number;
  /** How long a claim holds without a heartbeat before another worker may take the job (default 30 s). */
  leaseMs?: number;
  /** Default leaseMs / 3, so two heartbeats can be missed before the lease runs out. */
  heartbeatMs?: number;
  /** How often to look for work when idle (default 1 s). */
  pollMs?: number;
  /** Progress is written at most this often, plus on every stage change (default 500 ms). */
  progressIntervalMs?: number;
  /** Unique per process; a restarted worker is a new owner. */
  owner?: string;
  /** Pipeline knobs (segment length, ladder caps, preset, tools). */
  processing?: Omit<ProcessOptions, 'signal' | 'key'>;
  pipeline?: Pipeline;
  logger?: WorkerLogger;
  onEvent?: (event: JobEvent) => void;
}

const silent: WorkerLogger = { info: () => undefined, warn: () => undefined, error: () => undefined };

/** Raised inside a run when this worker no longer owns the job; it must then write nothing more. */
class LeaseLost extends Error {}

/**
 * Claims ingest jobs, runs the media pipeline on each under a heartbeated lease, and publishes the
 * result exactly once. A job whose worker dies is claimed again once its lease expires.
 *
 * @example
 * const worker = new IngestWorker({ db, blobs, catalog, workRoot: './data/work' });
 * worker.start(); … await worker.stop();
 */
export class IngestWorker {
  readonly owner: string;
  private readonly store: JobStore;
  private readonly running = new Map<string, { controller: AbortController; done: Promise<void> }>();
  private readonly leaseMs: number;
  private readonly log: WorkerLogger;
  private timer: NodeJS.Timeout | undefined;
  private ticking: Promise<void> | undefined;
  private stopping = false;

  constructor(private readonly options: IngestWorkerOptions) {
    this.owner = options.owner ?? `${os.hostname()}:${process.pid}:${randomBytes(4).toString('hex')}`;
    this.store = new JobStore(options.db);
    this.leaseMs = options.leaseMs ?? 30_000;
    this.log = options.logger ?? silent;
  }

  /** Starts polling for jobs. */
  start(): void {
    this.stopping = false;
    this.schedule(0);
  }

  /** Stops claiming, cancels running jobs and gives them back to the queue (their attempt not counted). */
  async stop(): Promise<void> {
    this.stopping = true;
    clearTimeout(this.timer);
    await this.ticking;
    for (const run of this.running.values()) run.controller.abort();
    await Promise.all([...this.running.values()].map((run) => run.done));
  }

  /** One round: fail jobs whose workers died too often, sync playability, claim up to the limit. */
  tick(): Promise<void> {
    this.ticking ??= this.round().finally(() => {
      this.ticking = undefined;
    });
    return this.ticking;
  }

  private schedule(ms: number): void {
    if (this.stopping) return;
    clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.tick()
        .catch((err: unknown) => this.log.error({ err }, 'ingest worker round failed'))
        .finally(() => this.schedule(this.options.pollMs ?? 1_000));
    }, ms);
  }

  private async round(): Promise<void> {
    for (const dead of await this.store.failExhausted()) {
      this.log.warn({ jobId: dead.id }, 'ingest job failed: attempts exhausted');
      await this.discard(dead.id, dead.titleId, dead.episodeId, dead.sourceKey);
      this.emit({ jobId: dead.id, attempt: dead.attempts, state: 'failed', progress: dead.progress, reason: dead.reason ?? undefined });
    }
    await syncPlayability(this.options.db, this.options.catalog, (err, titleId) => this.log.warn({ err, titleId }, 'playability sync failed'));
    while (!this.stopping && this.running.size < (this.options.concurrency ?? 1)) {
      const claimed = await this.store.claim(this.owner, this.leaseMs);
      if (!claimed) return;
      const controller = new AbortController();
      const done = this.run(claimed.job, claimed.lease, claimed.sourceKey, controller)
        // Bookkeeping failed too (database down): the lease will expire and the job be retried.
        .catch((err: unknown) => this.log.error({ err, jobId: claimed.job.id }, 'ingest job bookkeeping failed'))
        .finally(() => {
          this.running.delete(claimed.job.id);
          this.schedule(0); // a slot is free: look for the next job now rather than at the next poll
        });
      this.running.set(claimed.job.id, { controller, done });
    }
  }

  private emit(event: JobEvent): void {
    try {
      this.options.onEvent?.(event);
    } catch (err) {
      this.log.warn({ err }, 'job event listener failed');
    }
  }

  /** Removes everything a failed job left: every attempt's uploads, its source and its scratch space. */
  private async discard(jobId: string, titleId: string, episodeId: string | null, sourceKey: string): Promise<void> {
    await deletePrefix(this.options.blobs, jobPrefix(titleId, episodeId, jobId));
    await this.options.blobs.delete(sourceKey);
    await rm(path.join(this.options.workRoot, jobId), { recursive: true, force: true });
  }

  private async run(job: Job, lease: Lease, sourceKey: string, controller: AbortController): Promise<void> {
    const { blobs } = this.options;
    const folder = jobPrefix(job.titleId, job.episodeId, job.id);
    const prefix = attemptPrefix(folder, lease.attempt);
    // A dead attempt on this machine may have left scratch files; this attempt starts clean.
    await rm(path.join(this.options.workRoot, job.id), { recursive: true, force: true });
    const workDir = path.join(this.options.workRoot, job.id, String(lease.attempt));
    let lost = false;
    const loseLease = (): void => {
      lost = true;
      controller.abort();
    };
    const heartbeat = setInterval(() => {
      this.store.heartbeat(lease, this.leaseMs).then(
        (ok) => {
          if (!ok) loseLease();
        },
        (err: unknown) => this.log.warn({ err, jobId: job.id }, 'heartbeat failed'),
      );
    }, this.options.heartbeatMs ?? Math.max(50, Math.floor(this.leaseMs / 3)));
    const progress = progressWriter({
      store: this.store,
      lease,
      leaseMs: this.leaseMs,
      intervalMs: this.options.progressIntervalMs ?? 500,
      onReport: (p) => this.emit({ jobId: lease.jobId, attempt: lease.attempt, state: p.stage, progress: p.overall }),
      onLeaseLost: loseLease,
      onError: (err) => this.log.warn({ err, jobId: lease.jobId }, 'progress write failed'),
    });
    this.log.info({ jobId: job.id, attempt: lease.attempt, owner: this.owner }, 'ingest job claimed');
    this.emit({ jobId: job.id, attempt: lease.attempt, state: 'probing', progress: 0 });
    try {
      const source = path.join(workDir, 'source');
      await this.download(sourceKey, source, controller.signal);
      const pipeline = this.options.pipeline ?? processSource;
      const result = await pipeline(source, workDir, { ...this.options.processing, signal: controller.signal }, progress.report);
      await progress.flush();
      if (lost) throw new LeaseLost();
      const keys = await uploadOutput(blobs, result.outputDir, prefix, { signal: controller.signal });
      const publication = {
        titleId: job.titleId,
        episodeId: job.episodeId,
        prefix,
        hls: `${prefix}/${result.manifests.hls}`,
        dash: `${prefix}/${result.manifests.dash}`,
        key: result.key,
      };
      if (!(await this.commit(lease, publication))) throw new LeaseLost();
      this.log.info({ jobId: job.id, attempt: lease.attempt, files: keys.length, prefix }, 'ingest job published');
      this.emit({ jobId: job.id, attempt: lease.attempt, state: 'ready', progress: 1 });
      // Past the commit nothing may undo the publication: tidying errors are only logged.
      await this.afterPublish(folder, prefix).catch((err: unknown) => this.log.warn({ err, jobId: job.id }, 'post-publication tidy-up failed'));
    } catch (err) {
      await this.afterFailure(job, lease, sourceKey, prefix, err, lost || err instanceof LeaseLost);
    } finally {
      clearInterval(heartbeat);
      await progress.flush().catch(() => undefined);
      await rm(workDir, { recursive: true, force: true });
      await rm(path.join(this.options.workRoot, job.id), { recursive: true, force: true }).catch(() => undefined);
    }
  }

  /**
   * Commits the publication. When the commit call itself errors (connection lost around COMMIT) the
   * database is asked what happened, so a publication that did land is never mistaken for a failure.
   */
  private async commit(lease: Lease, publication: Parameters<typeof commitPublication>[2]): Promise<boolean> {
    try {
      return await commitPublication(this.options.db, lease, publication);
    } catch (err) {
      const after = await this.store.get(lease.jobId);
      if (after?.state === 'ready' && after.output?.prefix === publication.prefix) return true;
      throw err;
    }
  }

  /** Earlier attempts of the job that died mid-upload left files in their own folders: remove them. */
  private async afterPublish(folder: string, prefix: string): Promise<void> {
    const { blobs } = this.options;
    const stray = new Set<string>();
    for await (const info of blobs.list(`${folder}/`)) {
      if (!info.key.startsWith(`${prefix}/`)) stray.add(info.key);
    }
    for (const key of stray) await blobs.delete(key);
    await syncPlayability(this.options.db, this.options.catalog, (err, titleId) => this.log.warn({ err, titleId }, 'playability sync failed'));
  }

  private async afterFailure(job: Job, lease: Lease, sourceKey: string, prefix: string, err: unknown, lost: boolean): Promise<void> {
    // This attempt's uploads never become visible: nothing points at them.
    await deletePrefix(this.options.blobs, prefix).catch(() => undefined);
    if (lost) {
      this.log.warn({ jobId: job.id, attempt: lease.attempt }, 'ingest job lease lost; another worker owns it now');
      return;
    }
    if (this.stopping) {
      await this.store.release(lease, { countAttempt: false });
      this.log.info({ jobId: job.id }, 'ingest job released on shutdown');
      return;
    }
    const failure = classifyFailure(err);
    const reason = { code: failure.code, message: failure.message };
    if (!failure.permanent && lease.attempt < job.maxAttempts) {
      this.log.warn({ jobId: job.id, attempt: lease.attempt, reason }, 'ingest attempt failed; will retry');
      await this.store.release(lease, { countAttempt: true, reason });
      this.emit({ jobId: job.id, attempt: lease.attempt, state: 'queued', progress: 0, reason });
      return;
    }
    const code: JobReasonCode = failure.permanent ? failure.code : 'JOB_ATTEMPTS_EXHAUSTED';
    const message = failure.permanent ? failure.message : `Failed on every one of ${job.maxAttempts} attempts; last: ${failure.message}`;
    if (await this.store.fail(lease, code, message)) {
      await this.discard(job.id, job.titleId, job.episodeId, sourceKey);
      this.log.warn({ jobId: job.id, code, message }, 'ingest job failed');
      this.emit({ jobId: job.id, attempt: lease.attempt, state: 'failed', progress: 0, reason: { code, message } });
    }
  }

  private async download(key: string, file: string, signal: AbortSignal): Promise<void> {
    const read = await this.options.blobs.get(key);
    if (!read) throw new Error(`source ${key} is missing from blob storage`);
    await mkdir(path.dirname(file), { recursive: true });
    await pipeStreams(read.body, createWriteStream(file), { signal });
  }
}
