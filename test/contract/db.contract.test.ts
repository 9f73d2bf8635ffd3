import { randomBytes } from 'node:crypto';
import { sql, type Generated } from 'kysely';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { appliedMigrations, migrate, openPglite, openPostgres, type Db, type Migration } from '../../src/platform/db/index.js';

/**
 * One contract for every Db adapter: in-memory PGlite always, PostgreSQL when MARQUEE_DATABASE_URL
 * is set (a fresh schema per test, dropped afterwards).
 */
interface Target {
  db: Db;
  /** A second client of the same database, as a second node would have; the same Db for single-session engines. */
  peer: Db;
  close(): Promise<void>;
}

/** Opens an isolated, empty database per test; `teardown` releases whatever the harness shared. */
interface Harness {
  open(): Promise<Target>;
  teardown(): Promise<void>;
}

const databaseUrl = process.env.MARQUEE_DATABASE_URL;
const freshSchema = (): string => `marquee_test_${randomBytes(6).toString('hex')}`;

/** One in-memory PGlite for the suite (its WASM start is slow), a fresh schema per test. */
function pgliteHarness(): Harness {
  let shared: Promise<Db> | undefined;
  return {
    async open() {
      const db = await (shared ??= openPglite(undefined));
      const schema = freshSchema();
      // PGlite has a single session, so search_path set here holds for every later query.
      await db.exec(`create schema ${schema}; set search_path to ${schema}`);
      return { db, peer: db, close: () => db.exec(`drop schema ${schema} cascade; set search_path to public`) };
    },
    async teardown() {
      if (shared) await (await shared).close();
    },
  };
}

/** Two pools (two nodes) on a fresh schema per test, dropped afterwards. */
function postgresHarness(url: string): Harness {
  return {
    async open() {
      const schema = freshSchema();
      const db = await openPostgres({ url, schema, poolSize: 5 });
      const peer = await openPostgres({ url, schema, poolSize: 5 });
      return {
        db,
        peer,
        async close() {
          await db.close();
          await peer.close();
          const admin = await openPostgres({ url });
          try {
            await admin.exec(`drop schema if exists ${schema} cascade`);
          } finally {
            await admin.close();
          }
        },
      };
    },
    async teardown() {},
  };
}

interface ThingTable {
  id: Generated<number>;
  name: string;
  data: unknown;
  tags: string[];
  seen_at: Date;
  active: boolean;
  score: number;
  views: number;
}

interface Tables {
  thing: ThingTable;
  counter: { id: number; n: number };
  trail: { seq: Generated<number>; step: string };
}

const trailTable: Migration = { name: '0000_trail', sql: 'create table trail (seq serial primary key, step text not null)' };

/** Tables that only exist when their predecessor ran first, and that record the order they ran in. */
const ordered: Migration[] = [
  { name: '0002_add_column', sql: "alter table widget add column colour text; insert into trail (step) values ('0002')" },
  { name: '0001_create', sql: "create table widget (id integer primary key); insert into trail (step) values ('0001')" },
  trailTable,
];

async function tableExists(db: Db, table: string): Promise<boolean> {
  const result = await sql<{ found: string | null }>`select to_regclass(${table})::text as found`.execute(db.builder());
  return result.rows[0]?.found != null;
}

async function steps(db: Db): Promise<string[]> {
  const rows = await db.builder<Tables>().selectFrom('trail').select('step').orderBy('seq').execute();
  return rows.map((row) => row.step);
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** The cases every adapter must pass; registered inside the caller's describe block. */
function dbContract(harness: Harness): void {
  let target: Target;
  let db: Db;
  beforeEach(async () => {
    target = await harness.open();
    db = target.db;
  });
  afterEach(() => target.close());
  afterAll(() => harness.teardown());

  it('answers ping', async () => {
    await expect(db.ping()).resolves.toBeUndefined();
  });

  it('applies migrations in name order, records them and is idempotent', async () => {
    expect(await migrate(db, ordered)).toEqual(['0000_trail', '0001_create', '0002_add_column']);
    expect(await steps(db)).toEqual(['0001', '0002']);
    expect(await appliedMigrations(db)).toEqual(['0000_trail', '0001_create', '0002_add_column']);

    expect(await migrate(db, ordered)).toEqual([]);
    const next: Migration = { name: '0003_more', sql: "insert into trail (step) values ('0003')" };
    expect(await migrate(db, [...ordered, next])).toEqual(['0003_more']);
    expect(await steps(db)).toEqual(['0001', '0002', '0003']);
    expect(await appliedMigrations(db)).toEqual(['0000_trail', '0001_create', '0002_add_column', '0003_more']);
  });

  it('leaves nothing of a failing migration behind', async () => {
    const bad: Migration = { name: '0001_bad', sql: 'create table half (id integer); insert into no_such_table values (1)' };
    await expect(migrate(db, [trailTable, bad])).rejects.toThrow(/0001_bad/);
    expect(await tableExists(db, 'half')).toBe(false);
    expect(await appliedMigrations(db)).toEqual(['0000_trail']);

    const fixed: Migration = { name: '0001_bad', sql: 'create table half (id integer)' };
    expect(await migrate(db, [trailTable, fixed])).toEqual(['0001_bad']);
    expect(await tableExists(db, 'half')).toBe(true);
  });

  it('fails a migration that hits a unique violation of its own instead of taking it for a lost race', async () => {
    // 23505 is also what the loser of the bookkeeping race sees; this one must not be skipped.
    const seed: Migration = { name: '0001_seed', sql: 'create table genre (id integer primary key); insert into genre values (1)' };
    const dup: Migration = { name: '0002_dup', sql: 'create table half (id integer); insert into genre values (1)' };
    const later: Migration = { name: '0003_later', sql: 'create table later (id integer)' };
    await expect(migrate(db, [seed, dup, later])).rejects.toThrow(/0002_dup/);
    expect(await tableExists(db, 'half')).toBe(false);
    expect(await tableExists(db, 'later')).toBe(false);
    expect(await appliedMigrations(db)).toEqual(['0001_seed']);
  });

  it('fails a migration whose own SQL breaks a unique constraint instead of skipping it', async () => {
    const dup: Migration = { name: '0001_dup', sql: 'create table uniq (id integer primary key); insert into uniq values (1), (1)' };
    await expect(migrate(db, [dup])).rejects.toThrow(/0001_dup/);
    expect(await appliedMigrations(db)).toEqual([]);
    expect(await tableExists(db, 'uniq')).toBe(false);
  });

  it('applies each migration once when two nodes migrate at the same time', async () => {
    // Not idempotent on purpose: a second application would fail (table exists) or add a trail row.
    const many: Migration[] = [trailTable];
    for (let i = 1; i <= 6; i++) {
      const n = String(i).padStart(4, '0');
      many.push({ name: `${n}_step`, sql: `create table step_${i} (id integer); insert into trail (step) values ('${n}')` });
    }
    const [first, second, third] = await Promise.all([migrate(db, many), migrate(target.peer, many), migrate(db, many)]);
    expect([...first, ...second, ...third].sort()).toEqual(many.map((m) => m.name).sort());
    expect(await steps(db)).toEqual(['0001', '0002', '0003', '0004', '0005', '0006']);
    expect(await appliedMigrations(target.peer)).toEqual(many.map((m) => m.name).sort());
  });

  describe('query builder', () => {
    beforeEach(async () => {
      await db.exec(`
        create table thing (
          id serial primary key,
          name text not null,
          data jsonb not null,
          tags text[] not null,
          seen_at timestamptz not null,
          active boolean not null,
          score integer not null,
          views bigint not null
        );
        create table counter (id integer primary key, n integer not null);
        insert into counter values (1, 0);`);
    });

    it('round-trips jsonb, text[], timestamptz, boolean, integer and bigint', async () => {
      const k = db.builder<Tables>();
      const seenAt = new Date('2026-03-04T05:06:07.891Z');
      const data = { nested: { list: [1, 'two', null], flag: true }, quote: "it's \"fine\"" };
      const inserted = await k
        .insertInto('thing')
        .values({ name: 'first', data: JSON.stringify(data), tags: ['drama', 'it\'s', 'a,b', '{x}'], seen_at: seenAt, active: true, score: -42, views: 2 ** 40 })
        .returning('id')
        .executeTakeFirstOrThrow();
      await k.insertInto('thing').values({ name: 'second', data: '[]', tags: [], seen_at: new Date(0), active: false, score: 7, views: 0 }).execute();

      const row = await k.selectFrom('thing').selectAll().where('id', '=', inserted.id).executeTakeFirstOrThrow();
      expect(row).toEqual({ id: inserted.id, name: 'first', data, tags: ['drama', 'it\'s', 'a,b', '{x}'], seen_at: seenAt, active: true, score: -42, views: 2 ** 40 });
      expect(row.seen_at).toBeInstanceOf(Date);
      expect(typeof row.views).toBe('number');

      const counted = await k.selectFrom('thing').select((eb) => [eb.fn.countAll<number>().as('n'), eb.fn.sum<number>('views').as('total')]).executeTakeFirstOrThrow();
      expect(counted).toEqual({ n: 2, total: 2 ** 40 });

      const jsonHit = await k.selectFrom('thing').select('name').where(sql<boolean>`data -> 'nested' ->> 'flag' = 'true'`).execute();
      expect(jsonHit).toEqual([{ name: 'first' }]);
      const arrayHit = await k.selectFrom('thing').select('name').where(sql<boolean>`${'drama'} = any(tags)`).execute();
      expect(arrayHit).toEqual([{ name: 'first' }]);

      const updated = await k.updateTable('thing').set({ active: false, tags: ['x'] }).where('id', '=', inserted.id).executeTakeFirst();
      expect(Number(updated.numUpdatedRows)).toBe(1);
      expect(await k.selectFrom('thing').select(['active', 'tags']).where('id', '=', inserted.id).executeTakeFirstOrThrow()).toEqual({ active: false, tags: ['x'] });

      const deleted = await k.deleteFrom('thing').where('name', '=', 'second').executeTakeFirst();
      expect(Number(deleted.numDeletedRows)).toBe(1);
      expect(await k.selectFrom('thing').select('name').execute()).toEqual([{ name: 'first' }]);
    });

    it('rolls back a transaction that throws', async () => {
      const k = db.builder<Tables>();
      await expect(
        k.transaction().execute(async (trx) => {
          await trx.updateTable('counter').set({ n: 99 }).where('id', '=', 1).execute();
          await trx.insertInto('counter').values({ id: 2, n: 1 }).execute();
          throw new Error('boom');
        }),
      ).rejects.toThrow('boom');
      expect(await k.selectFrom('counter').selectAll().execute()).toEqual([{ id: 1, n: 0 }]);
    });

    it('keeps 20 concurrent read-modify-write transactions from losing updates', async () => {
      const k = db.builder<Tables>();
      await Promise.all(
        Array.from({ length: 20 }, () =>
          k.transaction().execute(async (trx) => {
            const { n } = await trx.selectFrom('counter').select('n').where('id', '=', 1).forUpdate().executeTakeFirstOrThrow();
            await sleep(1);
            await trx.updateTable('counter').set({ n: n + 1 }).where('id', '=', 1).execute();
          }),
        ),
      );
      expect(await k.selectFrom('counter').select('n').where('id', '=', 1).executeTakeFirstOrThrow()).toEqual({ n: 20 });
    });

    it('keeps work issued outside a transaction out of it', async () => {
      const k = db.builder<Tables>();
      let inside!: () => void;
      const opened = new Promise<void>((resolve) => (inside = resolve));
      const doomed = k.transaction().execute(async (trx) => {
        await trx.insertInto('counter').values({ id: 10, n: 1 }).execute();
        inside();
        await sleep(50);
        throw new Error('rolled back');
      });
      // Handled from the start: the rollback may come before the inserts below return (on an engine
      // with one connection they run after it), and an unhandled rejection fails the whole run.
      const outcome = doomed.then(() => undefined, (error: unknown) => error);
      await opened;
      // Issued while the transaction is open: must survive its rollback on every engine.
      await Promise.all([db.exec('insert into counter values (11, 1)'), k.insertInto('counter').values({ id: 12, n: 1 }).execute()]);
      expect(await outcome).toMatchObject({ message: 'rolled back' });
      const ids = await k.selectFrom('counter').select('id').orderBy('id').execute();
      expect(ids.map((row) => row.id)).toEqual([1, 11, 12]);
    });
  });
}

describe('Db contract: pglite (memory)', () => dbContract(pgliteHarness()));

describe.skipIf(!databaseUrl)(`Db contract: postgres${databaseUrl ? '' : ' (skipped: MARQUEE_DATABASE_URL not set)'}`, () =>
  dbContract(postgresHarness(databaseUrl ?? '')),
);

describe('openPostgres', () => {
  it('fails fast with the variable name and no password when PostgreSQL is unreachable', async () => {
    const started = Date.now();
    const error = await openPostgres({ url: 'postgres://postgres:hunter2@127.0.0.1:1/test' }).then(
      () => undefined,
      (err: unknown) => err,
    );
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(error).toBeInstanceOf(Error);
    expect((error as Error).message).toMatch(/^MARQUEE_DATABASE_URL: cannot reach PostgreSQL at postgres:\/\/postgres:\*\*\*@127\.0\.0\.1:1\/test: /);
    expect((error as Error).message).not.toContain('hunter2');
  });
});
