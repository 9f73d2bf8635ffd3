import type { Accounts } from '../accounts/index.js';
import type { CatalogService } from '../catalog/service.js';
import type { MediaTokenKeyRing } from '../delivery/media-token.js';
import type { BlobStore } from '../platform/blobs/index.js';
import type { Cache } from '../platform/cache/types.js';
import type { Db } from '../platform/db/index.js';
import type { EdgeRanker } from './edge-ranker.js';
import { StreamLeases } from './leases.js';
import { LicenseService } from './license.js';
import { dbRevisionSource, type RevisionSource } from './media-revisions.js';
import { PlanManifests } from './plan-manifests.js';
import { PlayService } from './play.js';
import { ProgressCache } from './progress-cache.js';
import { SessionControl, type PositionSink } from './session-control.js';
import { PlaybackSessions } from './sessions.js';

export { selfRanker, type EdgeClient, type EdgeRanker } from './edge-ranker.js';
export { filterDashMpd, filterHlsMaster } from './manifest-filter.js';
export type { PlayRequest, PlayResult } from './play.js';
export type { PositionSink, SessionPosition } from './session-control.js';

export interface PlaybackOptions {
  /** Life of a stream lease and its session without a heartbeat (MARQUEE_STREAM_LEASE_SECONDS). */
  leaseTtlMs: number;
  /** Life of a signed media URL (MARQUEE_MEDIA_TOKEN_TTL_SECONDS); long enough for a whole film. */
  mediaTokenTtlMs: number;
  /**
   * Heartbeat positions are also written straight to progress (resume points). With a
   * `positionSink` they are appended to the activity log too, and the progress consumer writes the
   * same position again (a no-op: same time); turn this off once every deployment runs that consumer.
   */
  recordHeartbeatProgress: boolean;
  now: () => Date;
}

export const DEFAULT_PLAYBACK_OPTIONS: PlaybackOptions = {
  leaseTtlMs: 90_000,
  mediaTokenTtlMs: 6 * 3600_000,
  recordHeartbeatProgress: true,
  now: () => new Date(),
};

/** The playback module's services. */
export interface Playback {
  play: PlayService;
  control: SessionControl;
  licenses: LicenseService;
}

export interface PlaybackDeps {
  db: Db;
  cache: Cache;
  blobs: BlobStore;
  catalog: CatalogService;
  accounts: Accounts;
  tokens: MediaTokenKeyRing;
  ranker?: EdgeRanker;
  /** Defaults to the database (media_revisions/media_keys) behind a short memo. */
  revisions?: RevisionSource;
  options?: Partial<PlaybackOptions>;
  /** Where heartbeat positions are appended as `heartbeat` events (the activity log). */
  positionSink?: PositionSink;
}

/** Wires the playback module over the shared cache (leases, sessions), blobs (manifests) and accounts. */
export function createPlayback(deps: PlaybackDeps): Playback {
  const options: PlaybackOptions = { ...DEFAULT_PLAYBACK_OPTIONS, ...deps.options };
  const revisions = deps.revisions ?? dbRevisionSource(deps.db);
  const leases = new StreamLeases(deps.cache, options.leaseTtlMs);
  const sessions = new PlaybackSessions(deps.cache, options.leaseTtlMs);
  const { accounts, profiles, watch } = deps.accounts;
  const progress = new ProgressCache(deps.cache, watch);
  return {
    play: new PlayService({
      catalog: deps.catalog,
      accounts,
      profiles,
      progress,
      revisions,
      manifests: new PlanManifests(deps.blobs),
      leases,
      sessions,
      tokens: deps.tokens,
      ...(deps.ranker ? { ranker: deps.ranker } : {}),
      mediaTokenTtlMs: options.mediaTokenTtlMs,
      now: options.now,
    }),
    control: new SessionControl({
      accounts,
      catalog: deps.catalog,
      progress,
      leases,
      sessions,
      recordProgress: options.recordHeartbeatProgress,
      ...(deps.positionSink ? { positionSink: deps.positionSink } : {}),
      now: options.now,
    }),
    licenses: new LicenseService(sessions, revisions),
  };
}
