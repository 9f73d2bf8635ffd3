// The control bar under the video: play/pause, seek bar with trickplay, time, settings.
import { useEffect, useState } from 'react';
import type shaka from 'shaka-player/dist/shaka-player.compiled.js';
import { clock, SeekBar } from './SeekBar';
import { SettingsMenu } from './SettingsMenu';

/** Current time, duration and paused state of a video element, updated by its own events. */
function useVideoState(video: HTMLVideoElement | null): { current: number; duration: number; paused: boolean } {
  const [state, setState] = useState({ current: 0, duration: 0, paused: true });
  useEffect(() => {
    if (!video) return;
    const update = (): void => setState({ current: video.currentTime, duration: video.duration, paused: video.paused });
    const events = ['timeupdate', 'durationchange', 'play', 'pause', 'seeked', 'loadedmetadata'];
    for (const e of events) video.addEventListener(e, update);
    return () => {
      for (const e of events) video.removeEventListener(e, update);
    };
  }, [video]);
  return state;
}

export function Controls({ video, player, trickplayUrl }: { video: HTMLVideoElement | null; player: shaka.Player | null; trickplayUrl: string | null }) {
  const { current, duration, paused } = useVideoState(video);
  const [menu, setMenu] = useState(false);
  if (!video) return null;
  return (
    <div className="player-controls">
      {menu && player && <SettingsMenu player={player} />}
      <div className="player-bar">
        <button type="button" className="btn btn-ghost" data-nav aria-label={paused ? 'Play' : 'Pause'} onClick={() => void (paused ? video.play() : video.pause())}>
          {paused ? '▶' : '❚❚'}
        </button>
        <SeekBar current={current} duration={duration} trickplayUrl={trickplayUrl} onSeek={(t) => (video.currentTime = t)} />
        <span className="player-time">
          {clock(current)} / {clock(Number.isFinite(duration) ? duration : 0)}
        </span>
        <button type="button" className="btn btn-ghost" data-nav aria-label="Settings" aria-expanded={menu} data-testid="player-settings" onClick={() => setMenu((m) => !m)}>
          ⚙
        </button>
      </div>
    </div>
  );
}
