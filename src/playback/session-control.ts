import type { AccountService } from '../accounts/accounts.js';
import type { AuthContext } from '../accounts/model.js';
import type { CatalogService } from '../catalog/service.js';
import { AppError } from '../errors.js';
import type { StreamLeases } from './leases.js';
import type { ProgressCache } from './progress-cache.js';
import { heartbeatIntervalSec } from './play.js';
import type { PlaybackSession, PlaybackSessions } from './sessions.js';

export interface HeartbeatInput {
  positionSec?: number;
  /** The media's length as the player knows it; the catalog runtime is used when absent. */
  durationSec?: number;
}

export interface HeartbeatResult {
  sessionId: string;
  expiresAt: string;
  heartbeatIntervalSec: number;
}

/** A heartbeat's position, handed to the activity log as a `heartbeat` event. */
export interface SessionPosition {
  profileId: string;
  deviceId: string;
  titleId: string;
  episodeId: string | null;
  playbackSessionId: string;
  positionSec: number;
  durationSec: number;
  at: Date;
}

/** Where heartbeat positions go besides (or, later, instead of) the direct progress write. */
export type PositionSink = (caller: AuthContext, position: SessionPosition) => Promise<void>;

export interface SessionControlDeps {
  accounts: AccountService;
  catalog: CatalogService;
  progress: ProgressCache;
  leases: StreamLeases;
  sessions: PlaybackSessions;
  /**
   * Store heartbeat positions as progress (resume points). On until the activity pipeline's progress
   * consumer does it from the event log; then turn it off so positions are written once.
   */
  recordProgress: boolean;
  /** Appends each heartbeat position to the activity log (the progress consumer's input). */
  positionSink?: PositionSink;
  now: () => Date;
}

/** Heartbeats keep a stream's lease and session alive; stop releases them. */
export class SessionControl {
  constructor(private readonly deps: SessionControlDeps) {}

  /** The caller's live session; another account's session is as unknown as an expired one. */
  private async owned(caller: AuthContext, sessionId: string): Promise<PlaybackSession> {
    const session = await this.deps.sessions.get(sessionId);
    if (!session || session.accountId !== caller.accountId) throw new AppError('PLAYBACK_SESSION_NOT_FOUND', undefined, { sessionId });
    return session;
  }

  /**
   * Extends the lease and the session by one TTL. A player that went quiet long enough to lose its
   * slot gets one back if one is free, else 409 STREAM_LIMIT_REACHED (and its session ends).
   */
  async heartbeat(caller: AuthContext, sessionId: string, input: HeartbeatInput): Promise<HeartbeatResult> {
    const { deps } = this;
    const session = await this.owned(caller, sessionId);
    const holder = { sessionId, deviceId: session.deviceId };
    if (!(await deps.leases.renew(session.accountId, session.slot, holder))) {
      const { concurrentStreams } = await deps.accounts.entitlementsFor(session.accountId);
      const lease = await deps.leases.acquire(session.accountId, concurrentStreams, holder);
      if (!lease) {
        await deps.sessions.delete(sessionId);
        throw new AppError('STREAM_LIMIT_REACHED', undefined, { limit: concurrentStreams });
      }
      session.slot = lease.slot;
      if (lease.replaced) await deps.sessions.delete(lease.replaced);
    }
    await deps.sessions.save(session);
    const now = deps.now();
    if (input.positionSec !== undefined && (deps.recordProgress || deps.positionSink)) await this.recordPosition(caller, session, input, now);
    return {
      sessionId,
      expiresAt: new Date(now.getTime() + deps.sessions.ttlMs).toISOString(),
      heartbeatIntervalSec: heartbeatIntervalSec(deps.sessions.ttlMs),
    };
  }

  /** Ends the stream: frees its slot at once rather than when the lease would expire. */
  async stop(caller: AuthContext, sessionId: string): Promise<void> {
    const session = await this.owned(caller, sessionId);
    await this.deps.leases.release(session.accountId, session.slot, { sessionId, deviceId: session.deviceId });
    await this.deps.sessions.delete(sessionId);
  }

  private async recordPosition(caller: AuthContext, session: PlaybackSession, input: HeartbeatInput, now: Date): Promise<void> {
    const title = this.deps.catalog.view().snapshot.byId.get(session.titleId);
    const episode = title?.seasons.flatMap((s) => s.episodes).find((e) => e.id === session.episodeId);
    const durationSec = input.durationSec ?? ((episode ?? title)?.runtimeMinutes ?? 0) * 60;
    if (!(durationSec > 0)) return;
    const positionSec = input.positionSec ?? 0;
    if (this.deps.recordProgress) await this.deps.progress.record(session.profileId, session.titleId, session.episodeId, positionSec, durationSec, now);
    await this.deps.positionSink?.(caller, {
      profileId: session.profileId,
      deviceId: session.deviceId,
      titleId: session.titleId,
      episodeId: session.episodeId,
      playbackSessionId: session.id,
      positionSec,
      durationSec,
      at: now,
    });
  }
}
