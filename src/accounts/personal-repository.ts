import { sql, type Kysely } from 'kysely';
import type { Db } from '../platform/db/index.js';
import type { TimeCursor } from './cursor.js';
import type { AccountTables, MyListRow, RatingRow } from './tables.js';

export type AddResult = 'added' | 'present' | 'full';

/** Reads and writes of `my_list` and `ratings`. */
export class PersonalRepository {
  private readonly db: Kysely<AccountTables>;

  constructor(db: Db) {
    this.db = db.builder<AccountTables>();
  }

  /** The whole list in display order (lists are capped, so one read is bounded). */
  listEntries(profileId: string): Promise<Pick<MyListRow, 'title_id' | 'added_at'>[]> {
    return this.db
      .selectFrom('my_list')
      .select(['title_id', 'added_at'])
      .where('profile_id', '=', profileId)
      .orderBy('position')
      .orderBy('title_id')
      .execute();
  }

  /** Adds a title at the top of the list unless it is already there or the list is full. */
  addToList(profileId: string, titleId: string, at: Date, maxItems: number): Promise<AddResult> {
    return this.db.transaction().execute(async (tx) => {
      const stats = await tx
        .selectFrom('my_list')
        .select((eb) => [
          eb.fn.countAll<string>().as('count'),
          eb.fn.min('position').as('top'),
          eb.fn.count<string>(eb.case().when('title_id', '=', titleId).then(1).end()).as('present'),
        ])
        .where('profile_id', '=', profileId)
        .executeTakeFirstOrThrow();
      if (Number(stats.present) > 0) return 'present';
      if (Number(stats.count) >= maxItems) return 'full';
      const position = stats.top === null ? 0 : Number(stats.top) - 1;
      // A concurrent add of the same title wins the race harmlessly.
      await tx
        .insertInto('my_list')
        .values({ profile_id: profileId, title_id: titleId, position, added_at: at })
        .onConflict((oc) => oc.columns(['profile_id', 'title_id']).doNothing())
        .execute();
      return 'added';
    });
  }

  /** Rewrites the list's order to `titleIds` (every title already in the list, in the new order). */
  async reorder(profileId: string, titleIds: readonly string[]): Promise<void> {
    await sql`
      update my_list m set position = v.pos
      from unnest(${titleIds}::text[]) with ordinality as v(title_id, pos)
      where m.profile_id = ${profileId} and m.title_id = v.title_id
    `.execute(this.db);
  }

  /** Removes a title; false when it was not in the list. */
  async removeFromList(profileId: string, titleId: string): Promise<boolean> {
    const result = await this.db
      .deleteFrom('my_list')
      .where('profile_id', '=', profileId)
      .where('title_id', '=', titleId)
      .executeTakeFirst();
    return result.numDeletedRows > 0n;
  }

  /** Sets (or changes) the profile's one rating of a title. */
  async upsertRating(row: RatingRow): Promise<void> {
    await this.db
      .insertInto('ratings')
      .values(row)
      .onConflict((oc) => oc.columns(['profile_id', 'title_id']).doUpdateSet({ rating: row.rating, rated_at: row.rated_at }))
      .execute();
  }

  async deleteRating(profileId: string, titleId: string): Promise<boolean> {
    const result = await this.db
      .deleteFrom('ratings')
      .where('profile_id', '=', profileId)
      .where('title_id', '=', titleId)
      .executeTakeFirst();
    return result.numDeletedRows > 0n;
  }

  findRating(profileId: string, titleId: string): Promise<RatingRow | undefined> {
    return this.db
      .selectFrom('ratings')
      .selectAll()
      .where('profile_id', '=', profileId)
      .where('title_id', '=', titleId)
      .executeTakeFirst();
  }

  /** Ratings newest first, `limit` rows after the cursor. */
  ratingsPage(profileId: string, after: TimeCursor | undefined, limit: number): Promise<RatingRow[]> {
    let query = this.db.selectFrom('ratings').selectAll().where('profile_id', '=', profileId);
    if (after) query = query.where((eb) => eb(eb.refTuple('rated_at', 'title_id'), '<', eb.tuple(after.at, after.titleId)));
    return query.orderBy('rated_at', 'desc').orderBy('title_id', 'desc').limit(limit).execute();
  }
}
