import { randomBytes, randomUUID } from 'node:crypto';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { countersHandler, COUNTERS_GROUP, CounterStore, hourOf, rollingTitleCounts, TICK_GAP_CAP_MS } from '../../src/activity/counters/index.js';
import { ACTIVITY_CONSUMERS, type ConsumerContext } from '../../src/activity/consumers.js';
import { replayConsumer } from '../../src/activity/replay.js';
import { ACTIVITY_TOPIC } from '../../src/activity/schema.js';
import { allMigrations } from '../../src/migrations.js';
import { migrate, openPglite, openPostgres, type Db } from '../../src/platform/db/index.js';
import { openSegmentLog, type LogConsumer, type LogRecord, type SegmentLog } from '../../src/platform/log/index.js';

// PGlite always; PostgreSQL too when MARQUEE_DATABASE_URL is set (a fresh schema, dropped afterwards).
const targets: Array<{ name: string; open: () => Promise<{ db: Db; close: () => Promise<void> }> }> = [
  { name: 'pglite', open: async () => { const db = await openPglite(undefined); return { db, close: () => db.close() }; } },
];
const databaseUrl = process.env.MARQUEE_DATABASE_URL;
if (databaseUrl) {
  targets.push({
    name: 'postgres',
    open: async () => {
      const schema = `marquee_counters_${randomBytes(5).toString('hex')}`;
      const db = await openPostgres({ url: databaseUrl, schema, poolSize: 4 });
      return { db, close: async () => { await db.exec(`drop schema ${schema} cascade`); await db.close(); } };
    },
  });
}

/** Hour H of the fixture: a whole UTC hour five hours ago (the log's seek by time needs real times). */
const H = hourOf(Date.now()) - 5 * 3_600_000;
const s = (seconds: number): number => H + seconds * 1000;

function event(type: string, profileId: string, at: number, fields: Record<string, unknown>): Record<string, unknown> {
  return { v: 1, type, id: randomUUID(), clientTime: at, profileId, deviceId: 'd1', accountId: 'a1', country: 'US', receivedAt: at, titleId: 'A', ...fields };
}

/**
 * The known event set (times in seconds after H), with the figures it must give:
 * A/US/H: starts 3, unique profiles 2, watch 150 s, completions 1; A/US/H+1: watch 30 s, 1 profile;
 * B/FR/H: 1 start, 1 profile. Plus events counters ignore and one record that is not JSON.
 */
function fixture(): Array<{ key: string; value: string; timestamp: number }> {
  const events = [
    // p1, session s1: 30 + 30 + 10 watched, paused 60 s (0), resumed, 30 + 10 → 110 s.
    event('play_start', 'p1', s(0), { playbackSessionId: 's1', positionSec: 0 }),
    event('heartbeat', 'p1', s(30), { playbackSessionId: 's1', positionSec: 30, durationSec: 420, bitrateKbps: 3000, bufferSec: 10 }),
    event('heartbeat', 'p1', s(60), { playbackSessionId: 's1', positionSec: 60, durationSec: 420, bitrateKbps: 3000, bufferSec: 10 }),
    event('pause', 'p1', s(70), { playbackSessionId: 's1', positionSec: 70 }),
    event('heartbeat', 'p1', s(100), { playbackSessionId: 's1', positionSec: 70, durationSec: 420, bitrateKbps: 0, bufferSec: 0 }),
    event('resume', 'p1', s(130), { playbackSessionId: 's1', positionSec: 70 }),
    event('heartbeat', 'p1', s(160), { playbackSessionId: 's1', positionSec: 100, durationSec: 420, bitrateKbps: 3000, bufferSec: 10 }),
    event('stop', 'p1', s(170), { playbackSessionId: 's1', positionSec: 110, durationSec: 420 }),
    // p2, session s2: 30 s, then a 360 s gap (over the cap: 0), then complete 10 s later → 40 s, 1 completion.
    event('play_start', 'p2', s(10), { playbackSessionId: 's2' }),
    event('heartbeat', 'p2', s(40), { playbackSessionId: 's2', positionSec: 30, durationSec: 420, bitrateKbps: 3000, bufferSec: 10 }),
    event('heartbeat', 'p2', s(400), { playbackSessionId: 's2', positionSec: 400, durationSec: 420, bitrateKbps: 3000, bufferSec: 10 }),
    event('complete', 'p2', s(410), { playbackSessionId: 's2', durationSec: 420 }),
    // p1, session s3 across the hour boundary: the start counts in H, the 30 s heartbeat in H+1.
    event('play_start', 'p1', s(3590), { playbackSessionId: 's3', positionSec: 0 }),
    event('heartbeat', 'p1', s(3620), { playbackSessionId: 's3', positionSec: 30, durationSec: 420, bitrateKbps: 3000, bufferSec: 10 }),
    // p3 in France, title B.
    event('play_start', 'p3', s(20), { titleId: 'B', country: 'FR', playbackSessionId: 's4' }),
    // Ignored by counters.
    event('qoe', 'p3', s(25), { titleId: 'B', playbackSessionId: 's4', startupMs: 900, rebufferCount: 0, rebufferMs: 0, bitrateSwitches: 0, droppedFrames: 0 }),
    event('rating', 'p2', s(420), { rating: 'up' }),
  ];
  const records = events.map((e) => ({ key: e.profileId as string, value: JSON.stringify(e), timestamp: e.receivedAt as number }));
  records.push({ key: 'p9', value: '{not json', timestamp: s(50) });
  return records.sort((a, b) => a.timestamp - b.timestamp);
}

const EXPECTED = [
  { titleId: 'A', country: 'US', hour: new Date(H), starts: 3, uniqueProfiles: 2, watchSeconds: 150, completions: 1 },
  { titleId: 'B', country: 'FR', hour: new Date(H), starts: 1, uniqueProfiles: 1, watchSeconds: 0, completions: 0 },
  { titleId: 'A', country: 'US', hour: new Date(H + 3_600_000), starts: 0, uniqueProfiles: 1, watchSeconds: 30, completions: 0 },
];

async function drain(consumer: LogConsumer): Promise<LogRecord[]> {
  const all: LogRecord[] = [];
  for (;;) {
    const batch = await consumer.poll(1000, 20);
    if (batch.length === 0) return all;
    all.push(...batch);
  }
}

describe.each(targets)('counters on $name', ({ open }) => {
  let db: Db;
  let close: () => Promise<void>;
  let dir: string;
  let log: SegmentLog;
  let store: CounterStore;

  beforeAll(async () => {
    ({ db, close } = await open());
    await migrate(db, allMigrations);
    store = new CounterStore(db);
  }, 240_000); // PGlite's WASM start and the migrations are slow on a busy machine
  afterAll(async () => close?.());
  beforeEach(async () => {
    await db.exec('truncate activity_title_hourly, activity_title_hourly_profiles, activity_counter_offsets, activity_counter_sessions, activity_counter_settings, activity_counter_dead_applied');
    dir = await fs.mkdtemp(path.join(os.tmpdir(), 'marquee-counters-'));
    log = await openSegmentLog({ dir, partitions: 4 });
    await log.append(ACTIVITY_TOPIC, fixture());
  });
  afterEach(async () => {
    await log.close();
    await fs.rm(dir, { recursive: true, force: true });
  });

  /** One pass of the consumer group over everything not committed, as the runner does it. */
  async function consumeAll(): Promise<void> {
    const consumer = await log.consumer(ACTIVITY_TOPIC, COUNTERS_GROUP);
    const records = await drain(consumer);
    await countersHandler(db).handle(records);
    if (records.length) await consumer.commit(records);
    await consumer.close();
  }

  it('counts starts, unique profiles, watch seconds and completions per title × country × hour', async () => {
    const consumer = await log.consumer(ACTIVITY_TOPIC, COUNTERS_GROUP);
    const records = await drain(consumer);
    const result = await countersHandler(db).handle(records);
    await consumer.close();
    expect(await store.hourly()).toEqual(EXPECTED);
    // The record that is not JSON is reported for the dead-letter topic; the rest of the batch counted.
    expect(result?.failures?.map((f) => [f.record.key, f.error])).toEqual([['p9', 'value is not JSON']]);
  });

  it('gives the same figures when the same records come again, whole or overlapping', async () => {
    const consumer = await log.consumer(ACTIVITY_TOPIC, COUNTERS_GROUP);
    const records = await drain(consumer);
    await consumer.close();
    const handler = countersHandler(db);
    await handler.handle(records.slice(0, 7));
    await handler.handle(records);
    await handler.handle(records);
    await handler.handle(records.slice(3, 12));
    expect(await store.hourly()).toEqual(EXPECTED);
  });

  it('survives a crash between the write and the offset commit', async () => {
    const first = await log.consumer(ACTIVITY_TOPIC, COUNTERS_GROUP);
    await countersHandler(db).handle(await drain(first));
    await first.close(); // the crash: nothing committed, so the group gets everything again
    await consumeAll();
    expect(await store.hourly()).toEqual(EXPECTED);
    await consumeAll(); // caught up: nothing more
    expect(await store.hourly()).toEqual(EXPECTED);
  });

  it('sums rolling windows per title from the hourly rows, with distinct profiles over the window', async () => {
    await consumeAll();
    const day = await rollingTitleCounts(db, { hours: 24, now: H + 2 * 3_600_000 });
    expect(day).toEqual([
      { titleId: 'A', starts: 3, uniqueProfiles: 2, watchSeconds: 180, completions: 1 },
      { titleId: 'B', starts: 1, uniqueProfiles: 1, watchSeconds: 0, completions: 0 },
    ]);
    expect(await rollingTitleCounts(db, { hours: 168, now: H, country: 'FR' })).toEqual([{ titleId: 'B', starts: 1, uniqueProfiles: 1, watchSeconds: 0, completions: 0 }]);
    // Only the current hour (H+1): the heartbeat that crossed the boundary.
    expect(await rollingTitleCounts(db, { hours: 1, now: H + 3_600_000 + 60_000 })).toEqual([{ titleId: 'A', starts: 0, uniqueProfiles: 1, watchSeconds: 30, completions: 0 }]);
    expect(await rollingTitleCounts(db, { hours: 24, now: H + 2 * 3_600_000, titleIds: ['B'], limit: 5 })).toMatchObject([{ titleId: 'B' }]);
    expect(await rollingTitleCounts(db, { hours: 24, now: H + 60 * 3_600_000 })).toEqual([]);
  });

  it.each([
    ['the later hour', 3_600_000 + 10_000],
    ['the first hour', 30 * 60_000],
  ])('a replay from %s rebuilds the same figures as the first pass', async (_label, offsetMs) => {
    await consumeAll();
    const ctx: ConsumerContext = { db, watch: { recordProgressMany: () => Promise.resolve(0) }, registry: undefined as never };
    const plan = ACTIVITY_CONSUMERS[COUNTERS_GROUP]?.replay?.(ctx);
    const { seekMs } = await replayConsumer(log, COUNTERS_GROUP, H + offsetMs, plan);
    expect(seekMs).toBe(hourOf(H + offsetMs) - TICK_GAP_CAP_MS);
    // The reset removed the hours being rebuilt, and nothing before them.
    expect((await store.hourly()).every((row) => row.hour.getTime() < hourOf(H + offsetMs))).toBe(true);
    await consumeAll();
    expect(await store.hourly()).toEqual(EXPECTED);
  });
});
