import { useCallback, useEffect, useRef, useState } from 'react';
import { Controls } from '../player/Controls';
import { NextEpisode } from '../player/NextEpisode';
import { useShaka } from '../player/useShaka';
import { goBack, navigate } from '../router';

const SEEK_STEP_SEC = 10;

/** Full-screen playback of a title or an episode: Shaka (useShaka), our controls, errors in words. */
export function PlayerPage({ titleId, episodeId, profileId }: { titleId: string; episodeId?: string; profileId: string }) {
  const video = useRef<HTMLVideoElement>(null);
  const [element, setElement] = useState<HTMLVideoElement | null>(null);
  const [ended, setEnded] = useState(false);
  const { player, play, error } = useShaka(video, { profileId, titleId, ...(episodeId ? { episodeId } : {}) });

  useEffect(() => {
    setElement(video.current);
    document.body.dataset.player = 'on';
    return () => {
      delete document.body.dataset.player;
    };
  }, []);

  useEffect(() => {
    // Remote keys in the player: left/right seek, Enter/space toggle pause; Escape/Back is global.
    const onKey = (event: KeyboardEvent): void => {
      const el = video.current;
      if (!el || event.target instanceof HTMLButtonElement || event.target instanceof HTMLInputElement) return;
      if (event.key === 'ArrowLeft' || event.key === 'ArrowRight') {
        el.currentTime = Math.max(0, el.currentTime + (event.key === 'ArrowLeft' ? -SEEK_STEP_SEC : SEEK_STEP_SEC));
        event.preventDefault();
      } else if (event.key === ' ' || event.key === 'Enter') {
        if (el.paused) void el.play();
        else el.pause();
        event.preventDefault();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  const next = play?.nextEpisode;
  const playNext = useCallback(() => {
    if (next) navigate(`/watch/${encodeURIComponent(titleId)}?episode=${encodeURIComponent(next.id)}`, { replace: true });
  }, [next, titleId]);
  const heading = play?.episode ? `S${play.episode.seasonNumber}:E${play.episode.episodeNumber} ${play.episode.name}` : '';
  const trickplayUrl = play?.paths.trickplay ? (play.baseUrls[0] ?? '') + play.paths.trickplay : null;

  return (
    <main className="player-page">
      <video ref={video} className="player-video" playsInline autoPlay onEnded={() => setEnded(true)} onPlaying={() => setEnded(false)} data-testid="player-video" />
      <div className="player-top">
        <button type="button" className="btn btn-ghost" data-nav onClick={goBack} aria-label="Back">
          ← Back
        </button>
        <span className="player-heading">{heading}</span>
      </div>
      {!error && <Controls video={element} player={player} trickplayUrl={trickplayUrl} />}
      {error && (
        <div className="player-error" role="alert">
          <p>{error}</p>
          <button type="button" className="btn" data-nav autoFocus onClick={goBack}>
            Go back
          </button>
        </div>
      )}
      {ended && next && <NextEpisode label={`Next: S${next.seasonNumber}:E${next.episodeNumber} ${next.name}`} onPlay={playNext} />}
    </main>
  );
}
