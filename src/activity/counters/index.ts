/** Title counters: the counters consumer, its store (hourly rows, rolling windows) and tables. */
export { aggregate, hourOf, TICK_GAP_CAP_MS, type CounterDelta, type SessionTick } from './aggregate.js';
export { COUNTERS_GROUP, countersHandler } from './handler.js';
export { counterMigrations } from './migrations.js';
export { CounterStore, type ApplyMode, type HourlyCount, type RollingCount, type RollingQuery } from './store.js';
import type { Db } from '../../platform/db/index.js';
import { CounterStore, type RollingCount, type RollingQuery } from './store.js';

/**
 * Per-title starts, distinct profiles, watch seconds and completions over the last `hours` hours
 * (24 for a day, 168 for a week), for trending and popularity rows.
 * @example
 * const week = await rollingTitleCounts(db, { hours: 168, country: 'US', limit: 10 });
 */
export function rollingTitleCounts(db: Db, query: RollingQuery): Promise<RollingCount[]> {
  return new CounterStore(db).rollingTitleCounts(query);
}
