import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openFsBlobStore, type BlobStore } from '../../src/platform/blobs/index.js';
import { CURRENT_KEY, datasetKey } from '../../src/recs/datasets.js';
import { DatasetStore } from '../../src/recs/store/dataset-store.js';
import { fixtureDatasets, publish } from './home-harness.js';

describe('DatasetStore', () => {
  let dir: string;
  let blobs: BlobStore;
  beforeEach(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'marquee-store-'));
    blobs = await openFsBlobStore(dir);
  });
  afterEach(async () => {
    await blobs.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('holds nothing and reports missing datasets when none is published', async () => {
    const store = new DatasetStore(blobs);
    expect(await store.refresh()).toBe(false);
    expect(store.current()).toBeUndefined();
    expect(store.status()).toMatchObject({ version: null, ageSeconds: null, health: { state: 'degraded', reason: 'datasets_missing' } });
  });

  it('loads the published version and reports its age', async () => {
    const now = new Date('2026-11-30T12:00:00Z');
    await publish(blobs, fixtureDatasets('v1', new Date(now.getTime() - 90_000)));
    const store = new DatasetStore(blobs, { now: () => now });
    expect(await store.refresh()).toBe(true);
    expect(store.current()?.version).toBe('v1');
    expect(store.current()?.similar.get('action-0')?.length).toBe(19);
    expect(store.status()).toMatchObject({ version: 'v1', ageSeconds: 90, health: { state: 'ok' } });
    expect(await store.refresh()).toBe(false); // unchanged pointer: nothing reloaded
  });

  it('says the datasets are stale past staleAfterMs, still holding them', async () => {
    const now = new Date('2026-11-30T12:00:00Z');
    await publish(blobs, fixtureDatasets('v1', new Date(now.getTime() - 3 * 3600_000)));
    const store = new DatasetStore(blobs, { now: () => now, staleAfterMs: 2 * 3600_000 });
    await store.refresh();
    expect(store.health()).toEqual({ state: 'degraded', reason: 'datasets_stale' });
    expect(store.current()?.version).toBe('v1');
  });

  it('swaps to a newly published version while polling, without a restart', async () => {
    await publish(blobs, fixtureDatasets('v1', new Date()));
    const swaps: (string | null)[] = [];
    const store = new DatasetStore(blobs, { pollIntervalMs: 20, onSwap: (version) => swaps.push(version) });
    await store.start();
    const first = store.current();
    expect(first?.version).toBe('v1');
    await publish(blobs, fixtureDatasets('v2', new Date(), { popularity: [{ titleId: 'drama-9', score: 1 }] }));
    await expect.poll(() => store.current()?.version, { timeout: 3_000, interval: 20 }).toBe('v2');
    expect(store.current()?.popularity).toEqual([{ titleId: 'drama-9', score: 1 }]);
    expect(first?.popularity.length).toBeGreaterThan(1); // a reader holding v1 kept a whole v1
    expect(swaps).toEqual(['v1', 'v2']);
    await store.stop();
  });

  it('keeps serving the old version when the new one fails to load', async () => {
    await publish(blobs, fixtureDatasets('v1', new Date()));
    const errors: unknown[] = [];
    const store = new DatasetStore(blobs, { onError: (err) => errors.push(err) });
    await store.refresh();
    // v2 is named but one of its files is corrupt, another missing.
    await publish(blobs, fixtureDatasets('v2', new Date()));
    await blobs.put(datasetKey('v2', 'similar'), Buffer.from('{not json'));
    expect(await store.refresh()).toBe(false);
    expect(store.current()?.version).toBe('v1');
    expect(store.status().lastError).toMatch(/JSON/);
    await blobs.delete(datasetKey('v2', 'similar'));
    expect(await store.refresh()).toBe(false);
    expect(store.status().lastError).toMatch(/similar\.json is missing/);
    // A dataset of the wrong shape is refused too.
    await blobs.put(datasetKey('v2', 'similar'), Buffer.from('[]'));
    expect(await store.refresh()).toBe(false);
    expect(store.current()?.version).toBe('v1');
    expect(errors).toHaveLength(3);
  });

  it('empties when the pointer is deleted (datasets removed), so readers degrade', async () => {
    await publish(blobs, fixtureDatasets('v1', new Date()));
    const store = new DatasetStore(blobs);
    await store.refresh();
    await blobs.delete(CURRENT_KEY);
    expect(await store.refresh()).toBe(true);
    expect(store.current()).toBeUndefined();
    expect(store.health()).toEqual({ state: 'degraded', reason: 'datasets_missing' });
  });
});
