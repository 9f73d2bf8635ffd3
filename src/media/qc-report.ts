/**
 * Pure half of quality control: parsing tool output and judging measurements against thresholds.
 * A title whose report does not pass must not be published; `failures` says why in words.
 */

/** What QC tolerates. */
export interface QcThresholds {
  /** Allowed deviation of a segment from the target length (the last segment may be shorter). */
  segmentToleranceSeconds: number;
  /** Allowed difference between a rendition's decoded length and the source's. */
  durationToleranceSeconds: number;
  /** Floors that catch broken encodes (garbage, green frames), not a quality target. */
  minPsnr: number;
  minSsim: number;
}

/** Defaults: a quarter second per segment, half a second overall, PSNR 20 dB, SSIM 0.5. */
export const DEFAULT_QC_THRESHOLDS: QcThresholds = {
  segmentToleranceSeconds: 0.25,
  durationToleranceSeconds: 0.5,
  minPsnr: 20,
  minSsim: 0.5,
};

/** PSNR in dB against the source (100 stands for identical frames). */
export interface PsnrSummary {
  y: number;
  average: number;
  min: number;
}

/** What QC measured on one packaged rendition. */
export interface RenditionMeasurement {
  kind: 'video' | 'audio' | 'text';
  /** Directory under the output root, e.g. "video/720p". */
  name: string;
  segmentDurations: number[];
  /**
   * Length of the rendition, null when not decoded (text) or decoding failed: frames decoded when
   * `decodeCheck` is 'full', else its packets read and decrypted end to end (see `decodeCheck`).
   */
  decodedSeconds: number | null;
  decodeError: string | null;
  /**
   * 'full' (audio, bottom video rung): every frame decoded. 'sampled' (other video rungs): every packet
   * read and decrypted, and the frames of the quality windows decoded. Absent for text.
   */
  decodeCheck?: 'full' | 'sampled';
  /** Keyframe presentation times (video only). */
  keyframes?: number[];
  /** Over the report's `qualityWindows`, not the whole title. */
  psnr?: PsnrSummary | null;
  ssim?: number | null;
}

/** A stretch of the title PSNR and SSIM were measured on (seconds from the start). */
export interface SampledWindow {
  start: number;
  duration: number;
}

/** The verdict on a packaged title, written to qc.json. */
export interface QcReport {
  passed: boolean;
  failures: string[];
  sourceDurationSeconds: number;
  segmentSeconds: number;
  keyframesAligned: boolean;
  /** Where PSNR and SSIM were sampled; they are not whole-title figures. */
  qualityWindows: SampledWindow[];
  renditions: RenditionMeasurement[];
  thresholds: QcThresholds;
}

const PEAK = 255 * 255; // 8-bit yuv420p, which every rung is encoded in
const psnrOf = (mse: number): number => (mse > 0 ? Math.min(100, 10 * Math.log10(PEAK / mse)) : 100);
const mean = (xs: readonly number[]): number => xs.reduce((a, b) => a + b, 0) / xs.length;
const round = (x: number, digits: number): number => Number(x.toFixed(digits));

/**
 * Summarises the psnr filter's per-frame stats file the way ffmpeg does: PSNR of the mean squared error
 * over all frames (identical frames count as 100 dB), plus the worst frame. Also returns the frame count.
 */
export function summarisePsnrStats(text: string): { psnr: PsnrSummary; frames: number } | null {
  const rows = text
    .split('\n')
    .map((l) => ({ avg: /mse_avg:([\d.]+)/.exec(l)?.[1], y: /mse_y:([\d.]+)/.exec(l)?.[1] }))
    .filter((r): r is { avg: string; y: string } => r.avg !== undefined && r.y !== undefined)
    .map((r) => ({ avg: Number(r.avg), y: Number(r.y) }));
  if (rows.length === 0) return null;
  return {
    frames: rows.length,
    psnr: {
      y: round(psnrOf(mean(rows.map((r) => r.y))), 3),
      average: round(psnrOf(mean(rows.map((r) => r.avg))), 3),
      min: round(Math.min(...rows.map((r) => psnrOf(r.avg))), 3),
    },
  };
}

/** Mean SSIM ("All") over the ssim filter's per-frame stats file, with the frame count. */
export function summariseSsimStats(text: string): { ssim: number; frames: number } | null {
  const values = text
    .split('\n')
    .map((l) => /All:([\d.]+)/.exec(l)?.[1])
    .filter((v): v is string => v !== undefined)
    .map(Number);
  return values.length === 0 ? null : { ssim: round(mean(values), 5), frames: values.length };
}

/** Segment list of an HLS media playlist: the init segment and each media segment with its duration. */
export function parseMediaPlaylist(text: string): { init: string | null; segments: Array<{ uri: string; duration: number }> } {
  const init = /#EXT-X-MAP:URI="([^"]+)"/.exec(text)?.[1] ?? null;
  const segments: Array<{ uri: string; duration: number }> = [];
  let pending: number | null = null;
  for (const raw of text.split('\n')) {
    const line = raw.trim();
    const extinf = /^#EXTINF:([\d.]+)/.exec(line);
    if (extinf) pending = Number(extinf[1]);
    else if (line && !line.startsWith('#') && pending !== null) {
      segments.push({ uri: line, duration: pending });
      pending = null;
    }
  }
  return { init, segments };
}

/** Number of packets with a timestamp in the same ffprobe output: the rendition's length in frames. */
export function countPackets(csv: string): number {
  return csv.split('\n').filter((l) => /^\d/.test(l.trim())).length;
}

/** Keyframe times from `ffprobe -show_entries packet=pts_time,flags -of csv=p=0` output. */
export function parseKeyframes(csv: string): number[] {
  return csv
    .split('\n')
    .map((l) => l.trim().split(','))
    .filter(([pts, flags]) => pts !== undefined && pts !== 'N/A' && (flags ?? '').includes('K'))
    .map(([pts]) => Number(pts))
    .sort((a, b) => a - b);
}

function checkSegments(m: RenditionMeasurement, seg: number, tol: number): string[] {
  if (m.segmentDurations.length === 0) return [`${m.name} has no segments`];
  const out: string[] = [];
  m.segmentDurations.forEach((d, i) => {
    const last = i === m.segmentDurations.length - 1;
    if (last ? d <= 0 || d > seg + tol : Math.abs(d - seg) > tol) {
      out.push(`${m.name} segment ${i + 1} lasts ${d.toFixed(3)} s, target ${seg} s ± ${tol} s`);
    }
  });
  return out;
}

function near(times: readonly number[], t: number, tol: number): boolean {
  return times.some((k) => Math.abs(k - t) <= tol);
}

/** Every rung must start every segment with a keyframe, at the same instants as every other rung. */
function checkAlignment(video: readonly RenditionMeasurement[], frameSeconds: number): string[] {
  const tol = frameSeconds / 2;
  const failures: string[] = [];
  const [first, ...rest] = video;
  if (!first) return failures;
  for (const m of rest) {
    const a = first.segmentDurations;
    const b = m.segmentDurations;
    if (a.length !== b.length || a.some((d, i) => Math.abs(d - (b[i] ?? NaN)) > tol)) {
      failures.push(`${m.name} is cut into different segments than ${first.name}`);
    }
  }
  for (const m of video) {
    const keyframes = m.keyframes ?? [];
    const origin = keyframes[0] ?? 0;
    let start = origin;
    for (const [i, d] of m.segmentDurations.entries()) {
      if (!near(keyframes, start, tol)) {
        failures.push(`${m.name} segment ${i + 1} does not start with a keyframe (at ${start.toFixed(3)} s)`);
        break;
      }
      start += d;
    }
    if (m !== first && !sameTimes(keyframes, first.keyframes ?? [], tol)) {
      failures.push(`${m.name} keyframes are not aligned with ${first.name}`);
    }
  }
  return failures;
}

function sameTimes(a: readonly number[], b: readonly number[], tol: number): boolean {
  return a.length === b.length && a.every((t, i) => Math.abs(t - (b[i] ?? NaN)) <= tol);
}

/** Judges QC measurements. Pure: the same measurements always give the same verdict. */
export function evaluateQc(
  measurements: RenditionMeasurement[],
  context: { sourceDurationSeconds: number; segmentSeconds: number; frameSeconds: number; qualityWindows?: SampledWindow[] },
  thresholds: QcThresholds = DEFAULT_QC_THRESHOLDS,
): QcReport {
  const failures: string[] = [];
  const video = measurements.filter((m) => m.kind === 'video');
  if (video.length === 0) failures.push('No video rendition was packaged');
  for (const m of measurements) {
    failures.push(...checkSegments(m, context.segmentSeconds, thresholds.segmentToleranceSeconds));
    if (m.kind === 'text') continue;
    if (m.decodeError !== null) {
      failures.push(`${m.name} does not decode: ${m.decodeError}`);
      continue;
    }
    const decoded = m.decodedSeconds ?? 0;
    if (Math.abs(decoded - context.sourceDurationSeconds) > thresholds.durationToleranceSeconds) {
      failures.push(`${m.name} decodes to ${decoded.toFixed(2)} s, source is ${context.sourceDurationSeconds.toFixed(2)} s`);
    }
    if (m.kind !== 'video') continue;
    if (!m.psnr || m.psnr.average < thresholds.minPsnr) {
      failures.push(`${m.name} PSNR ${m.psnr ? m.psnr.average.toFixed(2) : 'unmeasured'} dB is below ${thresholds.minPsnr} dB`);
    }
    if (m.ssim === null || m.ssim === undefined || m.ssim < thresholds.minSsim) {
      failures.push(`${m.name} SSIM ${m.ssim?.toFixed(4) ?? 'unmeasured'} is below ${thresholds.minSsim}`);
    }
  }
  const alignment = checkAlignment(video, context.frameSeconds);
  failures.push(...alignment);
  return {
    passed: failures.length === 0,
    failures,
    sourceDurationSeconds: context.sourceDurationSeconds,
    segmentSeconds: context.segmentSeconds,
    keyframesAligned: alignment.length === 0,
    qualityWindows: context.qualityWindows ?? [],
    renditions: measurements,
    thresholds,
  };
}
