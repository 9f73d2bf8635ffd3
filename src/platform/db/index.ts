import path from 'node:path';
import type { Db } from './types.js';
import { openPglite } from './pglite.js';
import { openPostgres } from './postgres.js';

export type { Db, Migration } from './types.js';
export { migrate, appliedMigrations } from './migrate.js';
export { openPglite, openPostgres };

/** PostgreSQL when a URL is configured, otherwise PGlite persisted under the data dir. */
export function openDb(options: { databaseUrl: string | undefined; dataDir: string }): Promise<Db> {
  return options.databaseUrl
    ? openPostgres({ url: options.databaseUrl })
    : openPglite(path.join(options.dataDir, 'db'));
}
