import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import { redactUrl } from '../../config.js';
import type { Db } from './types.js';

// int8 (counts, sums) as JS numbers: every value Marquee stores fits in 2^53.
pg.types.setTypeParser(pg.types.builtins.INT8, (value) => Number(value));
pg.types.setTypeParser(pg.types.builtins.NUMERIC, (value) => Number(value));

export interface PostgresOptions {
  url: string;
  /** Schema to use instead of `public`; created when missing. Tests use one per run. */
  schema?: string;
  poolSize?: number;
}

/** PostgreSQL through a `pg` pool; fails fast with the (redacted) address when unreachable. */
export async function openPostgres(options: PostgresOptions): Promise<Db> {
  const { url, schema } = options;
  if (schema !== undefined && !/^[a-z_][a-z0-9_]*$/.test(schema)) {
    throw new Error(`invalid schema name "${schema}"`);
  }
  const pool = new pg.Pool({
    connectionString: url,
    max: options.poolSize ?? 10,
    connectionTimeoutMillis: 5_000,
    ...(schema ? { options: `-c search_path=${schema}` } : {}),
  });
  // An idle client erroring (server restart) must not crash the process; the next query reconnects.
  pool.on('error', () => {});
  try {
    if (schema) await pool.query(`create schema if not exists ${schema}`);
    else await pool.query('select 1');
  } catch (err) {
    await pool.end().catch(() => {});
    const reason = err instanceof Error ? err.message : String(err);
    throw new Error(`MARQUEE_DATABASE_URL: cannot reach PostgreSQL at ${redactUrl(url)}: ${reason}`, { cause: err });
  }
  const kysely = new Kysely<unknown>({ dialect: new PostgresDialect({ pool }) });
  return {
    kind: 'postgres',
    builder: <Tables>() => kysely as unknown as Kysely<Tables>,
    async exec(script) {
      await pool.query(script);
    },
    async ping() {
      await pool.query('select 1');
    },
    async close() {
      await kysely.destroy();
    },
  };
}
