import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { lakeEventsSource } from '../../src/activity/lake/schema.js';
import type { StoredEvent } from '../../src/activity/schema.js';
import { checkEvent } from '../../src/activity/validate.js';
import { generateCatalog } from '../../src/catalog/demo/generate.js';
import { openSqlEngine, type SqlEngine } from '../../src/platform/sql/index.js';
import { simCatalog, type SimCatalog } from '../../bench/simulator/catalog.js';
import { generateEvents, type GenerateOptions } from '../../bench/simulator/generate.js';
import { toLake } from '../../bench/simulator/lake.js';
import { createPopulation, populationTruth, topGenres } from '../../bench/simulator/population.js';

const WINDOW_END = Date.UTC(2026, 10, 30, 12);
let catalog: SimCatalog;

beforeAll(() => {
  catalog = simCatalog(generateCatalog({ seed: 7, movies: 120, shows: 30, now: new Date(WINDOW_END) }).titles);
});

function options(seed: number, events: number, profiles: number, heartbeatSec = 10): GenerateOptions {
  return { catalog, profiles: createPopulation(catalog, profiles, seed), events, seed, windowEndMs: WINDOW_END, windowDays: 7, heartbeatSec };
}

function clientForm(event: StoredEvent): unknown {
  const { accountId: _a, country: _c, receivedAt: _r, ...client } = event;
  return client;
}

describe('viewer simulator', () => {
  it('gives the same events for the same seed, and others for another seed', () => {
    const a = [...generateEvents(options(42, 3_000, 40))];
    const b = [...generateEvents(options(42, 3_000, 40))];
    const c = [...generateEvents(options(43, 3_000, 40))];
    expect(a).toEqual(b);
    expect(c.map((e) => e.id)).not.toEqual(a.map((e) => e.id));
  }, 120_000);

  it('produces exactly the requested number of schema-valid events inside the window', () => {
    const events = [...generateEvents(options(1, 3_000, 30, 30))];
    expect(events).toHaveLength(3_000);
    const types = new Set<string>();
    const problems: string[] = [];
    for (const event of events) {
      const check = checkEvent(clientForm(event));
      if (!check.ok) problems.push(`${check.message}: ${JSON.stringify(event)}`);
      if (event.receivedAt >= WINDOW_END || event.receivedAt < WINDOW_END - 7 * 86_400_000) problems.push(`receivedAt outside the window: ${event.receivedAt}`);
      if (!event.accountId.startsWith('sim-a')) problems.push(`account ${event.accountId}`);
      types.add(event.type);
    }
    expect(problems.slice(0, 5)).toEqual([]);
    expect(new Set(events.map((e) => e.id)).size).toBe(events.length);
    for (const type of ['play_start', 'heartbeat', 'stop', 'qoe', 'impression']) expect(types).toContain(type);
  }, 120_000);

  it('lets hidden tastes drive what profiles watch', () => {
    const o = options(5, 12_000, 50, 120);
    const byId = new Map(catalog.titles.map((t) => [t.id, t]));
    const popularityTotal = catalog.titles.reduce((s, t) => s + t.popularity, 0);
    let observed = 0;
    let chance = 0;
    let profilesCounted = 0;
    const truth = populationTruth(catalog, o.profiles);
    const events = [...generateEvents(o)];
    for (const profile of o.profiles) {
      const top = new Set(topGenres(catalog, profile, 3));
      expect(truth[profile.index]?.topGenres).toEqual([...top]);
      const watched = events.filter((e) => e.profileId === profile.id && e.type === 'play_start').map((e) => byId.get((e as { titleId: string }).titleId)!);
      if (watched.length < 5) continue;
      profilesCounted++;
      observed += watched.filter((t) => t.genres.some((g) => top.has(g))).length / watched.length;
      // What a taste-blind viewer choosing by popularity alone would get.
      chance += catalog.titles.filter((t) => t.genres.some((g) => top.has(g))).reduce((s, t) => s + t.popularity, 0) / popularityTotal;
    }
    expect(profilesCounted).toBeGreaterThan(20);
    const observedShare = observed / profilesCounted;
    const chanceShare = chance / profilesCounted;
    expect({ observedShare, chanceShare }).toSatisfy(() => observedShare > 1.5 * chanceShare && observedShare - chanceShare > 0.25);
  }, 120_000);

  it('lets hidden taste communities drive what profiles watch, beyond their genres', () => {
    // Big enough for several communities per genre (a 150-title catalog has one per genre).
    const big = simCatalog(generateCatalog({ seed: 7, movies: 2_400, shows: 600, now: new Date(WINDOW_END) }).titles);
    const o: GenerateOptions = { catalog: big, profiles: createPopulation(big, 50, 6), events: 12_000, seed: 6, windowEndMs: WINDOW_END, windowDays: 7, heartbeatSec: 120 };
    const byId = new Map(big.titles.map((t) => [t.id, t]));
    const events = [...generateEvents(o)];
    let observed = 0;
    let chance = 0;
    let counted = 0;
    for (const profile of o.profiles) {
      const mine = new Set(profile.communities.map((c) => c.index));
      const watched = events.filter((e) => e.profileId === profile.id && e.type === 'play_start').map((e) => byId.get((e as { titleId: string }).titleId)!);
      if (watched.length < 5 || mine.size === 0) continue;
      counted++;
      observed += watched.filter((t) => mine.has(t.community)).length / watched.length;
      // What a viewer with the same genre taste but no communities would get: for each genre, the
      // share of its plays (by popularity) that fall in this profile's communities.
      chance += profile.taste.reduce((sum, weight, g) => {
        const genre = big.byGenre[g]!;
        if (genre.titles.length === 0) return sum;
        let inMine = 0;
        genre.titles.forEach((ti) => (inMine += mine.has(big.titles[ti]!.community) ? big.titles[ti]!.popularity : 0));
        return sum + (weight * inMine) / genre.cumulative[genre.cumulative.length - 1]!;
      }, 0);
    }
    expect(counted).toBeGreaterThan(20);
    expect(o.profiles.every((p) => Math.abs(p.communities.reduce((s, c) => s + c.weight, 0) - 1) < 1e-9)).toBe(true);
    expect({ observed: observed / counted, chance: chance / counted }).toSatisfy(({ observed: a, chance: b }: { observed: number; chance: number }) => a > 0.3 && a > 2 * b);
  }, 120_000);

  describe('toLake', () => {
    let dir: string;
    let sql: SqlEngine;
    beforeAll(async () => {
      dir = await fs.mkdtemp(path.join(os.tmpdir(), 'marquee-sim-lake-'));
      sql = await openSqlEngine({ memoryLimit: '512MB', threads: 1 });
    });
    afterAll(async () => {
      await sql.close();
      await fs.rm(dir, { recursive: true, force: true });
    });

    it('writes every event into the hourly Parquet layout that lakeEventsSource reads', async () => {
      const events = [...generateEvents(options(9, 2_000, 20, 30))];
      const result = await toLake(events, { sql, lakeRoot: dir, chunkEvents: 800 });
      expect(result.events).toBe(2_000);
      expect(result.files.length).toBeGreaterThan(1);
      for (const file of result.files) expect(path.relative(dir, file)).toMatch(/^events\/dt=\d{4}-\d{2}-\d{2}\/hr=\d{2}\/sim-[^/]+\.parquet$/);
      const [totals] = await sql.all<{ n: bigint; ids: bigint; positions: bigint }>(
        `SELECT count(*) AS n, count(DISTINCT event_id) AS ids, count(DISTINCT (log_partition, log_offset)) AS positions FROM ${lakeEventsSource(dir)}`,
      );
      expect(Number(totals?.n)).toBe(2_000);
      expect(Number(totals?.ids)).toBe(2_000);
      expect(Number(totals?.positions)).toBe(2_000);
      const byType = await sql.all<{ type: string; n: bigint }>(`SELECT type, count(*) AS n FROM ${lakeEventsSource(dir)} GROUP BY type`);
      const expected = new Map<string, number>();
      for (const e of events) expected.set(e.type, (expected.get(e.type) ?? 0) + 1);
      expect(new Map(byType.map((r) => [r.type, Number(r.n)]))).toEqual(expected);
      // Partition values agree with the receive time, and a heartbeat's fields land in their columns.
      const [mismatch] = await sql.all<{ n: bigint }>(
        `SELECT count(*) AS n FROM ${lakeEventsSource(dir)} WHERE dt <> CAST(received_at AS DATE) OR hr <> hour(received_at)`,
      );
      expect(Number(mismatch?.n)).toBe(0);
      const heartbeat = events.find((e) => e.type === 'heartbeat') as StoredEvent & { positionSec: number; bitrateKbps: number };
      const [row] = await sql.all<{ position_sec: number; bitrate_kbps: number; account_id: string }>(
        `SELECT position_sec, bitrate_kbps, account_id FROM ${lakeEventsSource(dir)} WHERE event_id = $id`,
        { id: heartbeat.id },
      );
      expect(row).toEqual({ position_sec: heartbeat.positionSec, bitrate_kbps: heartbeat.bitrateKbps, account_id: heartbeat.accountId });
    }, 120_000);
  });
});
