import { hash } from 'node:crypto';
import type { Cache } from '../platform/cache/types.js';

const TOMBSTONE = '\u0000gone';
/** Long enough to outlive any read that started before the write it guards against. */
const TOMBSTONE_TTL_MS = 1_000;

/**
 * JSON values in the shared cache under one key prefix, read through with a short TTL.
 *
 * A write invalidates by leaving a short-lived tombstone rather than deleting, and reads fill with
 * `setIfAbsent`: a read that loaded the old row before the write then cannot put it back, so a
 * change (a revoked session, a new plan) is seen by the very next request.
 *
 * Every read parses afresh (a session, account or profile in a microsecond or two) and nothing
 * parsed is kept here: held per active member, parsed values were tens of MB of old-generation heap
 * at 100 k members, which full collections mark on the request thread (docs/BENCHMARKS.md).
 */
export class HotCache<T> {
  /** The shared cache's near cache when it has one: members' state read on every page stays in-process. */
  private readonly cache: Cache;

  constructor(
    shared: Cache,
    private readonly prefix: string,
    private readonly ttlMs: number,
  ) {
    this.cache = shared.near ?? shared;
  }

  /**
   * The cached value, or what `load` returns (cached when defined and not just invalidated), in its
   * JSON form (a fill answers what later reads will: the stored text, parsed). A new object each read.
   */
  async get(key: string, load: () => Promise<T | undefined>): Promise<T | undefined> {
    const raw = await this.text(key, load);
    return raw === undefined ? undefined : (JSON.parse(raw) as T);
  }

  /**
   * The cached JSON text (a miss loads and stores it; under a tombstone, answers what it loaded
   * without storing it), neither parsed nor kept here: equal texts are equal values, so a caller
   * can tell "unchanged" by comparing texts and parse only when it changed. Undefined when `load`
   * finds nothing.
   */
  async text(key: string, load: () => Promise<T | undefined>): Promise<string | undefined> {
    const hit = await this.cache.get(this.prefix + key);
    if (hit !== undefined && hit !== TOMBSTONE) return hit;
    const value = await load();
    if (value === undefined) return undefined;
    const raw = JSON.stringify(value);
    if (hit === undefined) await this.cache.setIfAbsent(this.prefix + key, raw, this.ttlMs);
    return raw;
  }

  /** Makes the next read go to the database. */
  async invalidate(key: string): Promise<void> {
    await this.cache.set(this.prefix + key, TOMBSTONE, TOMBSTONE_TTL_MS);
  }
}

/**
 * A short digest of cached texts (SHA-1, base64: 28 characters), for memos that must tell
 * "unchanged" without holding the texts themselves on the heap. Collisions are not a concern:
 * the texts are a profile's own state, and a collision would only reuse that profile's page.
 */
export function textDigest(...texts: readonly string[]): string {
  return hash('sha1', texts.length === 1 ? texts[0]! : texts.join('\u0000'), 'base64');
}
