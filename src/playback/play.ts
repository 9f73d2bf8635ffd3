import { randomBytes, randomUUID } from 'node:crypto';
import type { AccountService } from '../accounts/accounts.js';
import type { AuthContext, ProgressEntry } from '../accounts/model.js';
import { entitlements } from '../accounts/plans.js';
import type { ProfileService } from '../accounts/profiles.js';
import type { Episode } from '../catalog/model.js';
import type { CatalogService } from '../catalog/service.js';
import { signedMediaPath, signMediaToken, type MediaTokenKeyRing } from '../delivery/media-token.js';
import { AppError } from '../errors.js';
import type { EdgeRanker } from './edge-ranker.js';
import { checkEntitled, findTarget } from './entitlement.js';
import { episodeToStart, nextEpisode, resumePosition } from './episodes.js';
import type { StreamLeases } from './leases.js';
import type { RevisionSource } from './media-revisions.js';
import type { PlanManifests } from './plan-manifests.js';
import type { ProgressCache } from './progress-cache.js';
import type { PlaybackSession, PlaybackSessions } from './sessions.js';

export interface PlayRequest {
  profileId: string;
  titleId?: string;
  episodeId?: string;
  /** `id` is the client's stable device id: one device holds at most one stream lease. */
  device: { id: string; type?: string };
}

export interface EpisodeRef {
  id: string;
  seasonNumber: number;
  episodeNumber: number;
  name: string;
  playable: boolean;
}

/** Everything a player needs to start: signed media paths, ranked hosts, license, resume, next episode. */
export interface PlayResult {
  sessionId: string;
  titleId: string;
  episode: EpisodeRef | null;
  /** Tallest rung the plan allows; the manifests offer nothing above it. */
  maxHeight: number;
  /** The lease and session expire here unless a heartbeat extends them. */
  expiresAt: string;
  heartbeatIntervalSec: number;
  /** Ranked delivery base URLs, primary first. */
  baseUrls: string[];
  /** Token-carrying paths to append to any base URL (failover keeps the path, swaps the host). */
  paths: { hls: string; dash: string; trickplay: string | null };
  /** The same on the primary host. */
  manifests: { hls: string; dash: string };
  trickplay: string | null;
  mediaTokenExpiresAt: string;
  license: { keySystem: 'org.w3.clearkey'; url: string };
  resume: { positionSec: number; durationSec: number; updatedAt: string } | null;
  nextEpisode: EpisodeRef | null;
}

export interface PlayServiceDeps {
  catalog: CatalogService;
  accounts: AccountService;
  profiles: ProfileService;
  progress: ProgressCache;
  revisions: RevisionSource;
  manifests: PlanManifests;
  leases: StreamLeases;
  sessions: PlaybackSessions;
  tokens: MediaTokenKeyRing;
  /** Steering; without it (or when it returns nothing) the api/origin's own base URL serves media. */
  ranker?: EdgeRanker;
  mediaTokenTtlMs: number;
  now: () => Date;
}

function episodeRef(episode: Episode | null): EpisodeRef | null {
  return (
    episode && {
      id: episode.id,
      seasonNumber: episode.seasonNumber,
      episodeNumber: episode.episodeNumber,
      name: episode.name,
      playable: episode.playable,
    }
  );
}

/** A third of the lease: a player may miss one heartbeat without losing its stream. */
export function heartbeatIntervalSec(leaseTtlMs: number): number {
  return Math.max(1, Math.floor(leaseTtlMs / 3000));
}

/** `POST /v1/play`: entitlement checks, a stream lease, a playback session and the signed response. */
export class PlayService {
  constructor(private readonly deps: PlayServiceDeps) {}

  /** `selfBaseUrl` is this api/origin's public base URL, the host of last resort and of the license URL. */
  async play(caller: AuthContext, input: PlayRequest, selfBaseUrl: string): Promise<PlayResult> {
    const { deps } = this;
    const now = deps.now();
    const access = await deps.profiles.access(caller, input.profileId);
    const account = await deps.accounts.get(caller.accountId);
    const { title, episode: named } = findTarget(deps.catalog.view().snapshot, input);
    checkEntitled(title, access.viewer, account.country, now);

    const progress: ProgressEntry[] = await deps.progress.forTitle(access, title.id);
    const episode = title.kind === 'show' ? (named ?? episodeToStart(title, progress) ?? null) : null;
    if (title.kind === 'show' && !episode) throw new AppError('NOT_PLAYABLE', 'This show has no episodes yet', { titleId: title.id });
    const revision = await deps.revisions.current(title.id, episode?.id ?? null);
    if (!revision) throw new AppError('NOT_PLAYABLE', undefined, { titleId: title.id, episodeId: episode?.id ?? null });

    const plan = entitlements(account.plan);
    const media = await deps.manifests.forPlan(revision, plan.maxResolution);
    const ranked = deps.ranker ? await deps.ranker({ country: account.country, titleId: title.id }) : [];
    const baseUrls = ranked.length > 0 ? ranked : [selfBaseUrl];

    const sessionId = randomUUID();
    const lease = await deps.leases.acquire(account.id, plan.concurrentStreams, { sessionId, deviceId: input.device.id });
    if (!lease) throw new AppError('STREAM_LIMIT_REACHED', undefined, { limit: plan.concurrentStreams, plan: plan.plan });
    const session: PlaybackSession = {
      id: sessionId,
      accountId: account.id,
      profileId: access.profile.id,
      titleId: title.id,
      episodeId: episode?.id ?? null,
      jobId: revision.jobId,
      prefix: revision.prefix,
      keyId: revision.keyId,
      maxHeight: plan.maxResolution,
      deviceId: input.device.id,
      slot: lease.slot,
      licenseToken: randomBytes(24).toString('base64url'),
      createdAt: now.toISOString(),
    };
    try {
      // The device's previous stream ends: its heartbeats and license requests now fail.
      if (lease.replaced) await deps.sessions.delete(lease.replaced);
      await deps.sessions.save(session);
    } catch (err) {
      await deps.leases.release(account.id, lease.slot, { sessionId, deviceId: input.device.id }).catch(() => undefined);
      throw err;
    }

    const tokenExpiresAt = now.getTime() + deps.mediaTokenTtlMs;
    const token = signMediaToken(deps.tokens, { sessionId, prefix: revision.prefix, expiresAt: tokenExpiresAt / 1000, maxHeight: plan.maxResolution });
    const paths = {
      hls: signedMediaPath(token, media.hlsKey),
      dash: signedMediaPath(token, media.dashKey),
      trickplay: media.trickplayKey && signedMediaPath(token, media.trickplayKey),
    };
    const primary = baseUrls[0] ?? selfBaseUrl;
    const resume = resumePosition(progress, episode?.id ?? null);
    return {
      sessionId,
      titleId: title.id,
      episode: episodeRef(episode),
      maxHeight: plan.maxResolution,
      expiresAt: new Date(now.getTime() + deps.sessions.ttlMs).toISOString(),
      heartbeatIntervalSec: heartbeatIntervalSec(deps.sessions.ttlMs),
      baseUrls,
      paths,
      manifests: { hls: primary + paths.hls, dash: primary + paths.dash },
      trickplay: paths.trickplay && primary + paths.trickplay,
      mediaTokenExpiresAt: new Date(tokenExpiresAt).toISOString(),
      license: {
        keySystem: 'org.w3.clearkey',
        url: `${selfBaseUrl}/v1/licenses/${sessionId}?token=${session.licenseToken}`,
      },
      resume: resume && { positionSec: resume.positionSec, durationSec: resume.durationSec, updatedAt: resume.updatedAt },
      nextEpisode: episode ? episodeRef(nextEpisode(title, episode.id)) : null,
    };
  }
}
