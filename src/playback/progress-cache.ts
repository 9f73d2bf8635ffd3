import type { ProgressEntry } from '../accounts/model.js';
import type { ProfileAccess } from '../accounts/profiles.js';
import type { WatchService } from '../accounts/watch.js';
import type { Cache } from '../platform/cache/types.js';

/**
 * A profile's positions in one title, read through the shared cache: every play request needs them
 * (resume point, which episode a show starts at) and a database round trip per play would dominate
 * the hot path. Heartbeats write through and drop the entry; positions written by other paths (the
 * activity pipeline's progress consumer) show up within `ttlMs`.
 */
export class ProgressCache {
  constructor(
    private readonly cache: Cache,
    private readonly watch: WatchService,
    private readonly ttlMs = 60_000,
  ) {}

  private key(profileId: string, titleId: string): string {
    return `resume:${profileId}:${titleId}`;
  }

  async forTitle(access: ProfileAccess, titleId: string): Promise<ProgressEntry[]> {
    const key = this.key(access.profile.id, titleId);
    const cached = await this.cache.get(key);
    if (cached !== undefined) return JSON.parse(cached) as ProgressEntry[];
    const entries = await this.watch.progress(access, { titleId, limit: 10_000, includeCompleted: true });
    await this.cache.set(key, JSON.stringify(entries), this.ttlMs);
    return entries;
  }

  async record(profileId: string, titleId: string, episodeId: string | null, positionSec: number, durationSec: number, at: Date): Promise<void> {
    await this.watch.recordProgress(profileId, titleId, episodeId, positionSec, durationSec, at);
    await this.cache.delete(this.key(profileId, titleId));
  }
}
