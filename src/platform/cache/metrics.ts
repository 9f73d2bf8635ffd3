import { Counter, Gauge, type Registry } from 'prom-client';
import { NearCache } from './near.js';
import type { Cache } from './types.js';

/**
 * What this process's cache holds (the embedded cache, or the near cache in front of Redis) and,
 * for a near cache, how many reads it answered itself: its hit ratio is what keeps Redis off the
 * request path.
 */
export function registerCacheMetrics(registry: Registry, cache: Cache): void {
  if (!cache.held) return;
  const held = () => cache.held?.();
  const where = cache.near ? 'the near cache in front of Redis' : 'the embedded cache';
  new Gauge({ name: 'marquee_cache_entries', help: `Entries in ${where}`, registers: [registry], collect() { this.set(held()?.entries ?? 0); } });
  new Gauge({ name: 'marquee_cache_held_bytes', help: `Bytes of ${where}'s slabs (keys and values), outside the V8 heap`, registers: [registry], collect() { this.set(held()?.bytesHeld ?? 0); } });
  const near = cache.near;
  if (!(near instanceof NearCache)) return;
  new Counter({
    name: 'marquee_near_cache_reads_total',
    help: 'Reads of members\' hot state by where they were answered: hit (this process) or miss (Redis)',
    labelNames: ['result'] as const,
    registers: [registry],
    collect() {
      // The near cache counts; the counter mirrors it at scrape time.
      const { hits, misses } = near.stats();
      this.reset();
      this.inc({ result: 'hit' }, hits);
      this.inc({ result: 'miss' }, misses);
    },
  });
  new Gauge({ name: 'marquee_near_cache_tracking', help: 'Whether Redis reports changes to what the near cache keeps (1), or it reads through (0)', registers: [registry], collect() { this.set(near.isTracking ? 1 : 0); } });
}
