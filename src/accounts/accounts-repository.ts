import { sql, type Kysely } from 'kysely';
import { AppError } from '../errors.js';
import type { Db } from '../platform/db/index.js';
import type { AccountRow, AccountTables, SessionRow } from './tables.js';

const UNIQUE_VIOLATION = '23505';

/** Whether a driver error is a unique-constraint violation (PGlite and pg both carry the SQLSTATE). */
export function isUniqueViolation(err: unknown): boolean {
  return (err as { code?: string } | null)?.code === UNIQUE_VIOLATION;
}

/** Reads and writes of the `accounts` and `sessions` tables. */
export class AccountsRepository {
  private readonly db: Kysely<AccountTables>;

  constructor(db: Db) {
    this.db = db.builder<AccountTables>();
  }

  /** Inserts an account; a taken email becomes EMAIL_TAKEN. */
  async insertAccount(row: AccountRow): Promise<void> {
    try {
      await this.db.insertInto('accounts').values(row).execute();
    } catch (err) {
      if (isUniqueViolation(err)) throw new AppError('EMAIL_TAKEN', undefined, { field: 'body.email' });
      throw err;
    }
  }

  findAccount(id: string): Promise<AccountRow | undefined> {
    return this.db.selectFrom('accounts').selectAll().where('id', '=', id).executeTakeFirst();
  }

  findAccountByEmail(email: string): Promise<AccountRow | undefined> {
    return this.db.selectFrom('accounts').selectAll().where('email', '=', email).executeTakeFirst();
  }

  async updatePlan(id: string, plan: string, at: Date): Promise<boolean> {
    const result = await this.db.updateTable('accounts').set({ plan, updated_at: at }).where('id', '=', id).executeTakeFirst();
    return result.numUpdatedRows > 0n;
  }

  async insertSession(row: SessionRow): Promise<void> {
    await this.db.insertInto('sessions').values(row).execute();
  }

  /** The live (not revoked) session with this token hash; expiry is the caller's check. */
  findSessionByTokenHash(tokenHash: string): Promise<SessionRow | undefined> {
    return this.db
      .selectFrom('sessions')
      .selectAll()
      .where('token_hash', '=', tokenHash)
      .where('revoked_at', 'is', null)
      .executeTakeFirst();
  }

  /** Moves each session's last-seen time forward (never back), in one statement. */
  async touchSessions(seen: readonly { id: string; at: Date }[]): Promise<void> {
    if (seen.length === 0) return;
    const values = sql.join(seen.map((s) => sql`(${s.id}, ${s.at.toISOString()}::timestamptz)`));
    await sql`update sessions as s set last_seen_at = v.at from (values ${values}) as v(id, at) where s.id = v.id and s.last_seen_at < v.at`.execute(this.db);
  }

  /** Live sessions of an account, newest first. */
  listSessions(accountId: string, now: Date): Promise<SessionRow[]> {
    return this.db
      .selectFrom('sessions')
      .selectAll()
      .where('account_id', '=', accountId)
      .where('revoked_at', 'is', null)
      .where('expires_at', '>', now)
      .orderBy('created_at', 'desc')
      .orderBy('id')
      .execute();
  }

  /** Revokes one of the account's live sessions; returns its token hash, or undefined when there is none. */
  async revokeSession(accountId: string, sessionId: string, at: Date): Promise<string | undefined> {
    const row = await this.db
      .updateTable('sessions')
      .set({ revoked_at: at })
      .where('id', '=', sessionId)
      .where('account_id', '=', accountId)
      .where('revoked_at', 'is', null)
      .returning('token_hash')
      .executeTakeFirst();
    return row?.token_hash;
  }
}
