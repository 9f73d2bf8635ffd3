import { rm, stat } from 'node:fs/promises';
import path from 'node:path';
import { complexityProbeArgs, type X264Preset } from './ffmpeg-args.js';
import type { DecodeWindow } from './ffprobe-args.js';
import { chooseFrameRate } from './ladder.js';
import { runTool } from './runner.js';
import type { MediaTools } from './tools.js';
import type { Complexity, MediaInfo } from './types.js';

/** How the complexity probe encode samples and scores a title. */
export interface AnalysisOptions {
  /** Number of sampled windows spread over the title. */
  windows: number;
  windowSeconds: number;
  /** Short side of the sample encode; smaller sources are sampled at their own size. */
  sampleShortSide: number;
  crf: number;
  preset: X264Preset;
  /** Bits per pixel per frame of reference-complexity content at this CRF and size (factor 1). */
  referenceBitsPerPixel: number;
  /** Bounds of the bitrate multiplier, so a blank or noise-only title still gets a sane ladder. */
  minFactor: number;
  maxFactor: number;
}

/**
 * Defaults: three 2 s windows at 360p, CRF 23 veryfast. Reference 0.1 bpp is live-action film at that
 * setting; a flat slate measures ~0.001, testsrc2 ~0.05, mandelbrot ~0.17, sensor noise >1.
 */
export const DEFAULT_ANALYSIS_OPTIONS: AnalysisOptions = {
  windows: 3,
  windowSeconds: 2,
  sampleShortSide: 360,
  crf: 23,
  preset: 'veryfast',
  referenceBitsPerPixel: 0.1,
  minFactor: 0.2,
  maxFactor: 1.75,
};

/** Evenly spread windows (whole title when it is shorter than the windows together). */
export function sampleWindows(durationSeconds: number, count: number, windowSeconds: number): DecodeWindow[] {
  if (durationSeconds <= count * windowSeconds) return [{ start: 0, duration: durationSeconds }];
  return Array.from({ length: count }, (_, i) => {
    const centre = ((i + 0.5) * durationSeconds) / count;
    return { start: Math.max(0, centre - windowSeconds / 2), duration: windowSeconds };
  });
}

/**
 * Scores a probe encode. Bits spent at constant quality are what the title needs for that quality, so
 * the ladder's bitrates scale with them; the power below 1 keeps extremes from dominating. Pure.
 */
export function scoreComplexity(
  bits: number,
  frames: number,
  width: number,
  height: number,
  sampledSeconds: number,
  options: AnalysisOptions = DEFAULT_ANALYSIS_OPTIONS,
): Complexity {
  const bitsPerPixel = frames > 0 ? bits / (frames * width * height) : options.referenceBitsPerPixel;
  const raw = (bitsPerPixel / options.referenceBitsPerPixel) ** 0.6;
  const factor = Math.round(Math.min(options.maxFactor, Math.max(options.minFactor, raw)) * 1000) / 1000;
  return {
    bitsPerPixel: Number(bitsPerPixel.toPrecision(4)),
    factor,
    level: factor < 0.6 ? 'low' : factor > 1.2 ? 'high' : 'medium',
    sampledSeconds,
    sampledFrames: frames,
    sampleWidth: width,
    sampleHeight: height,
  };
}

/** Size of the sample encode: the source's aspect at a fixed short side, never upscaled, even dimensions. */
export function sampleSize(width: number, height: number, shortSide: number): { width: number; height: number } {
  const scale = Math.min(1, shortSide / Math.min(width, height));
  const even = (n: number): number => Math.max(2, Math.round((n * scale) / 2) * 2);
  return { width: even(width), height: even(height) };
}

/**
 * Measures the title's complexity with a fast constant-quality probe encode of a few sampled windows.
 * The raw H.264 output is written under `scratchDir` and removed afterwards.
 */
export async function analyseComplexity(
  media: MediaInfo,
  tools: MediaTools,
  scratchDir: string,
  options: { signal?: AbortSignal; onProgress?: (fraction: number) => void; analysis?: Partial<AnalysisOptions> } = {},
): Promise<Complexity> {
  const opts = { ...DEFAULT_ANALYSIS_OPTIONS, ...options.analysis };
  const windows = sampleWindows(media.durationSeconds, opts.windows, opts.windowSeconds);
  const size = sampleSize(media.video.width, media.video.height, opts.sampleShortSide);
  const output = path.join(scratchDir, 'complexity-probe.h264');
  const sampledSeconds = windows.reduce((s, w) => s + w.duration, 0);
  const args = complexityProbeArgs({
    input: media.path,
    videoIndex: media.video.index,
    windows,
    ...size,
    // Sampling at the output rate (not e.g. 120 fps) keeps the score comparable with the ladder's encode.
    frameRate: chooseFrameRate(media.video.frameRate, 60),
    crf: opts.crf,
    preset: opts.preset,
    output,
  });
  try {
    const result = await runTool(tools.ffmpeg, args, {
      signal: options.signal,
      durationSeconds: sampledSeconds,
      onProgress: options.onProgress,
    });
    const { size: bytes } = await stat(output);
    const frames = Number(result.progress.frame ?? 0);
    return scoreComplexity(bytes * 8, frames, size.width, size.height, sampledSeconds, opts);
  } finally {
    await rm(output, { force: true });
  }
}
