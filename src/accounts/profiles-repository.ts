import type { Kysely, Updateable } from 'kysely';
import { AppError } from '../errors.js';
import type { Db } from '../platform/db/index.js';
import { isUniqueViolation } from './accounts-repository.js';
import type { AccountTables, ProfileRow } from './tables.js';

/** Reads and writes of the `profiles` table. */
export class ProfilesRepository {
  private readonly db: Kysely<AccountTables>;

  constructor(db: Db) {
    this.db = db.builder<AccountTables>();
  }

  listProfiles(accountId: string): Promise<ProfileRow[]> {
    return this.db
      .selectFrom('profiles')
      .selectAll()
      .where('account_id', '=', accountId)
      .orderBy('created_at')
      .orderBy('id')
      .execute();
  }

  findProfile(id: string): Promise<ProfileRow | undefined> {
    return this.db.selectFrom('profiles').selectAll().where('id', '=', id).executeTakeFirst();
  }

  /** Inserts a profile unless the account already has `maxProfiles`; false when the limit stopped it. */
  async insertProfile(row: ProfileRow, maxProfiles: number): Promise<boolean> {
    try {
      return await this.db.transaction().execute(async (tx) => {
        // Locking the account row serialises concurrent creates, so two requests cannot both pass the count.
        await tx.selectFrom('accounts').select('id').where('id', '=', row.account_id).forUpdate().executeTakeFirst();
        const { count } = await tx
          .selectFrom('profiles')
          .select((eb) => eb.fn.countAll<string>().as('count'))
          .where('account_id', '=', row.account_id)
          .executeTakeFirstOrThrow();
        if (Number(count) >= maxProfiles) return false;
        await tx.insertInto('profiles').values(row).execute();
        return true;
      });
    } catch (err) {
      if (isUniqueViolation(err)) throw new AppError('PROFILE_NAME_TAKEN', undefined, { field: 'body.name' });
      throw err;
    }
  }

  /** Applies a partial update; returns the updated row. */
  async updateProfile(id: string, changes: Updateable<ProfileRow>): Promise<ProfileRow | undefined> {
    try {
      return await this.db.updateTable('profiles').set(changes).where('id', '=', id).returningAll().executeTakeFirst();
    } catch (err) {
      if (isUniqueViolation(err)) throw new AppError('PROFILE_NAME_TAKEN', undefined, { field: 'body.name' });
      throw err;
    }
  }

  /** Deletes a profile and, by cascade, its list, ratings, history and progress. */
  async deleteProfile(id: string): Promise<void> {
    await this.db.deleteFrom('profiles').where('id', '=', id).execute();
  }
}
