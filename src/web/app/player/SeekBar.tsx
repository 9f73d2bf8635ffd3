// The seek bar: a native range input (keyboard and screen readers for free) with a trickplay thumbnail
// above the pointer while hovering or dragging, cut from the sprite sheet the WebVTT cue points at.
import { useEffect, useState } from 'react';
import { cueAt, parseTrickplayVtt, type ThumbCue } from './trickplay';

/** Loads the trickplay index once per URL; none (or a failed fetch) just means no thumbnails. */
function useThumbs(indexUrl: string | null): ThumbCue[] {
  const [cues, setCues] = useState<ThumbCue[]>([]);
  useEffect(() => {
    let live = true;
    if (!indexUrl) return;
    fetch(indexUrl)
      .then((r) => (r.ok ? r.text() : ''))
      .then((text) => live && setCues(parseTrickplayVtt(text, indexUrl)))
      .catch(() => undefined);
    return () => {
      live = false;
    };
  }, [indexUrl]);
  return cues;
}

export const clock = (sec: number): string => {
  const s = Math.max(0, Math.floor(sec));
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`;
};

export function SeekBar({ current, duration, trickplayUrl, onSeek }: { current: number; duration: number; trickplayUrl: string | null; onSeek: (sec: number) => void }) {
  const cues = useThumbs(trickplayUrl);
  const [preview, setPreview] = useState<{ time: number; fraction: number } | null>(null);
  const [dragging, setDragging] = useState(false);
  const max = Number.isFinite(duration) && duration > 0 ? duration : 0;
  const cue = preview ? cueAt(cues, preview.time) : null;

  const fromPointer = (event: React.PointerEvent<HTMLInputElement>): void => {
    const rect = event.currentTarget.getBoundingClientRect();
    const fraction = Math.min(1, Math.max(0, (event.clientX - rect.left) / rect.width));
    setPreview({ time: fraction * max, fraction });
  };

  return (
    <div className="seek">
      {preview && (
        <div className="seek-preview" style={{ left: `${preview.fraction * 100}%` }} data-testid="seek-preview">
          {cue && (
            <div
              className="seek-thumb"
              data-sprite={cue.url}
              style={{ width: cue.w, height: cue.h, backgroundImage: `url("${cue.url}")`, backgroundPosition: `-${cue.x}px -${cue.y}px` }}
            />
          )}
          <span>{clock(preview.time)}</span>
        </div>
      )}
      <input
        type="range"
        aria-label="Seek"
        data-nav
        min={0}
        max={max}
        step={0.1}
        value={Math.min(current, max)}
        onPointerMove={fromPointer}
        onPointerDown={() => setDragging(true)}
        onPointerUp={() => setDragging(false)}
        onPointerLeave={() => !dragging && setPreview(null)}
        onChange={(e) => {
          const time = Number(e.target.value);
          if (max > 0) setPreview({ time, fraction: time / max });
          onSeek(time);
        }}
        onBlur={() => setPreview(null)}
      />
    </div>
  );
}
