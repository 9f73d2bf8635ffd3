// The whole loop through the real server (`marquee start` minus the demo, embedded defaults): events
// over HTTP → the log → the progress consumer and the Parquet lake → the recommendation jobs (DuckDB
// over the lake) → a published dataset version → the api's dataset store → GET /v1/home. A fresh
// profile finishing two horror films sees horror rise in its Top Picks and a Because You Watched row.
import { randomUUID } from 'node:crypto';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CatalogService } from '../../src/catalog/service.js';
import { loadConfig } from '../../src/config.js';
import { allMigrations } from '../../src/migrations.js';
import { migrate } from '../../src/platform/db/index.js';
import { openPlatform } from '../../src/platform/index.js';
import { NoActivityError } from '../../src/recs/jobs/runner.js';
import { DatasetValidationError } from '../../src/recs/publish/validate.js';
import { startServer, type RunningServer } from '../../src/server.js';
import { createProfile, signUp, type Member } from '../helpers/accounts-app.js';
import { homeCatalog } from './home-harness.js';

interface HomeRow {
  id: string;
  title: string;
  reason: string;
  items: { id: string }[];
}

const RUNTIME_SEC = 6000;

describe('home personalisation from events, end to end', () => {
  let dataDir: string;
  let server: RunningServer;
  let playbackEvents = 0;

  /** One finished viewing of a movie: start, two heartbeats, complete. */
  async function finish(member: Member, profileId: string, titleId: string): Promise<void> {
    const base = { clientTime: Date.now(), profileId, deviceId: 'tv-1', deviceType: 'tv', titleId, playbackSessionId: `ps-${randomUUID()}` };
    const events = [
      { ...base, type: 'play_start', id: randomUUID(), positionSec: 0 },
      { ...base, type: 'heartbeat', id: randomUUID(), positionSec: 1800, durationSec: RUNTIME_SEC, bitrateKbps: 3000, bufferSec: 20 },
      { ...base, type: 'heartbeat', id: randomUUID(), positionSec: 5900, durationSec: RUNTIME_SEC, bitrateKbps: 3000, bufferSec: 20 },
      { ...base, type: 'complete', id: randomUUID(), durationSec: RUNTIME_SEC },
    ];
    const res = await server.app.inject({ method: 'POST', url: '/v1/events', headers: member.headers, payload: { events } });
    expect(res.statusCode, res.body).toBe(202);
    playbackEvents += events.length;
  }

  /** Runs the jobs until they have read every playback event sent so far (the lake sink lands them within a poll). */
  async function runJobsOverEverything(): Promise<void> {
    const deadline = Date.now() + 60_000;
    for (;;) {
      try {
        const outcome = await server.jobs.runOnce();
        expect(outcome.ran).toBe(true);
        if (outcome.ran && outcome.value.manifest.eventsRead >= playbackEvents) break;
      } catch (err) {
        // Nothing in the lake yet, or too little of it landed to pass validation: try again.
        if (!(err instanceof NoActivityError || err instanceof DatasetValidationError)) throw err;
      }
      if (Date.now() > deadline) throw new Error(`the lake did not receive the ${playbackEvents} playback events in time`);
      await new Promise((resolve) => setTimeout(resolve, 300));
    }
    await server.recs.refresh();
  }

  async function home(member: Member, profileId: string): Promise<{ rows: HomeRow[]; degraded?: unknown; datasetVersion: string | null }> {
    const res = await server.app.inject({ method: 'GET', url: `/v1/home?profileId=${profileId}`, headers: member.headers });
    expect(res.statusCode, res.body).toBe(200);
    return res.json();
  }

  const genreOf = (titleId: string): string => titleId.replace(/-\d+$/, '');

  beforeAll(async () => {
    dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'marquee-home-e2e-'));
    const env = { MARQUEE_DATA_DIR: dataDir, PORT: '0', HOST: '127.0.0.1', MARQUEE_SEED_DEMO: 'false', MARQUEE_LAKE_ROLL_SECONDS: '0', MARQUEE_JOBS_INTERVAL_SECONDS: '0', LOG_LEVEL: 'warn' };
    const config = loadConfig(env);
    // The catalog first, as an operator's import would leave it.
    const platform = await openPlatform(config);
    await migrate(platform.db, allMigrations);
    const { genres, titles } = homeCatalog();
    await new CatalogService(platform.db).importCatalog(genres, titles);
    await platform.close();
    server = await startServer(config);
  }, 180_000);

  afterAll(async () => {
    await server?.stop();
    if (dataDir) await fs.rm(dataDir, { recursive: true, force: true });
  });

  it('raises the genre a fresh profile finished twice in Top Picks and adds Because You Watched', async () => {
    // Other members: horror fans who watch the same films (co-watching), and drama and comedy fans.
    const others = await signUp(server.app);
    const fans = [await createProfile(server.app, others), await createProfile(server.app, others)];
    for (const fan of fans) for (const titleId of ['horror-2', 'horror-5', 'horror-7', 'horror-8']) await finish(others, fan, titleId);
    const dramaFan = await createProfile(server.app, others);
    for (const titleId of ['drama-0', 'drama-1', 'comedy-0', 'comedy-1', 'action-0']) await finish(others, dramaFan, titleId);

    const member = await signUp(server.app);
    const profileId = await createProfile(server.app, member, { name: 'Rosa' });
    await runJobsOverEverything();

    const before = await home(member, profileId);
    expect(before.degraded).toBeUndefined();
    const picksBefore = before.rows.find((r) => r.id === 'top-picks');
    expect(picksBefore?.title).toBe('Top Picks for Rosa');
    const horrorBefore = picksBefore!.items.slice(0, 10).filter((i) => genreOf(i.id) === 'horror').length;
    expect(before.rows.some((r) => r.id.startsWith('because-you-watched:'))).toBe(false);

    await finish(member, profileId, 'horror-2');
    await finish(member, profileId, 'horror-5');
    await runJobsOverEverything();

    const after = await home(member, profileId);
    expect(after.degraded).toBeUndefined();
    expect(after.datasetVersion).not.toBe(before.datasetVersion);
    const picks = after.rows.find((r) => r.id === 'top-picks')!;
    const horrorAfter = picks.items.slice(0, 10).filter((i) => genreOf(i.id) === 'horror').length;
    expect(horrorAfter).toBeGreaterThan(horrorBefore);
    expect(genreOf(picks.items[0]!.id)).toBe('horror');
    // The films it finished are not picked again.
    expect(picks.items.map((i) => i.id)).not.toContain('horror-2');

    const byw = after.rows.find((r) => r.id === 'because-you-watched:horror-5');
    expect(byw?.title).toContain('Horror 5');
    expect(byw!.items.slice(0, 5).every((i) => genreOf(i.id) === 'horror')).toBe(true);
    // The films the other horror fans watched with these two lead Top Picks (co-watching neighbours);
    // Because You Watched does not repeat them among its first positions.
    expect(picks.items.slice(0, 3).map((i) => i.id)).toEqual(expect.arrayContaining(['horror-7', 'horror-8']));
    // Genre rows follow the profile's affinity: horror first.
    expect(after.rows.find((r) => r.id.startsWith('genre:'))?.id).toBe('genre:horror');
  }, 180_000);

  it("shows the embedded cache's entries, the page plans and the bytes of their slabs in /metrics", async () => {
    const text = (await server.app.inject({ method: 'GET', url: '/metrics' })).body;
    expect(Number(/^marquee_cache_entries (\d+)$/m.exec(text)?.[1])).toBeGreaterThan(0);
    // At least one 4 MB slab holds the sessions, profiles and histories the test above cached.
    expect(Number(/^marquee_cache_held_bytes (\d+)$/m.exec(text)?.[1])).toBeGreaterThanOrEqual(4 * 1024 * 1024);
    // And the page plans of the pages served above, in slabs of their own.
    expect(Number(/^marquee_home_plans (\d+)$/m.exec(text)?.[1])).toBeGreaterThan(0);
    expect(Number(/^marquee_home_plans_held_bytes (\d+)$/m.exec(text)?.[1])).toBeGreaterThanOrEqual(4 * 1024 * 1024);
  });
});
