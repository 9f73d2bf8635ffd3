import { afterEach, describe, expect, it } from 'vitest';
import { LAKE_GROUP, lakeEventsSource, lakeSinkHandler, type LandedFile } from '../../src/activity/lake/index.js';
import { ACTIVITY_TOPIC } from '../../src/activity/schema.js';
import type { Log, LogRecord } from '../../src/platform/log/index.js';
import { drain } from '../platform/log/helpers.js';
import { appendEvents, eventFiles, lakeCount, openLakeWorld, runSink, until, type LakeWorld } from './fixtures/lake-harness.js';
import { mixedEvent } from './fixtures/lake-events.js';

let world: LakeWorld | undefined;
afterEach(async () => {
  await world?.close();
  world = undefined;
});

const HOUR = 3_600_000;

/** One sink "process": reads the group from its committed position and handles everything once. */
async function handleOnce(log: Log, handler: ReturnType<typeof lakeSinkHandler>, commit: boolean): Promise<LogRecord[]> {
  const consumer = await log.consumer(ACTIVITY_TOPIC, LAKE_GROUP);
  try {
    const records = await drain(consumer);
    const result = (await handler.handle(records)) ?? {};
    if (commit && result.processed && result.processed.length > 0) await consumer.commit(result.processed);
    return records;
  } finally {
    await consumer.close();
  }
}

async function lakeIds(w: LakeWorld): Promise<string[]> {
  const rows = await w.sql.all<{ event_id: string }>(`SELECT event_id FROM ${lakeEventsSource(w.lakeRoot)} ORDER BY event_id`);
  return rows.map((r) => r.event_id);
}

describe('lake sink exactly once', () => {
  it('skips records published before a crash that came before the commit', async () => {
    world = await openLakeWorld(2);
    const now = Date.now();
    const events = Array.from({ length: 40 }, (_, i) => mixedEvent(i, { receivedAt: now }));
    await appendEvents(world.log, events);
    // First run: everything lands (rollRows 1 000 > 40, rollMs 0 flushes at the end of the batch),
    // then the process "dies" before committing.
    await handleOnce(world.log, lakeSinkHandler({ lakeRoot: world.lakeRoot, sql: world.sql, rollMs: 0 }), false);
    expect(await lakeCount(world.sql, world.lakeRoot)).toEqual({ rows: 40, ids: 40 });
    const filesBefore = await eventFiles(world.lakeRoot);

    // Restart: the same records come again, plus new ones; only the new ones are written.
    const more = Array.from({ length: 10 }, (_, i) => mixedEvent(100 + i, { receivedAt: now }));
    await appendEvents(world.log, more);
    const redelivered = await handleOnce(world.log, lakeSinkHandler({ lakeRoot: world.lakeRoot, sql: world.sql, rollMs: 0 }), true);
    expect(redelivered).toHaveLength(50);
    expect(await lakeCount(world.sql, world.lakeRoot)).toEqual({ rows: 50, ids: 50 });
    expect(await lakeIds(world)).toEqual([...events, ...more].map((e) => e.id).sort());
    const filesAfter = await eventFiles(world.lakeRoot);
    expect(filesAfter.filter((f) => !filesBefore.includes(f)).length).toBeGreaterThan(0);
    // And it committed this time: nothing is left for the group.
    expect(await drain(await world.log.consumer(ACTIVITY_TOPIC, LAKE_GROUP))).toEqual([]);
  }, 60_000);

  it('stays exact when a flush published some of its hour files and crashed before the others', async () => {
    world = await openLakeWorld(1);
    const base = Date.UTC(2026, 10, 30, 10, 30);
    // Offsets alternate between two hours, so both hour files of the flush span the same offset
    // range: only the offsets inside the files can say which records landed.
    const events = Array.from({ length: 30 }, (_, i) => mixedEvent(i, { receivedAt: base + (i % 2) * HOUR }));
    await appendEvents(world.log, events);
    let published = 0;
    const crashing = lakeSinkHandler({
      lakeRoot: world.lakeRoot,
      sql: world.sql,
      rollMs: 0,
      onPublished: () => {
        if (++published === 1) throw new Error('simulated crash after the first file of the flush');
      },
    });
    await expect(handleOnce(world.log, crashing, true)).rejects.toThrow(/simulated crash/);
    expect(await eventFiles(world.lakeRoot)).toHaveLength(1);
    expect((await lakeCount(world.sql, world.lakeRoot)).rows).toBe(15);

    await handleOnce(world.log, lakeSinkHandler({ lakeRoot: world.lakeRoot, sql: world.sql, rollMs: 0 }), true);
    expect(await lakeCount(world.sql, world.lakeRoot)).toEqual({ rows: 30, ids: 30 });
    expect(await lakeIds(world)).toEqual(events.map((e) => e.id).sort());
    expect(await eventFiles(world.lakeRoot)).toHaveLength(2);
  }, 60_000);

  it('recovers in-process when the runner redelivers after a failed flush', async () => {
    world = await openLakeWorld(1);
    const base = Date.UTC(2026, 10, 30, 10, 30);
    const events = Array.from({ length: 30 }, (_, i) => mixedEvent(i, { receivedAt: base + (i % 3) * HOUR }));
    await appendEvents(world.log, events);
    let published = 0;
    // The second file of the first flush fails once; the runner reopens the consumer and the same
    // handler sees the records again, with one hour file already published.
    const handler = lakeSinkHandler({
      lakeRoot: world.lakeRoot,
      sql: world.sql,
      rollMs: 0,
      onPublished: (_file: LandedFile) => {
        if (++published === 2) throw new Error('simulated failure after the second file');
      },
    });
    const sink = runSink(world.log, handler);
    const w = world;
    await until(async () => (await lakeCount(w.sql, w.lakeRoot)).rows >= 30, 15_000, 'all events');
    await sink.stop();
    // Hours 10 and 11 published, the failure, then only hour 12 is written again: no file twice.
    expect(published).toBe(3);
    expect(await eventFiles(world.lakeRoot)).toHaveLength(3);
    expect(await lakeCount(world.sql, world.lakeRoot)).toEqual({ rows: 30, ids: 30 });
    expect(await drain(await world.log.consumer(ACTIVITY_TOPIC, LAKE_GROUP))).toEqual([]);
  }, 60_000);

  it('skips what close() flushed without a commit when the sink starts again', async () => {
    world = await openLakeWorld(2);
    const now = Date.now();
    const events = Array.from({ length: 25 }, (_, i) => mixedEvent(i, { receivedAt: now }));
    await appendEvents(world.log, events);
    const first = runSink(world.log, lakeSinkHandler({ lakeRoot: world.lakeRoot, sql: world.sql, rollMs: 60_000 }));
    await new Promise((resolve) => setTimeout(resolve, 300));
    await first.stop(); // close() lands the buffer; nothing was committed
    expect(await lakeCount(world.sql, world.lakeRoot)).toEqual({ rows: 25, ids: 25 });
    expect(await drain(await world.log.consumer(ACTIVITY_TOPIC, LAKE_GROUP))).toHaveLength(25);

    const second = runSink(world.log, lakeSinkHandler({ lakeRoot: world.lakeRoot, sql: world.sql, rollMs: 0 }));
    const w = world;
    await until(async () => (await drain(await w.log.consumer(ACTIVITY_TOPIC, LAKE_GROUP))).length === 0, 15_000, 'the commit');
    await second.stop();
    expect(await lakeCount(world.sql, world.lakeRoot)).toEqual({ rows: 25, ids: 25 });
  }, 60_000);
});
