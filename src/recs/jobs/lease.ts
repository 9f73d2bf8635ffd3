import { sql } from 'kysely';
import type { Db } from '../../platform/db/index.js';

interface LeaseTables {
  recs_job_lease: { name: string; owner: string; expires_at: Date };
}

export const RECS_LEASE = 'recs-jobs';

/**
 * A named lease row with an expiry, on the database's clock (every process agrees on it): at most
 * one owner holds it until it expires or is released, so two `jobs` processes never run together.
 * A holder renews while it works; a crashed holder's lease lapses after its TTL.
 */
export class JobLease {
  constructor(
    private readonly db: Db,
    readonly owner: string,
    private readonly ttlMs: number,
    private readonly name = RECS_LEASE,
  ) {}

  /** Takes the lease if it is free, expired or already ours (then renews it); true when held. */
  async acquire(): Promise<boolean> {
    const expires = sql<Date>`now() + (${this.ttlMs} * interval '1 millisecond')`;
    const row = await this.db
      .builder<LeaseTables>()
      .insertInto('recs_job_lease')
      .values({ name: this.name, owner: this.owner, expires_at: expires })
      .onConflict((oc) =>
        oc
          .column('name')
          .doUpdateSet({ owner: this.owner, expires_at: expires })
          .where((eb) => eb.or([eb('recs_job_lease.expires_at', '<', sql<Date>`now()`), eb('recs_job_lease.owner', '=', this.owner)])),
      )
      .returning('owner')
      .executeTakeFirst();
    return row?.owner === this.owner;
  }

  /** Extends a held lease; false when it was lost (expired and taken by someone else). */
  async renew(): Promise<boolean> {
    const result = await this.db
      .builder<LeaseTables>()
      .updateTable('recs_job_lease')
      .set({ expires_at: sql<Date>`now() + (${this.ttlMs} * interval '1 millisecond')` })
      .where('name', '=', this.name)
      .where('owner', '=', this.owner)
      .executeTakeFirst();
    return result.numUpdatedRows > 0n;
  }

  /** Gives the lease up (only if still ours). */
  async release(): Promise<void> {
    await this.db.builder<LeaseTables>().deleteFrom('recs_job_lease').where('name', '=', this.name).where('owner', '=', this.owner).execute();
  }

  /** The current holder, if the lease is held and unexpired. */
  async holder(): Promise<string | undefined> {
    const row = await this.db
      .builder<LeaseTables>()
      .selectFrom('recs_job_lease')
      .select('owner')
      .where('name', '=', this.name)
      .where('expires_at', '>', sql<Date>`now()`)
      .executeTakeFirst();
    return row?.owner;
  }

  /**
   * Runs `work` under the lease, renewing it every third of its TTL; undefined (work not run) when
   * another owner holds it. The lease is released afterwards, whatever `work` did.
   */
  async runExclusive<T>(work: () => Promise<T>): Promise<{ ran: true; value: T } | { ran: false; holder: string | undefined }> {
    if (!(await this.acquire())) return { ran: false, holder: await this.holder() };
    const timer = setInterval(() => void this.renew().catch(() => undefined), Math.max(50, this.ttlMs / 3));
    try {
      return { ran: true, value: await work() };
    } finally {
      clearInterval(timer);
      await this.release();
    }
  }
}
