import type { Kysely } from 'kysely';

/** The relational store: PGlite embedded, PostgreSQL in services mode; one SQL dialect for both. */
export interface Db {
  readonly kind: 'pglite' | 'postgres';
  /** The typed query builder over the tables a module declares (`db.builder<CatalogTables>()`). */
  builder<Tables>(): Kysely<Tables>;
  /** Runs a multi-statement script in one implicit transaction (simple query protocol). */
  exec(script: string): Promise<void>;
  /** Throws if the database cannot answer a trivial query. */
  ping(): Promise<void>;
  close(): Promise<void>;
}

/** One versioned, forward-only migration owned by a module. Names sort in apply order. */
export interface Migration {
  name: string;
  sql: string;
}
