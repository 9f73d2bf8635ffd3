import type { Cache } from '../platform/cache/types.js';

/** A playback session: one stream of one title (or episode) by one profile on one device. */
export interface PlaybackSession {
  id: string;
  accountId: string;
  profileId: string;
  titleId: string;
  episodeId: string | null;
  /** The media revision being played: its ingest job, blob prefix and CENC key id (hex). */
  jobId: string;
  prefix: string;
  keyId: string;
  maxHeight: number;
  deviceId: string;
  /** The stream-lease slot this session holds. */
  slot: number;
  /** Secret in the license URL, so a license request needs no Authorization header. */
  licenseToken: string;
  createdAt: string;
}

/**
 * Live playback sessions in the shared cache, expiring with their lease: a session is live exactly as
 * long as heartbeats keep it so, on every api node (Redis in services mode).
 */
export class PlaybackSessions {
  constructor(
    private readonly cache: Cache,
    readonly ttlMs: number,
  ) {}

  private key(id: string): string {
    return `pbs:${id}`;
  }

  async get(id: string): Promise<PlaybackSession | undefined> {
    const raw = await this.cache.get(this.key(id));
    return raw === undefined ? undefined : (JSON.parse(raw) as PlaybackSession);
  }

  /** Stores (or re-stores, extending its life by the TTL) a session. */
  async save(session: PlaybackSession): Promise<void> {
    await this.cache.set(this.key(session.id), JSON.stringify(session), this.ttlMs);
  }

  async delete(id: string): Promise<void> {
    await this.cache.delete(this.key(id));
  }
}
