// PagePlans keeps each profile's page outside the heap with a stamp of its inputs: the same inputs
// give the bytes back (copied by the caller), any other input none.
import { EventEmitter } from 'node:events';
import type { ServerResponse } from 'node:http';
import { describe, expect, it } from 'vitest';
import { BodyPool } from '../../src/api/body-pool.js';
import type { CatalogSnapshot } from '../../src/catalog/snapshot.js';
import { PagePlans, type PlanInputs } from '../../src/recs/home/page-plans.js';
import type { ViewerClass } from '../../src/recs/home/visibility.js';
import type { LoadedDatasets } from '../../src/recs/store/dataset-store.js';

// Only their identity matters to a plan, so stand-ins of the right type will do.
const snapshot = (): CatalogSnapshot => ({}) as unknown as CatalogSnapshot;
const viewerClass = (): ViewerClass => ({}) as unknown as ViewerClass;
const datasets = (): LoadedDatasets => ({}) as unknown as LoadedDatasets;
const copy = (bytes: Uint8Array): Buffer => Buffer.from(bytes);

describe('PagePlans', () => {
  const base: PlanInputs = { snapshot: snapshot(), viewerClass: viewerClass(), datasets: datasets(), degraded: undefined, size: 20, profileName: 'Ada', stateDigest: 'digest-1' };
  const page = (n: number): Buffer => Buffer.from(JSON.stringify({ rows: [`page ${n}`.repeat(n)] }));

  it('gives a page back for the same inputs only', () => {
    const plans = new PagePlans(10);
    plans.set('p1', base, page(300));
    expect(plans.get('p1', base, copy)).toEqual(page(300));
    expect(plans.get('p1', { ...base }, copy)).toEqual(page(300)); // equal inputs, another object
    for (const changed of [{ viewerClass: viewerClass() }, { degraded: 'datasets_stale' as const }, { size: 40 }, { profileName: 'Ada L.' }, { stateDigest: 'digest-2' }, { snapshot: snapshot() }, { datasets: undefined }]) {
      expect(plans.get('p1', { ...base, ...changed }, copy), JSON.stringify(Object.keys(changed))).toBeUndefined();
    }
    expect(plans.get('p2', base, copy)).toBeUndefined();
  });

  it('replaces a profile\'s page, forgets every page on a new snapshot, and keeps none at 0', () => {
    const plans = new PagePlans(10);
    plans.set('p1', base, page(1));
    plans.set('p1', { ...base, stateDigest: 'digest-2' }, page(2));
    expect(plans.get('p1', { ...base, stateDigest: 'digest-2' }, copy)).toEqual(page(2));
    plans.set('p2', { ...base, snapshot: snapshot() }, page(3));
    expect(plans.get('p1', { ...base, stateDigest: 'digest-2' }, copy)).toBeUndefined();
    const none = new PagePlans(0);
    none.set('p1', base, page(1));
    expect(none.get('p1', base, copy)).toBeUndefined();
  });

  it('keeps the most recently used profiles', () => {
    const plans = new PagePlans(3);
    for (let i = 0; i < 5; i++) plans.set(`p${i}`, base, page(i));
    expect([0, 1, 2, 3, 4].map((i) => plans.get(`p${i}`, base, copy)?.toString())).toEqual([undefined, undefined, page(2).toString(), page(3).toString(), page(4).toString()]);
  });
});

describe('BodyPool', () => {
  it('reuses a body\'s buffer only after its response finished', () => {
    const pool = new BodyPool(1024);
    const first = new EventEmitter() as unknown as ServerResponse;
    const a = pool.copy(Buffer.from('first'), first);
    const b = pool.copy(Buffer.from('second'), new EventEmitter() as unknown as ServerResponse);
    expect(a.buffer).not.toBe(b.buffer); // the first is still being sent
    expect([a.toString(), b.toString()]).toEqual(['first', 'second']);
    first.emit('finish');
    const c = pool.copy(Buffer.from('third'), new EventEmitter() as unknown as ServerResponse);
    expect(c.buffer).toBe(a.buffer);
    expect(pool.copy(Buffer.alloc(2048, 1), new EventEmitter() as unknown as ServerResponse).length).toBe(2048); // too large: its own
  });
});
