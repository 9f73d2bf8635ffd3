import type { Db } from '../../platform/db/index.js';
import type { ConsumerHandler } from '../consumer-runner.js';
import { CounterStore, type ApplyMode } from './store.js';

/** The consumer group of the counters. */
export const COUNTERS_GROUP = 'counters';

/**
 * The counters consumer: per title × country × UTC hour of receipt, starts, unique profiles, watch
 * seconds and completions (see docs/EVENTS.md, "Counters"). Idempotent: the applied offsets are stored
 * with the counts, in one transaction, so redelivered records are skipped. `mode: 'dead-letter'`
 * is the variant a DLQ replay runs: dead letters sit below the applied offsets, so it tracks applied
 * letters instead.
 */
export function countersHandler(db: Db, mode: ApplyMode = 'live'): ConsumerHandler {
  const store = new CounterStore(db);
  return {
    name: COUNTERS_GROUP,
    async handle(records) {
      const failures = await store.apply(records, mode);
      return failures.length ? { failures } : undefined;
    },
  };
}
