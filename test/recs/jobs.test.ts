import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openSqlEngine, type SqlEngine } from '../../src/platform/sql/index.js';
import { openFsBlobStore } from '../../src/platform/blobs/index.js';
import { CURRENT_KEY } from '../../src/recs/datasets.js';
import { DEFAULT_JOB_OPTIONS, prepareInputs, RECS_JOBS, type RecsJobOptions } from '../../src/recs/jobs/compute.js';
import { NoActivityError, runRecsJobs } from '../../src/recs/jobs/runner.js';
import { communityItemsSql, communityPairsSql } from '../../src/recs/sql/communities.js';
import { FIXTURE_NOW, fixtureCatalog, fixtureEvents, writeLake } from './lake-fixture.js';

const r4 = (x: number): number => Math.round(x * 1e4) / 1e4;
const decay = (ageHours: number, halfLife: number): number => 0.5 ** (ageHours / halfLife);

// The fixture's countries have 1–3 titles; 2 makes the US (2 titles in 24 h) use 24 h and GB (1) fall back to 7 d.
const options: RecsJobOptions = { ...DEFAULT_JOB_OPTIONS, trending: { ...DEFAULT_JOB_OPTIONS.trending, minTitles24h: 2 } };

describe('recommendation jobs on a fixture lake (exact outputs)', () => {
  let sql: SqlEngine;
  let dir: string;
  let eventsRead = 0;
  let viewed = new Set<string>();

  beforeAll(async () => {
    dir = await fs.mkdtemp(path.join(os.tmpdir(), 'recs-jobs-'));
    sql = await openSqlEngine({ threads: 1, memoryLimit: '512MB' });
    await writeLake(sql, path.join(dir, 'lake'), fixtureEvents());
    ({ eventsRead, viewed } = await prepareInputs({ sql, lakeRoot: path.join(dir, 'lake'), catalog: fixtureCatalog(), now: FIXTURE_NOW, options }));
  }, 120_000);
  afterAll(async () => {
    await sql.close();
    await fs.rm(dir, { recursive: true, force: true });
  });

  it('reads every playback event and knows which country × kind had views', () => {
    expect(eventsRead).toBe(fixtureEvents().length);
    expect([...viewed].sort()).toEqual(['GB:movie', 'GB:show', 'GLOBAL:movie', 'GLOBAL:show', 'US:movie']);
  });

  it('trending: decayed hours over 24 h, GB falls back to 7 d, GLOBAL over every country', async () => {
    const trending = await RECS_JOBS.trending(sql, options);
    expect(trending).toEqual({
      US: [
        { titleId: 'm2', score: r4((6000 * decay(3, 6) + 3000 * decay(5, 6)) / 3600) },
        { titleId: 'm1', score: r4((6000 * decay(2, 6)) / 3600) },
      ],
      GB: [
        { titleId: 's1', score: r4((1800 * decay(1, 42)) / 3600) },
        { titleId: 'm3', score: r4((600 * decay(50, 42)) / 3600) },
      ],
      GLOBAL: [
        { titleId: 'm2', score: r4((6000 * decay(3, 6) + 3000 * decay(5, 6)) / 3600) },
        { titleId: 'm1', score: r4((6000 * decay(2, 6)) / 3600) },
        { titleId: 's1', score: r4((1800 * decay(1, 6)) / 3600) },
      ],
    });
  });

  it('top 10: views = watch time ÷ runtime over 7 days, movies and shows apart (a show runs all its episodes)', async () => {
    expect(await RECS_JOBS.top10(sql, options)).toEqual({
      US: { movies: [{ titleId: 'm1', score: 2 }, { titleId: 'm2', score: 1.5 }], shows: [] },
      GB: { movies: [{ titleId: 'm3', score: 0.2 }], shows: [{ titleId: 's1', score: 0.5 }] },
      GLOBAL: { movies: [{ titleId: 'm1', score: 2 }, { titleId: 'm2', score: 1.5 }, { titleId: 'm3', score: 0.2 }], shows: [{ titleId: 's1', score: 0.5 }] },
    });
  });

  it('popularity: every title with views over 7 days, by views', async () => {
    expect(await RECS_JOBS.popularity(sql, options)).toEqual([
      { titleId: 'm1', score: 2 },
      { titleId: 'm2', score: 1.5 },
      { titleId: 's1', score: 0.5 },
      { titleId: 'm3', score: 0.2 },
    ]);
  });

  it('affinity: decayed engagement per genre, top genre = 1', async () => {
    const w = (ageHours: number, share = 1): number => share * decay(ageHours, 720);
    expect(await RECS_JOBS.affinity(sql, options)).toEqual({
      p1: { drama: 1, thriller: r4(w(3) / (w(2) + w(3))) },
      p2: { drama: 1, thriller: r4(w(5, 0.5) / (w(30) + w(5, 0.5))) },
      p3: { comedy: 1 },
      p4: { drama: 1 },
    });
  });

  it('similar: shrunk cosine over co-watching + content; unwatched m4 still has neighbours', async () => {
    const cw = (2 / Math.sqrt(3 * 2)) * (2 / (2 + 5)); // m1 × m2: 2 co-viewers, 3 and 2 viewers, λ = 5
    const contentM1M2 = 0.7 * 0.5 + (0.3 * 1) / 3; // genres {drama} vs {drama, thriller}; Ada in both
    expect(await RECS_JOBS.similar(sql, options)).toEqual({
      m1: [{ titleId: 'm2', score: r4(cw + 0.3 * contentM1M2) }],
      m2: [{ titleId: 'm1', score: r4(cw + 0.3 * contentM1M2) }, { titleId: 'm4', score: r4(0.3 * 0.7 * 0.5) }],
      m3: [{ titleId: 's1', score: r4(0.3 * 0.7) }],
      m4: [{ titleId: 'm2', score: r4(0.3 * 0.7 * 0.5) }],
      s1: [{ titleId: 'm3', score: r4(0.3 * 0.7) }],
    });
  });

  it('communities: every play of a minute or more pairs its profile\'s titles; clusters of the co-play graph by plays', async () => {
    await sql.run(communityItemsSql(options.communities));
    // p1 and p2 played m1 and m2 (1 ÷ (2 − 1) each); p3 played s1 and sampled m3 for 10 min; p4 only m1.
    expect(await sql.all(communityPairsSql(options.communities))).toEqual([
      { a: 'm1', b: 'm2', weight: 2 },
      { a: 'm3', b: 's1', weight: 1 },
    ]);
    expect(await RECS_JOBS.communities(sql, { ...options, communities: { ...options.communities, resolution: 1, minTitles: 2 } })).toEqual({
      c0: [{ titleId: 'm1', score: 0.6 }, { titleId: 'm2', score: 0.4 }],
      c1: [{ titleId: 'm3', score: 0.5 }, { titleId: 's1', score: 0.5 }],
    });
    // Two titles are not a taste community at the default minimum of three.
    expect(await RECS_JOBS.communities(sql, options)).toEqual({});
  });
});

describe('recommendation jobs on an empty lake', () => {
  it('read nothing and produce empty datasets', async () => {
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'recs-empty-'));
    const sql = await openSqlEngine({ threads: 1, memoryLimit: '256MB' });
    try {
      const prepared = await prepareInputs({ sql, lakeRoot: path.join(dir, 'lake'), catalog: fixtureCatalog(), now: FIXTURE_NOW, options });
      expect(prepared.eventsRead).toBe(0);
      expect(await RECS_JOBS.popularity(sql, options)).toEqual([]);
      expect(await RECS_JOBS.trending(sql, options)).toEqual({});
      // A run says so instead of failing validation, and publishes nothing.
      const blobs = await openFsBlobStore(path.join(dir, 'blobs'));
      await expect(runRecsJobs({ sql, lakeRoot: path.join(dir, 'lake'), catalog: fixtureCatalog(), blobs, now: FIXTURE_NOW })).rejects.toBeInstanceOf(NoActivityError);
      expect(await blobs.get(CURRENT_KEY)).toBeUndefined();
      await blobs.close();
    } finally {
      await sql.close();
      await fs.rm(dir, { recursive: true, force: true });
    }
  });
});
