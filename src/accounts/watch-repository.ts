import { sql, type Kysely } from 'kysely';
import type { Db } from '../platform/db/index.js';
import type { TimeCursor } from './cursor.js';
import type { AccountTables, HistoryRow, ProgressRow } from './tables.js';

/** Reads and writes of `viewing_history` and `progress`. */
export class WatchRepository {
  private readonly db: Kysely<AccountTables>;

  constructor(db: Db) {
    this.db = db.builder<AccountTables>();
  }

  /**
   * Stores a position unless a newer one is already stored (events may arrive late or twice), and
   * moves the title's history item forward in the same transaction. True when the position was newer.
   */
  recordProgress(row: ProgressRow): Promise<boolean> {
    return this.db.transaction().execute(async (tx) => {
      const stored = await tx
        .insertInto('progress')
        .values(row)
        .onConflict((oc) =>
          oc
            .columns(['profile_id', 'title_id', 'episode_id'])
            .doUpdateSet((eb) => ({
              position_sec: eb.ref('excluded.position_sec'),
              duration_sec: eb.ref('excluded.duration_sec'),
              completed: eb.ref('excluded.completed'),
              updated_at: eb.ref('excluded.updated_at'),
            }))
            .where('progress.updated_at', '<', row.updated_at),
        )
        .returning('profile_id')
        .executeTakeFirst();
      await tx
        .insertInto('viewing_history')
        .values({
          profile_id: row.profile_id,
          title_id: row.title_id,
          last_episode_id: row.episode_id === '' ? null : row.episode_id,
          last_watched_at: row.updated_at,
          hidden_at: null,
        })
        .onConflict((oc) =>
          oc
            .columns(['profile_id', 'title_id'])
            .doUpdateSet((eb) => ({
              last_episode_id: eb.ref('excluded.last_episode_id'),
              last_watched_at: eb.ref('excluded.last_watched_at'),
            }))
            .where('viewing_history.last_watched_at', '<', row.updated_at),
        )
        .execute();
      return stored !== undefined;
    });
  }

  /** Visible history items newest first, `limit` rows after the cursor. */
  historyPage(profileId: string, after: TimeCursor | undefined, limit: number): Promise<HistoryRow[]> {
    let query = this.db
      .selectFrom('viewing_history')
      .selectAll()
      .where('profile_id', '=', profileId)
      .where((eb) => eb.or([eb('hidden_at', 'is', null), eb('hidden_at', '<', eb.ref('last_watched_at'))]));
    if (after) {
      query = query.where((eb) => eb(eb.refTuple('last_watched_at', 'title_id'), '<', eb.tuple(after.at, after.titleId)));
    }
    return query.orderBy('last_watched_at', 'desc').orderBy('title_id', 'desc').limit(limit).execute();
  }

  /**
   * `recordProgress` for many positions in one transaction and two statements (the progress consumer's
   * poll). Rows must be distinct by profile × title × episode. Returns the rows that were newer than
   * the stored ones.
   */
  recordProgressMany(rows: readonly ProgressRow[]): Promise<ProgressRow[]> {
    if (rows.length === 0) return Promise.resolve([]);
    // One history item per profile × title: the newest of its episodes' positions.
    const history = new Map<string, ProgressRow>();
    for (const row of rows) {
      const key = `${row.profile_id}\n${row.title_id}`;
      const held = history.get(key);
      if (!held || held.updated_at < row.updated_at) history.set(key, row);
    }
    return this.db.transaction().execute(async (tx) => {
      const stored = await tx
        .insertInto('progress')
        .values([...rows])
        .onConflict((oc) =>
          oc
            .columns(['profile_id', 'title_id', 'episode_id'])
            .doUpdateSet((eb) => ({
              position_sec: eb.ref('excluded.position_sec'),
              duration_sec: eb.ref('excluded.duration_sec'),
              completed: eb.ref('excluded.completed'),
              updated_at: eb.ref('excluded.updated_at'),
            }))
            .where('progress.updated_at', '<', (eb) => eb.ref('excluded.updated_at')),
        )
        .returning(['profile_id', 'title_id', 'episode_id'])
        .execute();
      await tx
        .insertInto('viewing_history')
        .values(
          [...history.values()].map((row) => ({
            profile_id: row.profile_id,
            title_id: row.title_id,
            last_episode_id: row.episode_id === '' ? null : row.episode_id,
            last_watched_at: row.updated_at,
            hidden_at: null,
          })),
        )
        .onConflict((oc) =>
          oc
            .columns(['profile_id', 'title_id'])
            .doUpdateSet((eb) => ({
              last_episode_id: eb.ref('excluded.last_episode_id'),
              last_watched_at: eb.ref('excluded.last_watched_at'),
            }))
            .where('viewing_history.last_watched_at', '<', (eb) => eb.ref('excluded.last_watched_at')),
        )
        .execute();
      const changed = new Set(stored.map((r) => `${r.profile_id}\n${r.title_id}\n${r.episode_id}`));
      return rows.filter((r) => changed.has(`${r.profile_id}\n${r.title_id}\n${r.episode_id}`));
    });
  }

  /** Hides a history item (and so the title's Continue Watching entry); false when there is none. */
  async hide(profileId: string, titleId: string, at: Date): Promise<boolean> {
    // Never earlier than the last watch, so a clock skew cannot leave the item visible.
    const result = await this.db
      .updateTable('viewing_history')
      .set((eb) => ({ hidden_at: sql<Date>`greatest(${at}::timestamptz, ${eb.ref('last_watched_at')})` }))
      .where('profile_id', '=', profileId)
      .where('title_id', '=', titleId)
      .executeTakeFirst();
    return result.numUpdatedRows > 0n;
  }

  /** Every stored position of one title (one per episode for a show), newest first. */
  progressForTitle(profileId: string, titleId: string): Promise<ProgressRow[]> {
    return this.db
      .selectFrom('progress')
      .selectAll()
      .where('profile_id', '=', profileId)
      .where('title_id', '=', titleId)
      .orderBy('updated_at', 'desc')
      .orderBy('episode_id')
      .execute();
  }

  /** Every stored position of a profile (one per movie, one per episode), newest first. */
  positions(profileId: string, limit: number): Promise<ProgressRow[]> {
    return this.db
      .selectFrom('progress')
      .selectAll()
      .where('profile_id', '=', profileId)
      .orderBy('updated_at', 'desc')
      .orderBy('title_id')
      .orderBy('episode_id')
      .limit(limit)
      .execute();
  }

  /** The latest position of each title whose history item is not hidden, newest first. */
  latestPerTitle(profileId: string, limit: number, includeCompleted: boolean): Promise<ProgressRow[]> {
    const latest = this.db
      .selectFrom('progress as p')
      .leftJoin('viewing_history as h', (join) => join.onRef('h.profile_id', '=', 'p.profile_id').onRef('h.title_id', '=', 'p.title_id'))
      .selectAll('p')
      .distinctOn('p.title_id')
      .where('p.profile_id', '=', profileId)
      .where((eb) => eb.or([eb('h.hidden_at', 'is', null), eb('h.hidden_at', '<', eb.ref('p.updated_at'))]))
      .orderBy('p.title_id')
      .orderBy('p.updated_at', 'desc');
    let query = this.db.selectFrom(latest.as('latest')).selectAll();
    if (!includeCompleted) query = query.where('completed', '=', false);
    return query.orderBy('updated_at', 'desc').orderBy('title_id').limit(limit).execute();
  }
}
