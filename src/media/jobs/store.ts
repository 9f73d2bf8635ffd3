import { randomUUID } from 'node:crypto';
import { sql, type Kysely, type RawBuilder, type Selectable, type UpdateObject } from 'kysely';
import type { Db } from '../../platform/db/index.js';
import {
  predecessors,
  progressFrom,
  RUNNING_STATES,
  stageOf,
  type Job,
  type JobReasonCode,
  type JobState,
  type RunningState,
} from './model.js';
import type { MediaJobRow, MediaJobTables } from './tables.js';

/** A worker's hold on one attempt of a job: the owner plus the attempt number form the fencing token. */
export interface Lease {
  jobId: string;
  owner: string;
  attempt: number;
}

export interface EnqueueInput {
  id?: string;
  titleId: string;
  episodeId?: string;
  sourceKey: string;
  maxAttempts?: number;
}

const iso = (d: Date | null): string | null => (d ? new Date(d).toISOString() : null);

/** Maps a row to the public Job shape. */
export function toJob(row: Selectable<MediaJobRow>): Job {
  const state = row.state as JobState;
  return {
    id: row.id,
    titleId: row.title_id,
    episodeId: row.episode_id,
    state,
    stage: stageOf(state),
    progress: row.progress,
    attempts: row.attempts,
    maxAttempts: row.max_attempts,
    reason: row.reason_code ? { code: row.reason_code, message: row.reason_message ?? '' } : null,
    output: row.output_prefix && row.hls_path && row.dash_path ? { prefix: row.output_prefix, hls: row.hls_path, dash: row.dash_path } : null,
    leaseOwner: row.lease_owner,
    leaseExpiresAt: iso(row.lease_expires_at),
    createdAt: iso(row.created_at) ?? '',
    updatedAt: iso(row.updated_at) ?? '',
    finishedAt: iso(row.finished_at),
  };
}

/** The database clock plus `ms`: every node compares leases against the same clock. */
export const leaseExpiry = (ms: number): RawBuilder<Date> => sql<Date>`now() + make_interval(secs => ${ms / 1000})`;

/**
 * The claim, as one statement: lock the oldest claimable job (queued, or running under an expired
 * lease with attempts left) with SKIP LOCKED so concurrent claimers never wait on or take the same row,
 * and move it to `probing` under a new lease in the same UPDATE.
 */
export function claimQuery(db: Kysely<MediaJobTables>, owner: string, leaseMs: number) {
  return db
    .updateTable('media_jobs')
    .set({
      state: 'probing',
      progress: 0,
      attempts: sql<number>`attempts + 1`,
      lease_owner: owner,
      lease_expires_at: leaseExpiry(leaseMs),
      updated_at: sql<Date>`now()`,
    })
    .where('id', '=', (eb) =>
      eb
        .selectFrom('media_jobs')
        .select('id')
        .where((w) =>
          w.or([
            w('state', '=', 'queued'),
            w.and([w('state', 'in', RUNNING_STATES), w('lease_expires_at', '<', sql<Date>`now()`), w('attempts', '<', w.ref('max_attempts'))]),
          ]),
        )
        .orderBy('created_at')
        .limit(1)
        .forUpdate()
        .skipLocked(),
    )
    .returningAll();
}

/** Durable ingest jobs in the database; every write by a worker is fenced by its lease. */
export class JobStore {
  constructor(private readonly db: Db) {}

  private get q(): Kysely<MediaJobTables> {
    return this.db.builder<MediaJobTables>();
  }

  /** Adds a queued job for a source already in blob storage. */
  async enqueue(input: EnqueueInput): Promise<Job> {
    const row = await this.q
      .insertInto('media_jobs')
      .values({
        id: input.id ?? newJobId(),
        title_id: input.titleId,
        episode_id: input.episodeId ?? null,
        source_key: input.sourceKey,
        ...(input.maxAttempts !== undefined ? { max_attempts: input.maxAttempts } : {}),
        lease_owner: null,
        lease_expires_at: null,
        reason_code: null,
        reason_message: null,
        output_prefix: null,
        hls_path: null,
        dash_path: null,
        finished_at: null,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    return toJob(row);
  }

  async get(id: string): Promise<Job | undefined> {
    const row = await this.q.selectFrom('media_jobs').selectAll().where('id', '=', id).executeTakeFirst();
    return row && toJob(row);
  }

  /** Newest first, optionally one title's. */
  async list(filter: { titleId?: string; limit?: number } = {}): Promise<Job[]> {
    let query = this.q.selectFrom('media_jobs').selectAll();
    if (filter.titleId !== undefined) query = query.where('title_id', '=', filter.titleId);
    const rows = await query.orderBy('created_at', 'desc').orderBy('id').limit(filter.limit ?? 50).execute();
    return rows.map(toJob);
  }

  /** Takes the next claimable job for `owner`, or undefined when there is none. */
  async claim(owner: string, leaseMs: number): Promise<{ job: Job; lease: Lease; sourceKey: string } | undefined> {
    const row = await claimQuery(this.q, owner, leaseMs).executeTakeFirst();
    if (!row) return undefined;
    return { job: toJob(row), lease: { jobId: row.id, owner, attempt: row.attempts }, sourceKey: row.source_key };
  }

  /** Extends the lease; false when it was lost (expired and reclaimed, or the job finished). */
  async heartbeat(lease: Lease, leaseMs: number): Promise<boolean> {
    return this.fenced(lease, RUNNING_STATES, { lease_expires_at: leaseExpiry(leaseMs) });
  }

  /** Records the stage and overall progress, extending the lease; false when the lease was lost. */
  async progress(lease: Lease, state: RunningState, fraction: number, leaseMs: number): Promise<boolean> {
    const progress = Math.min(1, Math.max(0, fraction));
    return this.fenced(lease, progressFrom(state), { state, progress, lease_expires_at: leaseExpiry(leaseMs) });
  }

  /**
   * Gives the job back to the queue: after a retryable error (the attempt counts) or on a graceful
   * shutdown (it does not, so stopping workers never exhausts a job).
   */
  async release(lease: Lease, options: { countAttempt: boolean; reason?: { code: JobReasonCode; message: string } }): Promise<boolean> {
    return this.fenced(lease, predecessors('queued'), {
      state: 'queued',
      progress: 0,
      lease_owner: null,
      lease_expires_at: null,
      ...(options.countAttempt ? {} : { attempts: sql<number>`attempts - 1` }),
      // The last error stays visible on a queued job so an operator sees why it is being retried.
      ...(options.reason ? { reason_code: options.reason.code, reason_message: options.reason.message } : {}),
    });
  }

  /** Fails the job for good, with the reason; false when the lease was lost meanwhile. */
  async fail(lease: Lease, code: JobReasonCode, message: string): Promise<boolean> {
    return this.fenced(lease, predecessors('failed'), {
      state: 'failed',
      reason_code: code,
      reason_message: message,
      lease_owner: null,
      lease_expires_at: null,
      finished_at: sql<Date>`now()`,
    });
  }

  /** Fails every job whose worker died on its last allowed attempt; returns them so their files can go. */
  async failExhausted(): Promise<Array<Job & { sourceKey: string }>> {
    const rows = await this.q
      .updateTable('media_jobs')
      .set({
        state: 'failed',
        reason_code: 'JOB_ATTEMPTS_EXHAUSTED',
        reason_message: sql<string>`'The worker stopped responding on every one of ' || max_attempts || ' attempts'`,
        lease_owner: null,
        lease_expires_at: null,
        finished_at: sql<Date>`now()`,
        updated_at: sql<Date>`now()`,
      })
      .where('state', 'in', RUNNING_STATES)
      .where('lease_expires_at', '<', sql<Date>`now()`)
      .where('attempts', '>=', (eb) => eb.ref('max_attempts'))
      .returningAll()
      .execute();
    return rows.map((row) => ({ ...toJob(row), sourceKey: row.source_key }));
  }

  /** One UPDATE guarded by the lease (owner and attempt) and the allowed predecessor states. */
  private async fenced(lease: Lease, from: readonly JobState[], set: UpdateObject<MediaJobTables, 'media_jobs'>): Promise<boolean> {
    const result = await this.q
      .updateTable('media_jobs')
      .set(set)
      .set({ updated_at: sql<Date>`now()` })
      .where('id', '=', lease.jobId)
      .where('lease_owner', '=', lease.owner)
      .where('attempts', '=', lease.attempt)
      .where('state', 'in', from)
      .executeTakeFirst();
    return result.numUpdatedRows > 0n;
  }
}

/** Sortable-enough, URL-safe job ids. */
export function newJobId(): string {
  return `job-${randomUUID()}`;
}
