import type { Db, Migration } from './types.js';

const UNIQUE_VIOLATION = '23505';

/** Names of the migrations already applied, in order. */
export async function appliedMigrations(db: Db): Promise<string[]> {
  // Concurrent `create table if not exists` can still collide in the catalog (pg_type unique
  // violation) when nodes start together; a transaction-scoped advisory lock per schema serialises it.
  await db.exec(`select pg_advisory_xact_lock(hashtext('marquee.schema_migrations.' || current_schema()));
  create table if not exists schema_migrations (
    name text primary key,
    applied_at timestamptz not null default now()
  )`);
  const rows = await db
    .builder<{ schema_migrations: { name: string } }>()
    .selectFrom('schema_migrations')
    .select('name')
    .orderBy('name')
    .execute();
  return rows.map((row) => row.name);
}

async function isRecorded(db: Db, name: string): Promise<boolean> {
  const row = await db
    .builder<{ schema_migrations: { name: string } }>()
    .selectFrom('schema_migrations')
    .select('name')
    .where('name', '=', name)
    .executeTakeFirst();
  return row !== undefined;
}

/**
 * Applies pending migrations in name order, each atomically with its bookkeeping row.
 * Safe when several nodes start at once: the loser of the primary-key race rolls back and skips.
 */
export async function migrate(db: Db, migrations: readonly Migration[]): Promise<string[]> {
  const done = new Set(await appliedMigrations(db));
  const applied: string[] = [];
  const ordered = [...migrations].sort((a, b) => a.name.localeCompare(b.name));
  for (const migration of ordered) {
    if (done.has(migration.name)) continue;
    if (!/^[0-9]{4}_[a-z0-9_]+$/.test(migration.name)) throw new Error(`bad migration name ${migration.name}`);
    try {
      await db.exec(`insert into schema_migrations (name) values ('${migration.name}');\n${migration.sql}`);
      applied.push(migration.name);
    } catch (err) {
      // Skip only when another node really applied it (its bookkeeping row won the primary-key race):
      // a unique violation raised by the migration's own SQL is a failure like any other.
      if ((err as { code?: string }).code === UNIQUE_VIOLATION && (await isRecorded(db, migration.name))) continue;
      throw new Error(`migration ${migration.name} failed: ${(err as Error).message}`, { cause: err });
    }
  }
  return applied;
}
