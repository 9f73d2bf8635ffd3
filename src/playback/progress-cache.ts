import type { ProgressEntry } from '../accounts/model.js';
import type { ProfileAccess } from '../accounts/profiles.js';
import type { WatchService } from '../accounts/watch.js';
import type { Cache } from '../platform/cache/types.js';

/**
 * A profile's positions, read through the shared cache: every play request needs those of its title
 * (resume point, which episode a show starts at) and a database round trip per play would dominate
 * the hot path. One entry per profile, not per title, so a profile browsing from title to title costs
 * one read. Heartbeats write through and drop the entry; positions written by other paths (the
 * activity pipeline's progress consumer) show up within `ttlMs`.
 */
/** Most recent positions kept per profile: every title in progress, and finished ones back a long way. */
const PROFILE_POSITIONS = 2_000;

export class ProgressCache {
  constructor(
    private readonly cache: Cache,
    private readonly watch: WatchService,
    private readonly ttlMs = 60_000,
  ) {}

  private key(profileId: string): string {
    return `resume:${profileId}`;
  }

  async forTitle(access: ProfileAccess, titleId: string): Promise<ProgressEntry[]> {
    const key = this.key(access.profile.id);
    const cached = await this.cache.get(key);
    let entries: ProgressEntry[];
    if (cached !== undefined) entries = JSON.parse(cached) as ProgressEntry[];
    else {
      entries = await this.watch.positions(access, PROFILE_POSITIONS);
      await this.cache.set(key, JSON.stringify(entries), this.ttlMs);
    }
    return entries.filter((e) => e.titleId === titleId);
  }

  async record(profileId: string, titleId: string, episodeId: string | null, positionSec: number, durationSec: number, at: Date): Promise<void> {
    await this.watch.recordProgress(profileId, titleId, episodeId, positionSec, durationSec, at);
    await this.cache.delete(this.key(profileId));
  }
}
