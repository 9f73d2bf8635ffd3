import type { PipelineProgress } from '../pipeline.js';
import type { JobStore, Lease } from './store.js';

export interface ProgressWriterOptions {
  store: Pick<JobStore, 'progress'>;
  lease: Lease;
  leaseMs: number;
  /** At most one write per interval, plus one on every stage change. */
  intervalMs: number;
  /** Every report, unthrottled (in-process listeners). */
  onReport?: (progress: PipelineProgress) => void;
  /** A write matched no row: the lease is gone, the run must stop. */
  onLeaseLost: () => void;
  onError?: (err: unknown) => void;
}

/**
 * Throttled, serialised progress writes for one attempt. Writes extend the lease too; `flush` writes
 * the last throttled report and waits for every write in flight.
 */
export function progressWriter(options: ProgressWriterOptions): { report: (p: PipelineProgress) => void; flush: () => Promise<void> } {
  const { store, lease, leaseMs } = options;
  let chain: Promise<void> = Promise.resolve();
  let lastStage: string | undefined;
  let lastWrite = 0;
  let unwritten: PipelineProgress | undefined;
  const write = (p: PipelineProgress): void => {
    lastStage = p.stage;
    lastWrite = Date.now();
    unwritten = undefined;
    // Chained so an older fraction can never land after a newer one.
    chain = chain
      .then(() => store.progress(lease, p.stage, p.overall, leaseMs))
      .then((ok) => {
        if (!ok) options.onLeaseLost();
      })
      .catch((err: unknown) => options.onError?.(err));
  };
  return {
    report: (p) => {
      options.onReport?.(p);
      if (p.stage !== lastStage || Date.now() - lastWrite >= options.intervalMs) write(p);
      else unwritten = p;
    },
    flush: async () => {
      if (unwritten) write(unwritten);
      await chain;
    },
  };
}
