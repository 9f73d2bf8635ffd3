import type { Cache } from '../platform/cache/types.js';

export interface WindowLimit {
  /** Failures allowed per window; the next attempt is refused. */
  limit: number;
  windowMs: number;
}

/**
 * Counts failures per key in fixed time windows kept in the cache (shared by every api node in
 * services mode). Fixed windows are cheap and good enough for brute-force throttling; the worst case
 * is 2 × limit attempts around a window boundary.
 */
export class FailureCounter {
  constructor(
    private readonly cache: Cache,
    private readonly prefix: string,
    private readonly rule: WindowLimit,
    private readonly now: () => Date,
  ) {}

  /** Seconds until the key may try again, or 0 when it is not blocked. */
  async blockedFor(key: string): Promise<number> {
    const { slot, endsInMs } = this.window();
    const count = Number((await this.cache.get(this.key(key, slot))) ?? 0);
    return count >= this.rule.limit ? Math.ceil(endsInMs / 1000) : 0;
  }

  /** Records one failure for the key. */
  async fail(key: string): Promise<void> {
    const { slot, endsInMs } = this.window();
    await this.cache.increment(this.key(key, slot), 1, endsInMs + 1000);
  }

  /** Forgets the key's failures in the current window (after a success). */
  async reset(key: string): Promise<void> {
    await this.cache.delete(this.key(key, this.window().slot));
  }

  private window(): { slot: number; endsInMs: number } {
    const at = this.now().getTime();
    const slot = Math.floor(at / this.rule.windowMs);
    return { slot, endsInMs: (slot + 1) * this.rule.windowMs - at };
  }

  private key(key: string, slot: number): string {
    return `${this.prefix}:${key}:${slot}`;
  }
}
