/**
 * Pure builders of the ffmpeg commands quality control runs on packaged output, and the choice of the
 * windows it compares. Exact outputs are pinned by tests; qc.ts runs them.
 */
import { fmt } from './ffprobe-args.js';
import { rate } from './ffmpeg-args.js';
import type { Rational } from './types.js';

/** A sampled stretch of the title: the start of one packaged segment, in whole frames of the ladder. */
export interface QualityWindow {
  /** Index of the segment (0-based) the window starts with; every segment starts with a keyframe. */
  segment: number;
  /** Start and length in seconds on the ladder's frame grid. */
  start: number;
  duration: number;
  frames: number;
}

/**
 * `count` windows of at most `windowSeconds`, each at the start of a segment spread evenly over the title
 * (centred in its share). Starting on segments lets QC decode a window from that segment alone. Pure.
 */
export function qualityWindows(
  segmentDurations: readonly number[],
  frameRate: Rational,
  count: number,
  windowSeconds: number,
): QualityWindow[] {
  const fps = frameRate.num / frameRate.den;
  const n = segmentDurations.length;
  const picked = [...new Set(Array.from({ length: Math.min(count, n) }, (_, i) => Math.floor(((i + 0.5) * n) / count)))];
  return picked.map((segment) => {
    const before = segmentDurations.slice(0, segment).reduce((s, d) => s + d, 0);
    const startFrame = Math.round(before * fps);
    const frames = Math.max(1, Math.round(Math.min(windowSeconds, segmentDurations[segment] ?? 0) * fps));
    // Multiply before dividing, so 60 frames at 30000/1001 is exactly 2.002 s.
    const seconds = (count: number): number => (count * frameRate.den) / frameRate.num;
    return { segment, start: seconds(startFrame), duration: seconds(frames), frames };
  });
}

/** Compare every rung with the source on the same sampled windows, in one process. */
export interface QualityPlan {
  source: string;
  sourceVideoIndex: number;
  /** Comparison size: the source display size (the caller caps it); rungs are scaled up to it as a player would. */
  width: number;
  height: number;
  frameRate: Rational;
  /** Hex content key, or null for clear content. */
  decryptionKey: string | null;
  windows: ReadonlyArray<Pick<QualityWindow, 'start' | 'duration' | 'frames'>>;
  /**
   * Per rung: one file per window (init segment + the window's media segment); per-frame stats go to
   * the named files (relative to cwd).
   */
  rungs: ReadonlyArray<{ windowInputs: readonly string[]; psnrLog: string; ssimLog: string }>;
}

/**
 * Reading packaged fragmented MP4 back: `-seekable 0` makes ffmpeg read fragments in order, because
 * ffmpeg 5.1 misreads CENC sample info past the second fragment when it may seek.
 */
function packagedInput(input: string, key: string | null): string[] {
  return [...ONE_THREAD, '-seekable', '0', ...(key ? ['-decryption_key', key] : []), '-i', input];
}

// QC runs several decodes side by side, which fills the cores; a thread pool per decoder only adds overhead.
const ONE_THREAD = ['-threads', '1'];

/**
 * Measures PSNR and SSIM of every rung against the source on the sampled windows, frame by frame into
 * stats files. Each window is cut to its exact frame count on both sides and the windows are joined and
 * renumbered on the ladder's frame grid, so frame k of a rung meets frame k of the source; `shortest`
 * stops at the shorter side, so a rung missing frames shows up in the frame count.
 */
export function qualityArgs(plan: QualityPlan): string[] {
  const w = plan.windows.length;
  const n = plan.rungs.length;
  const up = `scale=${plan.width}:${plan.height}:flags=bicubic,setsar=1,format=yuv420p`;
  const renumber = `setpts=N*${plan.frameRate.den}/${plan.frameRate.num}/TB`;
  const joined = (labels: string[]): string => `${labels.join('')}concat=n=${w}:v=1:a=0,${renumber},${up}`;
  const refs = plan.rungs.map((_, i) => `[ra${i}][rb${i}]`).join('');
  const source = plan.windows.map(
    (win, j) => `[${j}:${plan.sourceVideoIndex}]fps=${rate(plan.frameRate)},setpts=PTS-STARTPTS,trim=end_frame=${win.frames}[s${j}]`,
  );
  const graph = [
    ...source,
    `${joined(plan.windows.map((_, j) => `[s${j}]`))},split=${2 * n}${refs}`,
    ...plan.rungs.flatMap((r, i) => [
      ...plan.windows.map((win, j) => `[${w + i * w + j}:v:0]setpts=PTS-STARTPTS,trim=end_frame=${win.frames}[r${i}w${j}]`),
      `${joined(plan.windows.map((_, j) => `[r${i}w${j}]`))},split[da${i}][db${i}]`,
      `[da${i}][ra${i}]psnr=stats_file=${r.psnrLog}:shortest=1`,
      `[db${i}][rb${i}]ssim=stats_file=${r.ssimLog}:shortest=1`,
    ]),
  ].join(';');
  const inputs = [
    ...plan.windows.flatMap((win) => [...ONE_THREAD, '-ss', fmt(win.start), '-t', fmt(win.duration), '-i', plan.source]),
    // -t stops reading the segment once the window is decoded.
    ...plan.rungs.flatMap((r) =>
      r.windowInputs.flatMap((file, j) => ['-t', fmt(plan.windows[j]?.duration ?? 0), ...packagedInput(file, plan.decryptionKey)]),
    ),
  ];
  return [
    '-nostdin', '-hide_banner', '-nostats', '-v', 'error', '-xerror',
    ...inputs, '-filter_complex', graph, '-f', 'null', '-', '-progress', 'pipe:1',
  ];
}

/** Decodes one packaged rendition to nothing: proves it decodes and measures its length (progress). */
export function decodePackagedArgs(input: string, decryptionKey: string | null): string[] {
  return [
    '-nostdin', '-hide_banner', '-nostats', '-v', 'error', '-xerror',
    ...packagedInput(input, decryptionKey), '-f', 'null', '-', '-progress', 'pipe:1',
  ];
}
