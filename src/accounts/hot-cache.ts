import type { Cache } from '../platform/cache/types.js';

const TOMBSTONE = '\u0000gone';
/** Long enough to outlive any read that started before the write it guards against. */
const TOMBSTONE_TTL_MS = 1_000;
/**
 * Parsed values kept per instance (one per active member and kind); cleared wholesale when full
 * (cheap, and hot keys come straight back).
 */
const MEMO_MAX = 200_000;

/**
 * JSON values in the shared cache under one key prefix, read through with a short TTL.
 *
 * A write invalidates by leaving a short-lived tombstone rather than deleting, and reads fill with
 * `setIfAbsent`: a read that loaded the old row before the write then cannot put it back, so a
 * change (a revoked session, a new plan) is seen by the very next request.
 *
 * Parsed values are memoised against the raw cached string, so a hot key costs a string compare
 * rather than a JSON.parse; callers must treat returned values as immutable.
 */
export class HotCache<T> {
  private readonly parsed = new Map<string, { raw: string; value: T }>();

  constructor(
    private readonly cache: Cache,
    private readonly prefix: string,
    private readonly ttlMs: number,
  ) {}

  /**
   * The cached value, or what `load` returns (cached when defined and not just invalidated), in its
   * JSON form. A read that fills the key answers the object later reads get (parsed once, then a
   * string compare), so callers that memoise by identity see one object per stored value.
   */
  async get(key: string, load: () => Promise<T | undefined>): Promise<T | undefined> {
    const raw = await this.text(key, load);
    return raw === undefined ? undefined : this.parse(key, raw);
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

  private parse(key: string, raw: string): T {
    const memo = this.parsed.get(key);
    if (memo && memo.raw === raw) return memo.value;
    const value = JSON.parse(raw) as T;
    if (this.parsed.size >= MEMO_MAX) this.parsed.clear();
    this.parsed.set(key, { raw, value });
    return value;
  }

  /** Makes the next read go to the database. */
  async invalidate(key: string): Promise<void> {
    await this.cache.set(this.prefix + key, TOMBSTONE, TOMBSTONE_TTL_MS);
  }
}
