import { MediaError } from './errors.js';
import type { AudioRendition, AudioStreamInfo, Complexity, Ladder, MediaInfo, Rational, VideoRung } from './types.js';

/** Knobs of the per-title ladder. Defaults suit H.264 delivered to browsers. */
export interface LadderOptions {
  /** Segment length in seconds, 2..4 (keyframe every segment). */
  segmentSeconds: number;
  /** Frame rates above this are halved (or capped) to keep encode cost and bitrate sane. */
  maxFrameRate: number;
  /** Short-side sizes to consider, ascending; the source size is added when it falls between them. */
  heights: readonly number[];
  /** Bitrate for 1280x720 at 30 fps of reference-complexity content (complexity factor 1). */
  referenceBitrate720p: number;
  /** Lowest video bitrate any rung gets. */
  minVideoBitrate: number;
  /** AAC bitrate per output channel. */
  audioBitratePerChannel: number;
}

/** Reference-complexity bitrates from this model: 240p ≈ 460k, 360p ≈ 850k, 720p 2.4M, 1080p ≈ 4.4M. */
export const DEFAULT_LADDER_OPTIONS: LadderOptions = {
  segmentSeconds: 4,
  maxFrameRate: 60,
  heights: [240, 360, 480, 720, 1080, 1440, 2160],
  referenceBitrate720p: 2_400_000,
  minVideoBitrate: 80_000,
  audioBitratePerChannel: 64_000,
};

const PIXELS_720P = 1280 * 720;
// Bits needed grow slower than pixel count: larger frames hold more redundancy per pixel.
const PIXEL_EXPONENT = 0.75;
const STANDARD_RATES: readonly Rational[] = [
  { num: 24000, den: 1001 }, { num: 24, den: 1 }, { num: 25, den: 1 }, { num: 30000, den: 1001 },
  { num: 30, den: 1 }, { num: 48, den: 1 }, { num: 50, den: 1 }, { num: 60000, den: 1001 }, { num: 60, den: 1 },
];

const fpsOf = (r: Rational): number => r.num / r.den;

/**
 * Chooses the output frame rate: snaps near-standard rates (variable-rate phone video averaging 29.98)
 * to the standard one so GOPs are whole frames, and halves rates above the cap (120 → 60).
 */
export function chooseFrameRate(source: Rational, maxFrameRate: number): Rational {
  let rate = source;
  while (fpsOf(rate) > maxFrameRate + 0.01) rate = { num: rate.num, den: rate.den * 2 };
  const fps = fpsOf(rate);
  const distance = (s: Rational): number => Math.abs(fpsOf(s) - fps);
  const nearest = [...STANDARD_RATES].sort((a, b) => distance(a) - distance(b))[0];
  if (nearest && distance(nearest) / fps < 0.01) return { ...nearest };
  return fps > maxFrameRate ? { num: maxFrameRate, den: 1 } : rate;
}

const even = (n: number): number => Math.max(2, Math.round(n / 2) * 2);

/** The rung sizes for a source: standard short sides up to the source's (never upscaled). */
export function rungSizes(
  width: number,
  height: number,
  heights: readonly number[],
): Array<{ name: string; width: number; height: number }> {
  const short = Math.min(width, height);
  const landscape = width >= height;
  const sizeFor = (s: number): { name: string; width: number; height: number } => {
    const long = Math.min(even((s * Math.max(width, height)) / short), even(Math.max(width, height) - 1));
    const shortEven = s === short ? even(short - 1) : s;
    return landscape
      ? { name: `${s}p`, width: long, height: shortEven }
      : { name: `${s}p`, width: shortEven, height: long };
  };
  const picked = heights.filter((h) => h <= short);
  const top = picked[picked.length - 1];
  // A source between two standard sizes keeps its own size on top, unless it is barely above the last one.
  if (top === undefined || short > top * 1.1) picked.push(short);
  return picked.map(sizeFor);
}

/** Bitrate for a rung: the reference model scaled by pixels, frame rate and the title's complexity. */
export function rungBitrate(pixels: number, fps: number, complexityFactor: number, options: LadderOptions): number {
  const pixelScale = (pixels / PIXELS_720P) ** PIXEL_EXPONENT;
  // More frames cost more bits, but less than linearly: consecutive frames predict each other better.
  const fpsScale = Math.min(1.45, Math.max(0.75, Math.sqrt(fps / 30)));
  const bits = options.referenceBitrate720p * pixelScale * fpsScale * complexityFactor;
  return Math.max(options.minVideoBitrate, Math.round(bits / 10_000) * 10_000);
}

/** English display name of an ISO 639 code ("eng" → "English"), for player menus. */
export function languageLabel(lang: string): string {
  if (lang === 'und') return 'Unknown';
  try {
    return new Intl.DisplayNames(['en'], { type: 'language' }).of(lang) ?? lang;
  } catch {
    return lang;
  }
}

/** One AAC rendition per source audio track, with unique directory names and labels. */
export function audioRenditions(tracks: readonly AudioStreamInfo[], bitratePerChannel: number): AudioRendition[] {
  const seen = new Map<string, number>();
  const defaultIndex = Math.max(0, tracks.findIndex((t) => t.isDefault));
  return tracks.map((t, i) => {
    const n = (seen.get(t.language) ?? 0) + 1;
    seen.set(t.language, n);
    const channels = Math.min(2, Math.max(1, t.channels));
    const base = t.title ?? languageLabel(t.language);
    return {
      sourceIndex: t.index,
      language: t.language,
      label: n === 1 ? base : `${base} ${n}`,
      name: n === 1 ? t.language : `${t.language}-${n}`,
      bitrate: bitratePerChannel * channels,
      channels,
      sampleRate: 48_000,
      isDefault: i === defaultIndex,
    };
  });
}

/** Returns the segment length if it is 2..4 s, else throws MEDIA_BAD_OPTIONS. */
export function checkSegmentSeconds(seconds: number): number {
  if (!Number.isFinite(seconds) || seconds < 2 || seconds > 4) {
    throw new MediaError('MEDIA_BAD_OPTIONS', `segmentSeconds must be between 2 and 4, not ${seconds}`);
  }
  return seconds;
}

/**
 * Computes the per-title ladder: rungs from 240p up to the source size, bitrates scaled by measured
 * complexity (Netflix-style per-title encoding), one AAC rendition per audio track. Pure.
 */
export function buildLadder(media: MediaInfo, complexity: Complexity, overrides: Partial<LadderOptions> = {}): Ladder {
  const options = { ...DEFAULT_LADDER_OPTIONS, ...overrides };
  const seg = checkSegmentSeconds(options.segmentSeconds);
  const frameRate = chooseFrameRate(media.video.frameRate, options.maxFrameRate);
  const fps = fpsOf(frameRate);
  const video: VideoRung[] = rungSizes(media.video.width, media.video.height, options.heights).map((size) => {
    const bitrate = rungBitrate(size.width * size.height, fps, complexity.factor, options);
    return { ...size, bitrate, maxrate: Math.round(bitrate * 1.5), bufsize: bitrate * 2 };
  });
  return {
    segmentSeconds: seg,
    frameRate,
    gop: Math.ceil(fps * seg - 1e-6),
    complexity,
    video,
    audio: audioRenditions(media.audio, options.audioBitratePerChannel),
  };
}
