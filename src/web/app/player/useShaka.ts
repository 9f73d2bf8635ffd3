// One viewing with Shaka Player: POST /v1/play, heartbeats, ClearKey, failover filters across the
// ranked hosts, resume, and errors in words. The page renders; this hook owns the player's lifecycle.
import { useEffect, useState, type RefObject } from 'react';
import shaka from 'shaka-player/dist/shaka-player.compiled.js';
import { describeError } from '../api';
import { deviceId } from '../session';
import type { PlayResponse } from '../types';
import { installFailover } from './failover';
import { startReporting, type Reporting } from './reporting';
import { keepAlive, startPlay, type PlayRequest } from './session';
import { startPosition } from './start-position';
import { describeShakaError, playerSupported } from './shaka-errors';

/** Retries per request; each retry moves on to the next host, so this also bounds the hosts tried. */
const RETRY = { maxAttempts: 4, baseDelay: 300, backoffFactor: 2, fuzzFactor: 0.3, timeout: 15_000, stallTimeout: 5_000, connectionTimeout: 5_000 };

/** Loads DASH first (Chromium, Firefox, TVs with MSE), HLS when the DASH load fails. */
async function loadManifest(player: shaka.Player, play: PlayResponse, startSec: number | null): Promise<void> {
  const primary = play.baseUrls[0] ?? '';
  try {
    await player.load(primary + play.paths.dash, startSec);
  } catch (dashError) {
    if (dashError instanceof shaka.util.Error && dashError.category === shaka.util.Error.Category.DRM) throw dashError;
    await player.load(primary + play.paths.hls, startSec);
  }
}


export interface Playback {
  player: shaka.Player | null;
  play: PlayResponse | null;
  error: string | null;
}

/** Starts playback of the request into the video element; everything stops when the inputs change. */
export function useShaka(video: RefObject<HTMLVideoElement | null>, request: PlayRequest): Playback {
  const [state, setState] = useState<Playback>({ player: null, play: null, error: null });
  const { profileId, titleId, episodeId } = request;

  useEffect(() => {
    const element = video.current;
    if (!element) return;
    let cancelled = false;
    let stopSession: (() => void) | undefined;
    let player: shaka.Player | undefined;
    let report: Reporting | undefined;
    // Startup is measured from here: the player mounts as Play is clicked (or the page loads on /watch).
    const requestedAt = performance.now();
    const fail = (message: string): void => {
      if (!cancelled) setState((s) => ({ ...s, error: message }));
    };
    setState({ player: null, play: null, error: null });

    const run = async (): Promise<void> => {
      if (!playerSupported()) throw new Error('This browser cannot play protected video (it lacks Media Source or EME).');
      const started = await startPlay({ profileId, titleId, ...(episodeId ? { episodeId } : {}) });
      const position = (): { positionSec: number; durationSec: number } => ({ positionSec: element.currentTime, durationSec: element.duration });
      stopSession = keepAlive(started, position, (err) => fail(describeError(err)));
      if (cancelled) return stopSession();
      player = new shaka.Player();
      await player.attach(element);
      if (cancelled) return;
      report = startReporting(
        player,
        element,
        { profileId, deviceId: deviceId(), deviceType: 'web', titleId: started.titleId, ...(started.episode ? { episodeId: started.episode.id } : {}), playbackSessionId: started.sessionId },
        requestedAt,
      );
      player.configure({
        drm: { servers: { [started.license.keySystem]: started.license.url } },
        manifest: { retryParameters: RETRY },
        streaming: { retryParameters: RETRY },
        // Short clips and living-room networks: react to a bandwidth drop within a couple of seconds.
        abr: { switchInterval: 2 },
      });
      installFailover(player, started.baseUrls, (host) => {
        element.dataset.host = host;
      });
      element.dataset.host = started.baseUrls[0] ?? '';
      // The active rung and host as data attributes: cheap to read for support tools and browser tests.
      const live = player;
      const markVariant = (): void => {
        const height = live.getVariantTracks().find((t) => t.active)?.height;
        if (height) element.dataset.variantHeight = String(height);
      };
      player.addEventListener('adaptation', markVariant);
      player.addEventListener('variantchanged', markVariant);
      player.addEventListener('error', (event) => fail(describeShakaError((event as Event & { detail?: unknown }).detail)));
      setState({ player, play: started, error: null });
      await loadManifest(player, started, startPosition(started));
      if (cancelled) return;
      markVariant();
      await element.play().catch(() => {
        // Autoplay with sound can be refused until the person interacts; start muted instead.
        element.muted = true;
        return element.play();
      });
    };
    run().catch((err: unknown) => {
      if (err instanceof shaka.util.Error) report?.error(err.code);
      fail(err instanceof shaka.util.Error ? describeShakaError(err) : describeError(err));
    });

    return () => {
      cancelled = true;
      // Before destroy: the stop event reads the element's position and the player's state.
      report?.stop();
      stopSession?.();
      void player?.destroy();
    };
  }, [video, profileId, titleId, episodeId]);

  return state;
}
