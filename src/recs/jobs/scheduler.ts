import type { Logger } from 'pino';
import type { JobLease } from './lease.js';
import { DatasetValidationError } from '../publish/validate.js';
import { NoActivityError, type RecsRunResult } from './runner.js';

export interface SchedulerOptions {
  intervalMs: number;
  lease: JobLease;
  /** One run of the jobs (runRecsJobs with its dependencies bound). */
  run: () => Promise<RecsRunResult>;
  logger: Pick<Logger, 'info' | 'warn' | 'error'>;
  /** First run after one interval instead of at once (`start`: the lake of a fresh install is empty). */
  delayFirst?: boolean;
}

export interface RecsScheduler {
  /** Resolves after the first attempt (run, skipped or failed). */
  readonly firstAttempt: Promise<void>;
  /** Stops the loop; waits for a run in progress to finish. */
  stop(): Promise<void>;
}

/**
 * The `jobs` role's loop: every interval, take the lease and run the jobs once. Another process
 * holding the lease means this one skips the turn; a failed run (bad lake, rejected datasets) is
 * logged and the published version stays.
 */
export function startRecsScheduler(options: SchedulerOptions): RecsScheduler {
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> = Promise.resolve();

  const attempt = async (): Promise<void> => {
    const started = performance.now();
    try {
      const outcome = await options.lease.runExclusive(options.run);
      if (!outcome.ran) options.logger.info({ holder: outcome.holder }, 'recs jobs skipped: another process holds the lease');
      else {
        const { manifest, pruned } = outcome.value;
        options.logger.info(
          { version: manifest.version, seconds: Math.round(performance.now() - started) / 1000, rows: manifest.rows, eventsRead: manifest.eventsRead, pruned },
          'recs datasets published',
        );
      }
    } catch (err) {
      if (err instanceof NoActivityError) options.logger.info('recs jobs: no playback events in the lake yet; nothing published');
      else if (err instanceof DatasetValidationError) options.logger.warn({ problems: err.problems }, 'recs datasets rejected by validation; the published datasets stay');
      else options.logger.error({ err }, 'recs jobs failed; the published datasets stay');
    }
  };
  let firstDone: () => void = () => undefined;
  const firstAttempt = new Promise<void>((resolve) => (firstDone = resolve));
  const tick = (): void => {
    running = attempt().finally(() => {
      firstDone();
      if (!stopped) timer = setTimeout(tick, options.intervalMs);
    });
  };
  if (options.delayFirst) timer = setTimeout(tick, options.intervalMs);
  else tick();
  return {
    firstAttempt,
    async stop() {
      stopped = true;
      clearTimeout(timer);
      firstDone();
      await running;
    },
  };
}
