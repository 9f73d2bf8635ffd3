// Trickplay thumbnails: the pipeline's WebVTT index (src/media/trickplay.ts) has one cue per tile,
// `sprite_1.jpg#xywh=x,y,w,h`, relative to the index's own URL.

export interface ThumbCue {
  start: number;
  end: number;
  url: string;
  x: number;
  y: number;
  w: number;
  h: number;
}

const TIMING = /^(\S+)\s+-->\s+(\S+)/;

/** `hh:mm:ss.mmm` or `mm:ss.mmm` in seconds. */
export function vttTime(text: string): number {
  return text.split(':').reduce((total, part) => total * 60 + Number(part), 0);
}

/** Parses the index; sprite URLs are resolved against `indexUrl`. Pure. */
export function parseTrickplayVtt(vtt: string, indexUrl: string): ThumbCue[] {
  const lines = vtt.split(/\r?\n/);
  const cues: ThumbCue[] = [];
  for (let i = 0; i < lines.length; i++) {
    const timing = TIMING.exec(lines[i] ?? '');
    const target = lines[i + 1]?.trim();
    if (!timing || !target) continue;
    const [file, fragment] = target.split('#xywh=');
    const box = (fragment ?? '').split(',').map(Number);
    if (!file || box.length !== 4 || box.some((n) => !Number.isFinite(n))) continue;
    const [x = 0, y = 0, w = 0, h = 0] = box;
    cues.push({ start: vttTime(timing[1] ?? '0'), end: vttTime(timing[2] ?? '0'), url: new URL(file, indexUrl).href, x, y, w, h });
  }
  return cues;
}

/** The cue showing at `time`, or the last one before it. */
export function cueAt(cues: readonly ThumbCue[], time: number): ThumbCue | null {
  let found: ThumbCue | null = null;
  for (const cue of cues) {
    if (cue.start > time) break;
    found = cue;
  }
  return found;
}
