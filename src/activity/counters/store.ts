import { sql, type Kysely, type Transaction } from 'kysely';
import type { Db } from '../../platform/db/index.js';
import type { LogRecord } from '../../platform/log/index.js';
import type { RecordFailure } from '../consumer-runner.js';
import { aggregate, hourOf, sessionIds, TICK_GAP_CAP_MS, type SessionTick } from './aggregate.js';
import type { CounterTables } from './tables.js';

/** One title × country × hour row. */
export interface HourlyCount {
  titleId: string;
  country: string;
  hour: Date;
  starts: number;
  uniqueProfiles: number;
  watchSeconds: number;
  completions: number;
}

/** Totals of one title over a rolling window. */
export interface RollingCount {
  titleId: string;
  starts: number;
  /** Distinct profiles over the whole window (not a sum of hourly figures). */
  uniqueProfiles: number;
  watchSeconds: number;
  completions: number;
}

export interface RollingQuery {
  /** Window length ending at `now`: 24 (a day) or 168 (a week) in practice. */
  hours: number;
  now?: number;
  /** One country only; every country when omitted. */
  country?: string;
  /** Only these titles; every title when omitted. */
  titleIds?: readonly string[];
  /** The top N by watch seconds; all when omitted. */
  limit?: number;
}

/** How a batch is applied: live records skip offsets already applied; dead letters skip letters already applied. */
export type ApplyMode = 'live' | 'dead-letter';

const CHUNK = 500;

function chunks<T>(items: readonly T[]): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += CHUNK) out.push(items.slice(i, i + CHUNK));
  return out;
}

/**
 * The counters' database side. `apply` writes a batch's increments, its unique profiles, the session
 * ticks and the applied offsets in one transaction, so a crash anywhere leaves either all or none of
 * it, and a redelivered record (at or below the stored offset) is skipped.
 */
export class CounterStore {
  private readonly db: Kysely<CounterTables>;

  constructor(db: Db) {
    this.db = db.builder<CounterTables>();
  }

  /** Applies a batch; returns the records that cannot be counted (bad data, for the dead-letter topic). */
  async apply(records: readonly LogRecord[], mode: ApplyMode = 'live'): Promise<RecordFailure[]> {
    if (records.length === 0) return [];
    return this.db.transaction().execute(async (tx) => {
      const fresh = mode === 'live' ? await this.unappliedOffsets(tx, records) : await this.unappliedLetters(tx, records);
      if (fresh.length === 0) return [];
      const settings = await tx.selectFrom('activity_counter_settings').select('count_from_ms').where('id', '=', 1).executeTakeFirst();
      const stored = await this.loadTicks(tx, sessionIds(fresh));
      const { deltas, sessions, failures } = aggregate(fresh, stored, settings?.count_from_ms ?? 0);

      // Unique profiles first: only the rows this insert really adds count.
      const added = new Map<string, number>();
      const profileRows = [...deltas.values()].flatMap((d) =>
        [...d.profiles].map((profileId) => ({ title_id: d.titleId, country: d.country, hour: new Date(d.hourMs), profile_id: profileId })),
      );
      for (const rows of chunks(profileRows)) {
        const inserted = await tx
          .insertInto('activity_title_hourly_profiles')
          .values(rows)
          .onConflict((oc) => oc.doNothing())
          .returning(['title_id', 'country', 'hour'])
          .execute();
        for (const row of inserted) {
          const key = `${row.title_id}\n${row.country}\n${new Date(row.hour).getTime()}`;
          added.set(key, (added.get(key) ?? 0) + 1);
        }
      }
      const hourly = [...deltas.entries()].map(([key, d]) => ({
        title_id: d.titleId,
        country: d.country,
        hour: new Date(d.hourMs),
        starts: d.starts,
        unique_profiles: added.get(key) ?? 0,
        watch_seconds: d.watchSeconds,
        completions: d.completions,
      }));
      for (const rows of chunks(hourly)) {
        await tx
          .insertInto('activity_title_hourly')
          .values(rows)
          .onConflict((oc) =>
            oc.columns(['title_id', 'country', 'hour']).doUpdateSet({
              starts: sql`activity_title_hourly.starts + excluded.starts`,
              unique_profiles: sql`activity_title_hourly.unique_profiles + excluded.unique_profiles`,
              watch_seconds: sql`activity_title_hourly.watch_seconds + excluded.watch_seconds`,
              completions: sql`activity_title_hourly.completions + excluded.completions`,
            }),
          )
          .execute();
      }
      await this.saveTicks(tx, sessions);
      if (mode === 'live') await this.saveOffsets(tx, fresh);
      else await this.saveLetters(tx, fresh);
      return failures;
    });
  }

  /** The records above each partition's applied offset. */
  private async unappliedOffsets(tx: Transaction<CounterTables>, records: readonly LogRecord[]): Promise<LogRecord[]> {
    const topics = [...new Set(records.map((r) => r.topic))];
    const rows = await tx
      .selectFrom('activity_counter_offsets')
      .selectAll()
      .where('topic', 'in', topics)
      .forUpdate()
      .execute();
    const applied = new Map(rows.map((r) => [`${r.topic}\n${r.partition}`, Number(r.last_offset)]));
    return records.filter((r) => r.offset > (applied.get(`${r.topic}\n${r.partition}`) ?? -1));
  }

  private async saveOffsets(tx: Transaction<CounterTables>, records: readonly LogRecord[]): Promise<void> {
    const last = new Map<string, { topic: string; partition: number; last_offset: number }>();
    for (const r of records) {
      const key = `${r.topic}\n${r.partition}`;
      if ((last.get(key)?.last_offset ?? -1) < r.offset) last.set(key, { topic: r.topic, partition: r.partition, last_offset: r.offset });
    }
    await tx
      .insertInto('activity_counter_offsets')
      .values([...last.values()])
      .onConflict((oc) => oc.columns(['topic', 'partition']).doUpdateSet({ last_offset: sql`greatest(activity_counter_offsets.last_offset, excluded.last_offset)` }))
      .execute();
  }

  /** Dead letters not applied by an earlier DLQ replay. */
  private async unappliedLetters(tx: Transaction<CounterTables>, records: readonly LogRecord[]): Promise<LogRecord[]> {
    const fresh: LogRecord[] = [];
    for (const r of records) {
      const seen = await tx
        .selectFrom('activity_counter_dead_applied')
        .select('record_offset')
        .where('topic', '=', r.topic)
        .where('partition', '=', r.partition)
        .where('record_offset', '=', r.offset)
        .executeTakeFirst();
      if (!seen) fresh.push(r);
    }
    return fresh;
  }

  private async saveLetters(tx: Transaction<CounterTables>, records: readonly LogRecord[]): Promise<void> {
    for (const rows of chunks(records.map((r) => ({ topic: r.topic, partition: r.partition, record_offset: r.offset })))) {
      await tx.insertInto('activity_counter_dead_applied').values(rows).onConflict((oc) => oc.doNothing()).execute();
    }
  }

  private async loadTicks(tx: Transaction<CounterTables>, ids: readonly string[]): Promise<Map<string, SessionTick>> {
    const ticks = new Map<string, SessionTick>();
    for (const part of chunks(ids)) {
      const rows = await tx.selectFrom('activity_counter_sessions').selectAll().where('session_id', 'in', part).execute();
      for (const r of rows) ticks.set(r.session_id, { atMs: Number(r.at_ms), positionSec: r.position_sec, partition: r.partition });
    }
    return ticks;
  }

  /** Writes the new ticks, deletes ended sessions, and drops ticks too old to ever count again. */
  private async saveTicks(tx: Transaction<CounterTables>, sessions: ReadonlyMap<string, SessionTick | null>): Promise<void> {
    const ended = [...sessions].filter(([, tick]) => tick === null).map(([id]) => id);
    for (const part of chunks(ended)) await tx.deleteFrom('activity_counter_sessions').where('session_id', 'in', part).execute();
    const live = [...sessions].flatMap(([id, tick]) => (tick ? [{ session_id: id, partition: tick.partition, at_ms: tick.atMs, position_sec: tick.positionSec }] : []));
    for (const rows of chunks(live)) {
      await tx
        .insertInto('activity_counter_sessions')
        .values(rows)
        .onConflict((oc) => oc.column('session_id').doUpdateSet({ partition: sql`excluded.partition`, at_ms: sql`excluded.at_ms`, position_sec: sql`excluded.position_sec` }))
        .execute();
    }
    // Per partition, by that partition's own clock: a lagging partition keeps its ticks.
    const newest = new Map<number, number>();
    for (const tick of sessions.values()) if (tick && tick.atMs > (newest.get(tick.partition) ?? 0)) newest.set(tick.partition, tick.atMs);
    for (const [partition, at] of newest) {
      await tx.deleteFrom('activity_counter_sessions').where('partition', '=', partition).where('at_ms', '<', at - TICK_GAP_CAP_MS).execute();
    }
  }

  /** Hourly rows, oldest first; for tests, the CLI and dashboards. */
  async hourly(filter: { titleId?: string; fromMs?: number } = {}): Promise<HourlyCount[]> {
    let query = this.db.selectFrom('activity_title_hourly').selectAll();
    if (filter.titleId) query = query.where('title_id', '=', filter.titleId);
    if (filter.fromMs !== undefined) query = query.where('hour', '>=', new Date(filter.fromMs));
    const rows = await query.orderBy('hour').orderBy('title_id').orderBy('country').execute();
    return rows.map((r) => ({
      titleId: r.title_id,
      country: r.country,
      hour: new Date(r.hour),
      starts: Number(r.starts),
      uniqueProfiles: Number(r.unique_profiles),
      watchSeconds: r.watch_seconds,
      completions: Number(r.completions),
    }));
  }

  /**
   * Per-title totals over the last `hours` whole and current UTC hours, summed from the hourly rows
   * (a range scan on the hour index); unique profiles are distinct over the window.
   */
  async rollingTitleCounts(query: RollingQuery): Promise<RollingCount[]> {
    const since = new Date(hourOf(query.now ?? Date.now()) - (query.hours - 1) * 3_600_000);
    let sums = this.db
      .selectFrom('activity_title_hourly')
      .select((eb) => [
        'title_id',
        eb.fn.sum<number>('starts').as('starts'),
        eb.fn.sum<number>('watch_seconds').as('watch_seconds'),
        eb.fn.sum<number>('completions').as('completions'),
      ])
      .where('hour', '>=', since)
      .groupBy('title_id')
      .orderBy('watch_seconds', 'desc')
      .orderBy('title_id');
    if (query.country) sums = sums.where('country', '=', query.country);
    if (query.titleIds) sums = query.titleIds.length ? sums.where('title_id', 'in', [...query.titleIds]) : sums.where(sql<boolean>`false`);
    if (query.limit !== undefined) sums = sums.limit(query.limit);
    const rows = await sums.execute();
    if (rows.length === 0) return [];
    let distinct = this.db
      .selectFrom('activity_title_hourly_profiles')
      .select((eb) => ['title_id', eb.fn.count<number>('profile_id').distinct().as('profiles')])
      .where('hour', '>=', since)
      .where('title_id', 'in', rows.map((r) => r.title_id))
      .groupBy('title_id');
    if (query.country) distinct = distinct.where('country', '=', query.country);
    const profiles = new Map((await distinct.execute()).map((r) => [r.title_id, Number(r.profiles)]));
    return rows.map((r) => ({
      titleId: r.title_id,
      starts: Number(r.starts),
      uniqueProfiles: profiles.get(r.title_id) ?? 0,
      watchSeconds: Number(r.watch_seconds),
      completions: Number(r.completions),
    }));
  }

  /**
   * Prepares a replay from `fromMs`: deletes every count of the hours from its hour on, forgets the
   * applied offsets and session ticks, and counts only records received from that hour on. Returns
   * the time to seek the group to: the hour start minus the tick gap cap, so the sessions running
   * across the hour boundary get their ticks back before counting starts.
   */
  async resetFrom(fromMs: number): Promise<number> {
    const hour = hourOf(fromMs);
    await this.db.transaction().execute(async (tx) => {
      await tx.deleteFrom('activity_title_hourly').where('hour', '>=', new Date(hour)).execute();
      await tx.deleteFrom('activity_title_hourly_profiles').where('hour', '>=', new Date(hour)).execute();
      await tx.deleteFrom('activity_counter_offsets').execute();
      await tx.deleteFrom('activity_counter_sessions').execute();
      await tx
        .insertInto('activity_counter_settings')
        .values({ id: 1, count_from_ms: hour })
        .onConflict((oc) => oc.column('id').doUpdateSet({ count_from_ms: hour }))
        .execute();
    });
    return hour - TICK_GAP_CAP_MS;
  }
}
