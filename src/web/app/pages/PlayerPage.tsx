import { useEffect, useRef, useState } from 'react';
import shaka from 'shaka-player/dist/shaka-player.compiled.js';
import { describeError } from '../api';
import { describeShakaError, playerSupported } from '../player/shaka-errors';
import { keepAlive, startPlay } from '../player/session';
import { goBack, navigate } from '../router';
import type { PlayResponse } from '../types';

const SEEK_STEP_SEC = 10;

/** Loads DASH first (Chromium, Firefox, TVs with MSE), HLS when the DASH load fails. */
async function loadManifest(player: shaka.Player, play: PlayResponse, startSec: number | null): Promise<void> {
  try {
    await player.load(play.manifests.dash, startSec);
  } catch (dashError) {
    if (dashError instanceof shaka.util.Error && dashError.category === shaka.util.Error.Category.DRM) throw dashError;
    await player.load(play.manifests.hls, startSec);
  }
}

/** Full-screen playback of a title or an episode with Shaka Player, ClearKey, heartbeats and resume. */
export function PlayerPage({ titleId, episodeId, profileId }: { titleId: string; episodeId?: string; profileId: string }) {
  const video = useRef<HTMLVideoElement>(null);
  const [error, setError] = useState<string | null>(null);
  const [play, setPlay] = useState<PlayResponse | null>(null);
  const [ended, setEnded] = useState(false);

  useEffect(() => {
    const element = video.current;
    if (!element) return;
    let cancelled = false;
    let stopSession: (() => void) | undefined;
    let player: shaka.Player | undefined;
    setError(null);
    setEnded(false);
    document.body.dataset.player = 'on';

    const run = async (): Promise<void> => {
      if (!playerSupported()) throw new Error('This browser cannot play protected video (it lacks Media Source or EME).');
      const started = await startPlay({ profileId, titleId, ...(episodeId ? { episodeId } : {}) });
      const position = (): { positionSec: number; durationSec: number } => ({ positionSec: element.currentTime, durationSec: element.duration });
      stopSession = keepAlive(started, position, (err) => !cancelled && setError(describeError(err)));
      if (cancelled) return stopSession();
      setPlay(started);
      player = new shaka.Player();
      await player.attach(element);
      player.configure({ drm: { servers: { [started.license.keySystem]: started.license.url } } });
      player.addEventListener('error', (event) => {
        const detail = (event as Event & { detail?: unknown }).detail;
        if (!cancelled) setError(describeShakaError(detail));
      });
      // Resume where the profile left off, unless that was the very end.
      const resume = started.resume && started.resume.positionSec < started.resume.durationSec - 10 ? started.resume.positionSec : null;
      await loadManifest(player, started, resume);
      if (cancelled) return;
      await element.play().catch(() => {
        // Autoplay with sound can be refused until the person interacts; start muted instead.
        element.muted = true;
        return element.play();
      });
    };
    run().catch((err: unknown) => {
      if (cancelled) return;
      setError(err instanceof shaka.util.Error ? describeShakaError(err) : describeError(err));
    });

    return () => {
      cancelled = true;
      delete document.body.dataset.player;
      stopSession?.();
      void player?.destroy();
    };
  }, [titleId, episodeId, profileId]);

  useEffect(() => {
    // Remote keys in the player: left/right seek, Enter/space toggle pause; Escape/Back is global.
    const onKey = (event: KeyboardEvent): void => {
      const element = video.current;
      if (!element || event.target instanceof HTMLButtonElement) return;
      if (event.key === 'ArrowLeft' || event.key === 'ArrowRight') {
        element.currentTime = Math.max(0, element.currentTime + (event.key === 'ArrowLeft' ? -SEEK_STEP_SEC : SEEK_STEP_SEC));
        event.preventDefault();
      } else if (event.key === ' ' || event.key === 'Enter') {
        if (element.paused) void element.play();
        else element.pause();
        event.preventDefault();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  const next = play?.nextEpisode;
  const heading = play?.episode ? `S${play.episode.seasonNumber}:E${play.episode.episodeNumber} ${play.episode.name}` : '';
  return (
    <main className="player-page">
      <video ref={video} className="player-video" controls playsInline autoPlay onEnded={() => setEnded(true)} data-testid="player-video" />
      <div className="player-top">
        <button type="button" className="btn btn-ghost" data-nav onClick={goBack} aria-label="Back">
          ← Back
        </button>
        <span className="player-heading">{heading}</span>
      </div>
      {error && (
        <div className="player-error" role="alert">
          <p>{error}</p>
          <button type="button" className="btn" data-nav autoFocus onClick={goBack}>
            Go back
          </button>
        </div>
      )}
      {ended && next && (
        <div className="player-next">
          <button
            type="button"
            className="btn"
            data-nav
            autoFocus
            onClick={() => navigate(`/watch/${encodeURIComponent(titleId)}?episode=${encodeURIComponent(next.id)}`, { replace: true })}
          >
            Next: S{next.seasonNumber}:E{next.episodeNumber} {next.name}
          </button>
        </div>
      )}
    </main>
  );
}
