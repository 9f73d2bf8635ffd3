import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openFsBlobStore, type BlobStore } from '../../src/platform/blobs/index.js';
import { openSqlEngine, type SqlEngine } from '../../src/platform/sql/index.js';
import { datasetKey } from '../../src/recs/datasets.js';
import { DEFAULT_BOUNDS, DatasetValidationError, validateDatasets } from '../../src/recs/publish/validate.js';
import { listVersions, rollback, RollbackError } from '../../src/recs/publish/versions.js';
import { runRecsJobs, type RunRecsJobsDeps } from '../../src/recs/jobs/runner.js';
import { readCurrentVersion, readVersion } from '../../src/recs/store/read.js';
import { FIXTURE_NOW, fixtureCatalog, fixtureEvents, watched, writeLake } from './lake-fixture.js';

describe('dataset publication', () => {
  let dir: string;
  let sql: SqlEngine;
  let blobs: BlobStore;
  let deps: RunRecsJobsDeps;

  beforeAll(async () => {
    dir = await fs.mkdtemp(path.join(os.tmpdir(), 'recs-publish-'));
    sql = await openSqlEngine({ threads: 1, memoryLimit: '512MB' });
    blobs = await openFsBlobStore(path.join(dir, 'blobs'));
    await writeLake(sql, path.join(dir, 'lake'), fixtureEvents());
    deps = { sql, blobs, lakeRoot: path.join(dir, 'lake'), catalog: fixtureCatalog(), now: FIXTURE_NOW, keep: 3 };
  }, 120_000);
  afterAll(async () => {
    await sql.close();
    await blobs.close();
    await fs.rm(dir, { recursive: true, force: true });
  });

  it('writes a version with a manifest and points recs/CURRENT at it', async () => {
    const stages: string[] = [];
    const { manifest } = await runRecsJobs({ ...deps, onProgress: (p) => p.state === 'done' && stages.push(p.stage) });
    expect(stages).toEqual(['prepare', 'trending', 'top10', 'similar', 'affinity', 'popularity', 'communities', 'validate', 'write', 'publish']);
    expect(await readCurrentVersion(blobs)).toBe(manifest.version);
    expect(manifest.version).toMatch(/^v20261130T120000Z-[0-9a-f]{6}$/);
    const published = await readVersion(blobs, manifest.version);
    expect(published.manifest).toEqual(manifest);
    // Default thresholds: every country is thin in 24 h, so trending holds 7 days (US 2, GB 2, GLOBAL 4).
    // No community: the fixture's co-played groups have two titles (three make a taste).
    expect(manifest.rows).toEqual({ trending: 8, top10: 8, similar: 5, affinity: 4, popularity: 4, communities: 0 });
    expect(manifest.eventsRead).toBe(fixtureEvents().length);
    expect(published.popularity[0]).toEqual({ titleId: 'm1', score: 2 });
    expect(published.communities).toEqual({});
    // A version published before communities existed has no file for them: it reads as none.
    await blobs.delete(datasetKey(manifest.version, 'communities'));
    expect((await readVersion(blobs, manifest.version)).communities).toEqual({});
  });

  it('rejects a version out of bounds and keeps the published one', async () => {
    const before = await readCurrentVersion(blobs);
    const versions = await listVersions(blobs);
    const bounds = { ...DEFAULT_BOUNDS, popularity: { min: 1, max: 2 } };
    await expect(runRecsJobs({ ...deps, bounds })).rejects.toThrow(DatasetValidationError);
    await expect(runRecsJobs({ ...deps, bounds })).rejects.toThrow(/popularity: 4 rows, expected 1–2/);
    expect(await readCurrentVersion(blobs)).toBe(before);
    expect(await listVersions(blobs)).toEqual(versions);
  });

  it('rejects a version that shrinks too far against the published one', async () => {
    const before = await readCurrentVersion(blobs);
    // A lake with a single viewing: every per-activity dataset shrinks to a row or two.
    const smallLake = path.join(dir, 'small-lake');
    await writeLake(sql, smallLake, watched('p1', 'm1', 6000, 6000, 2));
    const bounds = { ...DEFAULT_BOUNDS, trending: { min: 0, max: 100 }, top10: { min: 0, max: 100 }, similar: { min: 0, max: 100 }, affinity: { min: 0, max: 100 }, popularity: { min: 0, max: 100 } };
    await expect(runRecsJobs({ ...deps, lakeRoot: smallLake, bounds, minRatioToPrevious: 0.5 })).rejects.toThrow(/less than 0.5 × the published 4/);
    expect(await readCurrentVersion(blobs)).toBe(before);
  });

  it('runs one job and carries the other datasets over; keeps the last N versions; rolls back', async () => {
    const first = await readCurrentVersion(blobs);
    const later = new Date(FIXTURE_NOW.getTime() + 1000);
    const { manifest } = await runRecsJobs({ ...deps, now: later, only: ['popularity'] });
    expect(Object.keys(manifest.jobSeconds)).toEqual(['prepare', 'popularity']);
    const carried = await readVersion(blobs, manifest.version);
    expect(carried.similar).toEqual((await readVersion(blobs, first!)).similar);

    for (let i = 2; i <= 4; i++) await runRecsJobs({ ...deps, now: new Date(FIXTURE_NOW.getTime() + i * 1000) });
    const versions = await listVersions(blobs);
    expect(versions).toHaveLength(3);
    expect(versions).not.toContain(first);
    expect((await blobs.stat(datasetKey(first!, 'manifest')))).toBeUndefined();

    const current = await readCurrentVersion(blobs);
    expect(current).toBe(versions[2]);
    expect(await rollback(blobs)).toEqual({ from: versions[2], to: versions[1] });
    expect(await readCurrentVersion(blobs)).toBe(versions[1]);
    expect(await rollback(blobs)).toEqual({ from: versions[1], to: versions[0] });
    await expect(rollback(blobs)).rejects.toThrow(RollbackError);
    expect(await readCurrentVersion(blobs)).toBe(versions[0]);
  }, 180_000);
});

describe('dataset validation', () => {
  const ctx = {
    knownTitles: new Set(['a', 'b']),
    knownGenres: new Set(['drama']),
    viewed: new Set(['US:movie', 'US:show']),
    bounds: { trending: { min: 0, max: 9 }, top10: { min: 0, max: 9 }, similar: { min: 0, max: 9 }, affinity: { min: 0, max: 9 }, popularity: { min: 0, max: 9 }, communities: { min: 0, max: 9 } },
  };

  it('accepts good datasets', () => {
    expect(
      validateDatasets(
        {
          trending: { US: [{ titleId: 'a', score: 2 }] },
          top10: { US: { movies: [{ titleId: 'a', score: 1 }], shows: [{ titleId: 'b', score: 1 }] } },
          similar: { a: [{ titleId: 'b', score: 0.5 }] },
          affinity: { p: { drama: 1 } },
          popularity: [{ titleId: 'a', score: 1 }],
          communities: { c0: [{ titleId: 'a', score: 0.6 }, { titleId: 'b', score: 0.4 }] },
        },
        ctx,
      ),
    ).toEqual([]);
  });

  it('names every problem: unknown ids, empty Top 10 with views, self neighbours, duplicates, out-of-range affinity, a title in two communities', () => {
    expect(
      validateDatasets(
        {
          trending: { US: [{ titleId: 'zz', score: 2 }] },
          top10: { US: { movies: [{ titleId: 'a', score: 1 }], shows: [] } },
          similar: { a: [{ titleId: 'a', score: 0.5 }, { titleId: 'b', score: 0.4 }, { titleId: 'b', score: 0.3 }] },
          affinity: { p: { drama: 1.5, horror: 0.2 } },
          popularity: [{ titleId: 'a', score: Number.NaN }],
          communities: { c0: [{ titleId: 'a', score: 1 }], c1: [{ titleId: 'a', score: 0.5 }, { titleId: 'zz', score: 0.5 }], c2: [] },
        },
        ctx,
      ),
    ).toEqual([
      'trending.US: unknown title zz',
      'top10.US: no shows although it has views',
      'similar.a: a title is its own neighbour',
      'similar.a: b listed twice',
      'affinity.p.drama: 1.5 outside [0, 1]',
      'affinity.p: unknown genre horror',
      'popularity: score of a is not a number',
      'communities.c1: unknown title zz',
      'communities: a in both c0 and c1',
      'communities.c2: no titles',
    ]);
  });
});
