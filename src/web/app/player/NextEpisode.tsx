import { useEffect, useState } from 'react';

const COUNTDOWN_SEC = 5;

/** "Next episode in 5…" after an episode ends; Play now or Cancel (focus starts on Play now). */
export function NextEpisode({ label, onPlay }: { label: string; onPlay: () => void }) {
  const [left, setLeft] = useState(COUNTDOWN_SEC);
  const [cancelled, setCancelled] = useState(false);
  useEffect(() => {
    if (cancelled) return;
    if (left <= 0) {
      onPlay();
      return;
    }
    const timer = window.setTimeout(() => setLeft((n) => n - 1), 1000);
    return () => window.clearTimeout(timer);
  }, [left, cancelled, onPlay]);
  return (
    <div className="player-next" role="status">
      <p>
        {label}
        {!cancelled && <span className="muted"> — starts in {left} s</span>}
      </p>
      <button type="button" className="btn" data-nav autoFocus onClick={onPlay}>
        Play now
      </button>
      {!cancelled && (
        <button type="button" className="btn btn-ghost" data-nav onClick={() => setCancelled(true)}>
          Cancel
        </button>
      )}
    </div>
  );
}
