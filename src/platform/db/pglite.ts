import fs from 'node:fs/promises';
import { PGlite, types } from '@electric-sql/pglite';
import { Kysely, sql } from 'kysely';
import { PGliteDialect } from 'kysely-pglite-dialect';
import type { Db } from './types.js';

// Same value shapes as the `pg` adapter (see postgres.ts): int8 and numeric as JS numbers.
const parsers = {
  [types.INT8]: (value: string) => Number(value),
  [types.NUMERIC]: (value: string) => Number(value),
};

/**
 * Embedded PostgreSQL (WASM). `dir` persists it on disk; undefined keeps it in memory (tests).
 * PGlite has one session, so the dialect serialises queries and transactions on it.
 */
export async function openPglite(dir: string | undefined): Promise<Db> {
  if (dir) await fs.mkdir(dir, { recursive: true });
  const client = dir ? await PGlite.create(dir, { parsers }) : await PGlite.create({ parsers });
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
    },
  };
}
