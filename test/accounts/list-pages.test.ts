import { describe, expect, it } from 'vitest';
import { ListPages, type ListPageKey } from '../../src/accounts/list-pages.js';
import type { CatalogSnapshot } from '../../src/catalog/snapshot.js';

// ListPages compares snapshots by identity only: two distinct objects stand for two catalog versions.
const snapshotA = {} as CatalogSnapshot;
const snapshotB = {} as CatalogSnapshot;
const adult = { maxMaturityLevel: 6, country: 'US' };
const key = (over: Partial<ListPageKey> = {}): ListPageKey => ({ digest: 'd1', shape: '0:50', viewer: adult, snapshot: snapshotA, at: 1_000, ...over });
const page = (text: string): Buffer => Buffer.from(text);

describe('ListPages', () => {
  it('reuses a page while list, shape, viewer, snapshot and availability are unchanged', () => {
    const pages = new ListPages(10);
    pages.set('p1', key(), 5_000, page('one'));
    pages.set('p1', key({ shape: '1:2' }), 5_000, page('two'));
    expect(pages.get('p1', key({ at: 4_999 }))?.toString()).toBe('one');
    expect(pages.get('p1', key({ shape: '1:2' }))?.toString()).toBe('two');
    expect(pages.get('p2', key())).toBeUndefined();
  });

  it('misses after the list, the viewer or the catalog changed, or once availability may have', () => {
    const pages = new ListPages(10);
    pages.set('p1', key(), 5_000, page('one'));
    expect(pages.get('p1', key({ digest: 'd2' }))).toBeUndefined();
    expect(pages.get('p1', key({ viewer: { maxMaturityLevel: 2, country: 'US' } }))).toBeUndefined();
    expect(pages.get('p1', key({ viewer: { maxMaturityLevel: 6, country: 'GB' } }))).toBeUndefined();
    expect(pages.get('p1', key({ snapshot: snapshotB }))).toBeUndefined();
    expect(pages.get('p1', key({ at: 5_000 }))).toBeUndefined();
    // A new list replaces the profile's pages: the old shapes are gone with it.
    pages.set('p1', key({ digest: 'd2', shape: '1:2' }), 5_000, page('new'));
    expect(pages.get('p1', key())).toBeUndefined();
    expect(pages.get('p1', key({ digest: 'd2', shape: '1:2' }))?.toString()).toBe('new');
  });

  it('holds at most its bound of profiles, least recently used out first', () => {
    const pages = new ListPages(2);
    pages.set('p1', key(), 5_000, page('1'));
    pages.set('p2', key(), 5_000, page('2'));
    pages.get('p1', key());
    pages.set('p3', key(), 5_000, page('3'));
    expect(pages.get('p2', key())).toBeUndefined();
    expect(pages.get('p1', key())?.toString()).toBe('1');
  });

  it('reuses pages again once a page rendered after the availability horizon is held', () => {
    const pages = new ListPages(10);
    pages.set('p1', key(), 5_000, page('old'));
    expect(pages.get('p1', key({ at: 6_000 }))).toBeUndefined();
    pages.set('p1', key({ at: 6_000 }), 9_000, page('new'));
    expect(pages.get('p1', key({ at: 7_000 }))?.toString()).toBe('new');
  });
});
