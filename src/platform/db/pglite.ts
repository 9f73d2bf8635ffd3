import fs from 'node:fs/promises';
import { PGlite, types } from '@electric-sql/pglite';
import { Kysely, sql } from 'kysely';
import { PGliteDialect } from 'kysely-pglite-dialect';
import { lockFile } from '../dir-lock.js';
import type { Db } from './types.js';

// Same value shapes as the `pg` adapter (see postgres.ts): int8 and numeric as JS numbers.
const parsers = {
  [types.INT8]: (value: string) => Number(value),
  [types.NUMERIC]: (value: string) => Number(value),
};

/**
 * Embedded PostgreSQL (WASM). `dir` persists it on disk; undefined keeps it in memory (tests).
 * PGlite has one session, so the dialect serialises queries and transactions on it. On disk it
 * serves one process: a lock file beside the directory makes a second process (a `marquee jobs run`
 * while `npm start` runs, say) fail clearly instead of opening the same files.
 */
export async function openPglite(dir: string | undefined): Promise<Db> {
  let unlock: (() => Promise<void>) | undefined;
  if (dir) {
    await fs.mkdir(dir, { recursive: true });
    try {
      unlock = await lockFile(`${dir}.lock`, `database directory ${dir}`);
    } catch (err) {
      throw new Error(`${(err as Error).message}: embedded PGlite serves one process; stop that one first, or point every process at PostgreSQL (MARQUEE_DATABASE_URL)`, { cause: err });
    }
  }
  let client: PGlite;
  try {
    client = dir ? await PGlite.create(dir, { parsers }) : await PGlite.create({ parsers });
  } catch (err) {
    await unlock?.();
    throw err;
  }
  const kysely = new Kysely<unknown>({ dialect: new PGliteDialect(client) });
  return {
    kind: 'pglite',
    builder: <Tables>() => kysely as unknown as Kysely<Tables>,
    async exec(script) {
      // Hold the dialect's single connection: issued straight on the client, the script would
      // otherwise run inside whatever transaction another caller has open on the one session.
      await kysely.connection().execute(async () => {
        await client.exec(script);
      });
    },
    async ping() {
      await sql`select 1`.execute(kysely);
    },
    async close() {
      await kysely.destroy();
      await unlock?.();
    },
  };
}
