import { openMemoryCache, type MemoryCache } from './memory.js';
import type { Cache, CacheHeld } from './types.js';

/** A value as the remote cache holds it, with its remaining TTL in ms (undefined: it has none). */
export interface RemoteValue {
  value: string | undefined;
  ttlMs: number | undefined;
}

/** A remote cache that can also say how long a value it answers has left to live. */
export interface TtlReadableCache extends Cache {
  getWithTtl(key: string): Promise<RemoteValue>;
  /** setIfAbsent, then the key's value whoever stored it, in one round trip (the read is what the server tracks). */
  setIfAbsentThenGet(key: string, value: string, ttlMs: number): Promise<RemoteValue & { stored: boolean }>;
}

export interface NearCacheOptions {
  /** Entries kept in this process; the least recently used are evicted beyond it. */
  maxEntries: number;
}

export interface NearCacheStats extends CacheHeld {
  /** Reads answered from this process's copy. */
  readonly hits: number;
  /** Reads that went to the remote cache (while tracking: then kept here). */
  readonly misses: number;
}

/**
 * A process-local copy of the values this process reads from a shared cache, kept coherent by the
 * shared cache telling it which keys changed (Redis's server-assisted client-side caching: redis.ts
 * wires its invalidation messages to `invalidate` and its connection state to `setTracking`).
 *
 * Why: an api node reads a member's session, account, profile, history and My List on every page;
 * from Redis that is a round trip and a parse per key on the request's core (docs/BENCHMARKS.md, the
 * services run), while the values change rarely. Kept here, they are slab bytes outside V8's heap.
 *
 * Coherence rules:
 * - A value is kept only if it was read while the server tracked this connection's reads, so every
 *   later change to it is reported; not tracking (starting, reconnecting) means reading through.
 * - A change reported while a read of the same key is in flight wins: the read's answer is not kept
 *   (it may predate the change).
 * - This process's own writes drop its copy first and go over the same connection as its reads, so
 *   it reads its own writes; the server does not report them back (NOLOOP).
 * - Losing either connection forgets everything: changes made meanwhile were not reported.
 * Another node's change is therefore seen once its invalidation arrives (a message on a second
 * connection, well under a millisecond on one network), this node's own at once. Coordination that
 * cannot take that window (stream leases, rate limits) uses the shared cache directly.
 */
export class NearCache implements Cache {
  readonly kind: Cache['kind'];
  private readonly local: MemoryCache;
  /** Keys being read from the remote cache → the token of the latest such read. */
  private readonly inFlight = new Map<string, number>();
  private nextToken = 0;
  /** Bumped whenever tracking starts or stops: a read begun before cannot keep its answer. */
  private epoch = 0;
  private tracking = false;
  private hits = 0;
  private misses = 0;

  constructor(
    private readonly remote: TtlReadableCache,
    options: NearCacheOptions,
  ) {
    this.kind = remote.kind;
    this.local = openMemoryCache({ maxEntries: options.maxEntries });
  }

  /** True while the shared cache reports every change to what this process keeps. */
  get isTracking(): boolean {
    return this.tracking;
  }

  /** Starts or stops keeping values; either way what is kept is forgotten. */
  setTracking(on: boolean): void {
    this.forgetAll();
    this.tracking = on;
  }

  /** The shared cache says `key` changed (or, with undefined, that anything may have). */
  invalidate(key: string | undefined): void {
    if (key === undefined) {
      this.forgetAll();
      return;
    }
    this.inFlight.delete(key);
    void this.local.delete(key);
  }

  async get(key: string): Promise<string | undefined> {
    if (!this.tracking) return this.remote.get(key);
    const kept = await this.local.get(key);
    if (kept !== undefined) {
      this.hits++;
      return kept;
    }
    this.misses++;
    return (await this.keepWhatIsRead(key, () => this.remote.getWithTtl(key))).value;
  }

  /**
   * A read of `key` from the remote cache (which makes the server track it), kept here unless a
   * change to the key was reported, or tracking lost, while it was in flight.
   */
  private async keepWhatIsRead<R extends RemoteValue>(key: string, read: () => Promise<R>): Promise<R> {
    const token = ++this.nextToken;
    const epoch = this.epoch;
    this.inFlight.set(key, token);
    try {
      const answer = await read();
      // A change reported meanwhile, or tracking lost and found again, deleted or replaced the token.
      if (answer.value !== undefined && this.inFlight.get(key) === token && this.epoch === epoch) await this.local.set(key, answer.value, answer.ttlMs);
      return answer;
    } finally {
      if (this.inFlight.get(key) === token) this.inFlight.delete(key);
    }
  }

  async getMany(keys: readonly string[]): Promise<(string | undefined)[]> {
    return Promise.all(keys.map((key) => this.get(key)));
  }

  async set(key: string, value: string, ttlMs?: number): Promise<void> {
    this.invalidate(key);
    await this.remote.set(key, value, ttlMs);
  }

  /**
   * A fill (HotCache's): stored only if absent, then read back in the same round trip, so the
   * server tracks the key and the value is kept here — a member's next request is a hit. Only a
   * value the server saw this connection read is reported on change, hence the read.
   */
  async setIfAbsent(key: string, value: string, ttlMs: number): Promise<boolean> {
    this.invalidate(key);
    if (!this.tracking) return this.remote.setIfAbsent(key, value, ttlMs);
    return (await this.keepWhatIsRead(key, () => this.remote.setIfAbsentThenGet(key, value, ttlMs))).stored;
  }

  async delete(key: string): Promise<void> {
    this.invalidate(key);
    await this.remote.delete(key);
  }

  async increment(key: string, by?: number, ttlMs?: number): Promise<number> {
    this.invalidate(key);
    return this.remote.increment(key, by, ttlMs);
  }

  async ping(): Promise<void> {
    await this.remote.ping();
  }

  /** Closes this process's copy only; the remote cache belongs to whoever opened it. */
  async close(): Promise<void> {
    this.setTracking(false);
  }

  held(): CacheHeld {
    const { entries, bytesHeld } = this.local.held();
    return { entries, bytesHeld };
  }

  stats(): NearCacheStats {
    return { ...this.held(), hits: this.hits, misses: this.misses };
  }

  private forgetAll(): void {
    this.epoch++;
    this.inFlight.clear();
    this.local.clear();
  }
}
