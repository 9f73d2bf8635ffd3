import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { DEAD_LETTER_TOPIC, type DeadLetter } from '../../src/activity/consumer-runner.js';
import { LAKE_EVENT_COLUMNS, LAKE_GROUP, lakeEventsSource, lakeSinkHandler, parsePartFileName, type LandedFile } from '../../src/activity/lake/index.js';
import { ACTIVITY_TOPIC, EVENT_TYPES, type StoredEvent } from '../../src/activity/schema.js';
import { openSqlEngine } from '../../src/platform/sql/index.js';
import { drain, text } from '../platform/log/helpers.js';
import { appendEvents, appendRaw, eventFiles, lakeCount, openLakeWorld, runSink, until, type LakeWorld } from './fixtures/lake-harness.js';
import { mixedEvent, storedEvent } from './fixtures/lake-events.js';

let world: LakeWorld | undefined;
afterEach(async () => {
  await world?.close();
  world = undefined;
});

const HOUR = 3_600_000;
// 23:59:59.999 on the last day of a month, and the next millisecond: different dt and hr.
const LATE = Date.UTC(2026, 10, 30, 23, 59, 59, 999);
const EARLY = LATE + 1;

describe('lake sink', () => {
  it('lands every event type with every column, in the right dt/hr directory and part file', async () => {
    world = await openLakeWorld();
    const events: StoredEvent[] = EVENT_TYPES.flatMap((type, i) => [
      storedEvent(type, { seq: i * 2, receivedAt: LATE }),
      storedEvent(type, { seq: i * 2 + 1, receivedAt: EARLY + i * HOUR }),
    ]);
    await appendEvents(world.log, events);
    const published: LandedFile[] = [];
    const sink = runSink(world.log, lakeSinkHandler({ lakeRoot: world.lakeRoot, sql: world.sql, rollMs: 100, onPublished: (f) => void published.push(f) }));
    const w = world;
    await until(async () => (await lakeCount(w.sql, w.lakeRoot)).rows === events.length, 15_000, 'all events in the lake');
    await sink.stop();

    const rows = await world.sql.all<Record<string, unknown>>(
      `SELECT *, strftime(dt, '%Y-%m-%d') AS dt_text, filename FROM ${lakeEventsSource(world.lakeRoot).replace(/\)$/, ', filename = true)')}`,
    );
    expect(rows).toHaveLength(events.length);
    const byId = new Map(rows.map((r) => [r.event_id as string, r]));
    for (const event of events) {
      const row = byId.get(event.id);
      expect(row, event.type).toBeDefined();
      if (!row) continue;
      const fields = event as unknown as Record<string, unknown>;
      for (const column of LAKE_EVENT_COLUMNS) {
        const expected = column.name === 'received_at' ? new Date(event.receivedAt) : (fields[column.field] ?? null);
        expect(row[column.name], `${event.type}.${column.name}`).toEqual(expected);
      }
      const iso = new Date(event.receivedAt).toISOString();
      expect(row.dt_text).toBe(iso.slice(0, 10));
      expect(Number(row.hr)).toBe(Number(iso.slice(11, 13)));
      // The file sits in its hour's directory and its name covers the row's partition and offset.
      const file = String(row.filename);
      expect(path.basename(path.dirname(file))).toBe(`hr=${iso.slice(11, 13)}`);
      const part = parsePartFileName(file);
      expect(part?.partition).toBe(row.log_partition);
      expect(row.log_offset as number).toBeGreaterThanOrEqual(part?.firstOffset ?? Infinity);
      expect(row.log_offset as number).toBeLessThanOrEqual(part?.lastOffset ?? -1);
    }
    // (log_partition, log_offset) is unique and every file is a published part file.
    const [unique] = await world.sql.all<{ n: number }>(`SELECT count(DISTINCT (log_partition, log_offset)) AS n FROM ${lakeEventsSource(world.lakeRoot)}`);
    expect(unique?.n).toBe(events.length);
    expect((await eventFiles(world.lakeRoot)).every((f) => /^dt=\d{4}-\d\d-\d\d\/hr=\d\d\/part-p\d\d-o\d{12}-o\d{12}\.parquet$/.test(f))).toBe(true);
    expect(published.reduce((n, f) => n + f.rows, 0)).toBe(events.length);
  }, 60_000);

  it('rolls by age: a small buffer lands after rollMs and is committed', async () => {
    world = await openLakeWorld();
    const receivedAt = Date.now();
    await appendEvents(world.log, Array.from({ length: 7 }, (_, i) => mixedEvent(i, { receivedAt, profileId: 'pr-age' })));
    const sink = runSink(world.log, lakeSinkHandler({ lakeRoot: world.lakeRoot, sql: world.sql, rollMs: 300 }));
    const w = world;
    const started = Date.now();
    await until(async () => (await lakeCount(w.sql, w.lakeRoot)).rows === 7, 10_000, 'the age roll');
    expect(Date.now() - started).toBeGreaterThanOrEqual(250);
    await sink.stop();
    expect(await eventFiles(world.lakeRoot)).toHaveLength(1);
    // Everything landed was committed: the group has nothing left to read.
    expect(await drain(await world.log.consumer(ACTIVITY_TOPIC, LAKE_GROUP))).toEqual([]);
  }, 60_000);

  it('rolls by rows and by bytes, one file per roll, and commits only what landed', async () => {
    world = await openLakeWorld();
    const receivedAt = Date.now();
    await appendEvents(world.log, Array.from({ length: 35 }, (_, i) => mixedEvent(i, { receivedAt, profileId: 'pr-rows' })));
    const handler = lakeSinkHandler({ lakeRoot: world.lakeRoot, sql: world.sql, rollRows: 10, rollMs: HOUR });
    const consumer = await world.log.consumer(ACTIVITY_TOPIC, LAKE_GROUP);
    const records = await drain(consumer);
    const result = (await handler.handle(records)) ?? {};
    // Three full files; the last 5 records wait in the buffer, so the commit stops before them.
    expect(await eventFiles(world.lakeRoot)).toHaveLength(3);
    expect(result.processed?.map((r) => r.offset)).toEqual([records[29]?.offset]);
    await consumer.close();

    const bytes = lakeSinkHandler({ lakeRoot: path.join(world.dir, 'lake-bytes'), sql: world.sql, rollBytes: 2_000, rollMs: HOUR });
    await bytes.handle(records);
    const files = await eventFiles(path.join(world.dir, 'lake-bytes'));
    const perFile = Math.ceil(2_000 / (records[0]?.value.byteLength ?? 1));
    expect(files.length).toBeGreaterThanOrEqual(Math.floor(35 / (perFile + 1)));
    expect(files.length).toBeLessThan(35);
  }, 60_000);

  it('dead-letters records that are not v1 events and lands the rest', async () => {
    world = await openLakeWorld(1);
    const receivedAt = Date.now();
    const good = Array.from({ length: 20 }, (_, i) => mixedEvent(i, { receivedAt, profileId: 'pr-poison' }));
    const typeMismatch = { ...storedEvent('heartbeat', { receivedAt }), positionSec: 'abc' };
    const listMismatch = { ...storedEvent('impression', { receivedAt }), titleIds: 'not-a-list' };
    const poison = ['{not json', JSON.stringify({ ...storedEvent('pause', { receivedAt }), v: 2 }), JSON.stringify(typeMismatch), '[1,2]', JSON.stringify(listMismatch)];
    await appendEvents(world.log, good.slice(0, 10));
    await appendRaw(world.log, 'pr-poison', poison);
    await appendEvents(world.log, good.slice(10));
    const sink = runSink(world.log, lakeSinkHandler({ lakeRoot: world.lakeRoot, sql: world.sql, rollMs: 100 }));
    const w = world;
    await until(async () => (await lakeCount(w.sql, w.lakeRoot)).rows === 20, 15_000, 'the good events');
    const letters = async (): Promise<DeadLetter[]> => (await drain(await w.log.consumer(DEAD_LETTER_TOPIC, `check-${Date.now()}`))).map((r) => JSON.parse(text(r)) as DeadLetter);
    await until(async () => (await letters()).length === poison.length, 10_000, 'the dead letters');
    await sink.stop();
    const dead = await letters();
    expect(dead.map((d) => d.value).sort()).toEqual([...poison].sort());
    expect(dead.every((d) => d.consumer === LAKE_GROUP && d.error.length > 0)).toBe(true);
    expect(dead.find((d) => d.value === poison[0])?.error).toMatch(/not JSON/);
    expect(dead.find((d) => d.value === poison[1])?.error).toMatch(/version 2/);
    expect(dead.find((d) => d.value === poison[2])?.error).toMatch(/lake columns/);
    const ids = await world.sql.all<{ event_id: string }>(`SELECT event_id FROM ${lakeEventsSource(world.lakeRoot)}`);
    expect(ids.map((r) => r.event_id).sort()).toEqual(good.map((e) => e.id).sort());
    expect(await drain(await world.log.consumer(ACTIVITY_TOPIC, LAKE_GROUP))).toEqual([]);
  }, 60_000);

  it('never shows a partial or staging file to readers of the glob', async () => {
    world = await openLakeWorld(2);
    const start = Date.now();
    await appendEvents(world.log, Array.from({ length: 120 }, (_, i) => mixedEvent(i, { receivedAt: start + (i % 3) * HOUR })));
    const reader = await openSqlEngine({ threads: 1, memoryLimit: '256MB' });
    const w = world;
    let reads = 0;
    let last = 0;
    let done = false;
    // A reader globbing the table while the sink publishes file after file: every file it sees must
    // be a complete Parquet file with a final name, and the count only grows.
    const watching = (async () => {
      while (!done) {
        const names = await eventFiles(w.lakeRoot);
        for (const name of names) expect(name).toMatch(/\/part-p\d+-o\d+-o\d+\.parquet$/);
        const { rows } = await lakeCount(reader, w.lakeRoot);
        expect(rows).toBeGreaterThanOrEqual(last);
        last = rows;
        reads++;
        await new Promise((resolve) => setTimeout(resolve, 5));
      }
    })();
    try {
      const sink = runSink(world.log, lakeSinkHandler({ lakeRoot: world.lakeRoot, sql: world.sql, rollRows: 10, rollMs: 50 }));
      await until(async () => (await lakeCount(w.sql, w.lakeRoot)).rows === 120, 50_000, 'all events');
      await sink.stop();
    } finally {
      done = true;
      await watching;
      await reader.close();
    }
    expect(reads).toBeGreaterThan(3);
    expect(await lakeCount(world.sql, world.lakeRoot)).toEqual({ rows: 120, ids: 120 });
  }, 60_000);
});
