import { LRUCache } from 'lru-cache';
import type { Viewer } from '../catalog/model.js';
import type { CatalogSnapshot } from '../catalog/snapshot.js';

/** What a rendered My List page depends on besides the profile id. */
export interface ListPageKey {
  /** `textDigest` of the list as cached. */
  readonly digest: string;
  /** The page's shape (offset and limit). */
  readonly shape: string;
  readonly viewer: Viewer;
  readonly snapshot: CatalogSnapshot;
  /** ms since epoch: now, at a read; at a write, when the next availability change of the viewer's country comes. */
  readonly at: number;
}

interface Held {
  readonly digest: string;
  readonly level: number;
  readonly country: string | undefined;
  readonly snapshot: CatalogSnapshot;
  readonly until: number;
  /** Rendered pages by shape (a few per list). */
  readonly pages: Map<string, Buffer>;
}

const SHAPES_PER_LIST = 8;

/**
 * My List pages as sent (JSON bytes), per profile, reused while the list, the viewer's filters, the
 * catalog snapshot and the titles' availability are unchanged: GET …/list is a hot read, and an
 * unchanged list is filtered, serialised and encoded once. Keyed on a digest of the list's text, so
 * a held page keeps no copy of the member's state on the heap; its bytes are outside it. Per node,
 * bounded (LRU).
 */
export class ListPages {
  private readonly held: LRUCache<string, Held>;

  constructor(maxProfiles: number) {
    this.held = new LRUCache({ max: Math.max(1, maxProfiles) });
  }

  get(profileId: string, key: ListPageKey): Buffer | undefined {
    const held = this.held.get(profileId);
    if (!held || !sameList(held, key) || held.until <= key.at) return undefined;
    return held.pages.get(key.shape);
  }

  /** Holds a page; `until` is when the titles' availability next changes for the viewer's country. */
  set(profileId: string, key: ListPageKey, until: number, json: Buffer): void {
    let held = this.held.get(profileId);
    // A held list past its availability horizon starts afresh with the new one: kept, its old
    // `until` would make every later read miss.
    if (!held || !sameList(held, key) || held.until <= key.at) {
      held = { digest: key.digest, level: key.viewer.maxMaturityLevel, country: key.viewer.country, snapshot: key.snapshot, until, pages: new Map() };
      this.held.set(profileId, held);
    }
    if (held.pages.size >= SHAPES_PER_LIST) held.pages.clear();
    held.pages.set(key.shape, json);
  }
}

function sameList(held: Held, key: ListPageKey): boolean {
  return held.digest === key.digest && held.snapshot === key.snapshot && held.level === key.viewer.maxMaturityLevel && held.country === key.viewer.country;
}
