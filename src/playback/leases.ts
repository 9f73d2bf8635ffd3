import type { Cache } from '../platform/cache/types.js';

/** Who holds a stream slot: the playback session and the device it plays on. */
export interface LeaseHolder {
  sessionId: string;
  deviceId: string;
}

export interface Lease {
  slot: number;
  /** The session this device was playing before, whose slot it took over (to be ended). */
  replaced: string | null;
}

const encode = (holder: LeaseHolder): string => `${holder.sessionId} ${holder.deviceId}`;

function decode(value: string | undefined): LeaseHolder | undefined {
  if (value === undefined) return undefined;
  const space = value.indexOf(' ');
  return space < 0 ? undefined : { sessionId: value.slice(0, space), deviceId: value.slice(space + 1) };
}

/**
 * The concurrent-stream limit as expiring leases in the shared cache (LRU embedded, Redis in services
 * mode): an account with a limit of N has slots `lease:<account>:0..N-1`, each taken with the cache's
 * atomic set-if-absent and living for `ttlMs` unless a heartbeat renews it — a player that vanishes
 * frees its slot by itself. No counter to drift: the set of live keys is the count.
 *
 * Renew and release read, then write; the cache interface has no compare-and-set, so a heartbeat that
 * arrives in the very millisecond its lease expires and is retaken can overwrite the new holder. With
 * heartbeats at a third of the TTL that window needs a player silent for two intervals, and the loser
 * finds out on its next heartbeat.
 */
export class StreamLeases {
  constructor(
    private readonly cache: Cache,
    readonly ttlMs: number,
  ) {}

  private key(accountId: string, slot: number): string {
    return `lease:${accountId}:${slot}`;
  }

  /**
   * Takes a slot for `holder`, or undefined when all `limit` slots are held by other devices. A device
   * that already holds a slot takes it over: starting the next episode on the same TV is not a
   * second stream.
   */
  async acquire(accountId: string, limit: number, holder: LeaseHolder): Promise<Lease | undefined> {
    const keys = Array.from({ length: limit }, (_, slot) => this.key(accountId, slot));
    const held = (await this.cache.getMany(keys)).map(decode);
    const own = held.findIndex((h) => h?.deviceId === holder.deviceId);
    if (own >= 0) {
      await this.cache.set(this.key(accountId, own), encode(holder), this.ttlMs);
      const previous = held[own]?.sessionId ?? null;
      return { slot: own, replaced: previous === holder.sessionId ? null : previous };
    }
    for (let slot = 0; slot < limit; slot++) {
      if (held[slot] !== undefined) continue;
      if (await this.cache.setIfAbsent(this.key(accountId, slot), encode(holder), this.ttlMs)) return { slot, replaced: null };
    }
    return undefined;
  }

  /** Extends the holder's lease; false when it expired or was taken over (the caller may `acquire` again). */
  async renew(accountId: string, slot: number, holder: LeaseHolder): Promise<boolean> {
    const key = this.key(accountId, slot);
    if ((await this.cache.get(key)) !== encode(holder)) return false;
    await this.cache.set(key, encode(holder), this.ttlMs);
    return true;
  }

  /** Frees the holder's slot; a slot someone else holds by now is left alone. */
  async release(accountId: string, slot: number, holder: LeaseHolder): Promise<void> {
    const key = this.key(accountId, slot);
    if ((await this.cache.get(key)) === encode(holder)) await this.cache.delete(key);
  }
}
