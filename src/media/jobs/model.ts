import { MEDIA_ERRORS, isMediaError, type MediaErrorCode } from '../errors.js';
import { PIPELINE_STAGES, type PipelineStage } from '../pipeline.js';

/** Every state of an ingest job: queued, the pipeline's stages in order, then ready or failed. */
export const JOB_STATES = ['queued', ...PIPELINE_STAGES, 'ready', 'failed'] as const;
export type JobState = (typeof JOB_STATES)[number];
/** States in which a worker holds the job's lease. */
export type RunningState = PipelineStage;
export const TERMINAL_STATES: readonly JobState[] = ['ready', 'failed'];
export const RUNNING_STATES: readonly RunningState[] = PIPELINE_STAGES;

/** Why a job failed: a media code (bad source, QC) or one of the job machinery's own codes. */
export type JobReasonCode = MediaErrorCode | 'JOB_ATTEMPTS_EXHAUSTED' | 'JOB_PUBLISH_FAILED' | 'JOB_INTERNAL';

/** An ingest job as the API, the CLI and the worker see it. */
export interface Job {
  id: string;
  titleId: string;
  episodeId: string | null;
  state: JobState;
  /** Position of a running state among the pipeline's stages (1-based), for "encoding 3/6". */
  stage: { index: number; count: number } | null;
  /** Estimate for the whole run, 0..1 (1 once ready). */
  progress: number;
  attempts: number;
  maxAttempts: number;
  reason: { code: string; message: string } | null;
  /** Blob keys of the published output (origin serves `media/...` as `/media/...`). */
  output: { prefix: string; hls: string; dash: string } | null;
  leaseOwner: string | null;
  leaseExpiresAt: string | null;
  createdAt: string;
  updatedAt: string;
  finishedAt: string | null;
}

export const isTerminal = (state: JobState): boolean => TERMINAL_STATES.includes(state);
export const isRunning = (state: JobState): state is RunningState => (RUNNING_STATES as readonly JobState[]).includes(state);

/** "encoding" → {index: 3, count: 6}; null outside the pipeline. */
export function stageOf(state: JobState): Job['stage'] {
  return isRunning(state) ? { index: RUNNING_STATES.indexOf(state) + 1, count: RUNNING_STATES.length } : null;
}

/**
 * The state machine, as the states a job may move to `to` from. The store's UPDATEs use it in their
 * WHERE clauses, so an illegal transition simply matches no row.
 * - queued → probing (claim); a running state whose lease expired → probing (reclaim, next attempt)
 * - a running state → the same or a later stage (progress; throttled writes may skip a stage)
 * - a running state → queued (released on shutdown, or a retryable error)
 * - qc → ready (publication); anything unfinished → failed
 */
export function predecessors(to: JobState): JobState[] {
  if (to === 'queued') return [...RUNNING_STATES];
  if (to === 'ready') return ['qc'];
  if (to === 'failed') return JOB_STATES.filter((s) => !isTerminal(s));
  return to === 'probing' ? ['queued', ...RUNNING_STATES] : progressFrom(to);
}

/** The states the lease owner may report progress in `to` from: the same stage or an earlier one. */
export function progressFrom(to: RunningState): RunningState[] {
  return RUNNING_STATES.slice(0, RUNNING_STATES.indexOf(to) + 1);
}

/** True when the state machine allows `from` → `to`. */
export function canTransition(from: JobState, to: JobState): boolean {
  return predecessors(to).includes(from);
}

// Sources the pipeline refuses, and QC failures, come out the same on every attempt: retrying only wastes time.
const PERMANENT_CODES: ReadonlySet<MediaErrorCode> = new Set(
  (Object.keys(MEDIA_ERRORS) as MediaErrorCode[]).filter((code) => MEDIA_ERRORS[code].status === 422 || code === 'MEDIA_BAD_OPTIONS' || code === 'MEDIA_QC_FAILED'),
);

/** The reason a pipeline error fails a job with, and whether another attempt could succeed. */
export function classifyFailure(err: unknown): { code: JobReasonCode; message: string; permanent: boolean } {
  if (isMediaError(err)) return { code: err.code, message: err.message, permanent: PERMANENT_CODES.has(err.code) };
  const message = err instanceof Error ? err.message : String(err);
  return { code: 'JOB_INTERNAL', message, permanent: false };
}
