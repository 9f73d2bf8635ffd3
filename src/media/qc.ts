import { mkdir, open, readFile, rm } from 'node:fs/promises';
import path from 'node:path';
import { sampleSize } from './analysis.js';
import { isMediaError } from './errors.js';
import { keyframeProbeArgs } from './ffprobe-args.js';
import { SEGMENT_NAMES, type PackageStream } from './packager-args.js';
import { decodePackagedArgs, qualityArgs, qualityWindows, type QualityWindow } from './qc-args.js';
import {
  DEFAULT_QC_THRESHOLDS,
  countPackets,
  evaluateQc,
  parseKeyframes,
  parseMediaPlaylist,
  summarisePsnrStats,
  summariseSsimStats,
  type QcReport,
  type QcThresholds,
  type RenditionMeasurement,
} from './qc-report.js';
import { runTool } from './runner.js';
import type { MediaTools } from './tools.js';
import type { ContentKey, Ladder, MediaInfo } from './types.js';

export { DEFAULT_QC_THRESHOLDS, type QcReport, type QcThresholds } from './qc-report.js';

/** What QC needs to check a packaged title. */
export interface QcInput {
  media: MediaInfo;
  ladder: Ladder;
  /** The packaged streams (kind and directory under `outputDir`). */
  streams: readonly PackageStream[];
  outputDir: string;
  /** Needed to decrypt the segments for decoding and PSNR/SSIM; null for clear content. */
  key: ContentKey | null;
  /** Where QC may write its temporary files; removed afterwards. */
  scratchDir: string;
}

/** Where PSNR and SSIM are sampled. */
export interface QcSampling {
  windows: number;
  windowSeconds: number;
}

/**
 * Three 1 s windows: comparing the whole title cost ~60% of the encode's CPU time, and even 2 s windows
 * cost more than all other QC checks together; encoder or packaging faults (garbage, green frames, a
 * wrong key, a broken rung) show in any window.
 */
export const DEFAULT_QC_SAMPLING: QcSampling = { windows: 3, windowSeconds: 1 };

interface Joined {
  stream: PackageStream;
  /** Init + media segments as one file, exactly as a player appends them. */
  file: string;
  init: string | null;
  /** Media segment paths, in playlist order. */
  segments: string[];
  durations: number[];
}

/** Joins a stream's init and media segments, in the order its HLS media playlist lists them. */
async function joinSegments(stream: PackageStream, outputDir: string, scratchDir: string): Promise<Joined> {
  const base = path.join(outputDir, stream.dir);
  const playlist = parseMediaPlaylist(await readFile(path.join(base, SEGMENT_NAMES.playlist), 'utf8'));
  const init = playlist.init ? path.join(base, playlist.init) : null;
  const segments = playlist.segments.map((s) => path.join(base, s.uri));
  const joined = { stream, init, segments, durations: playlist.segments.map((s) => s.duration) };
  const file = path.join(scratchDir, `${stream.dir.replace(/[^\w-]/g, '_')}.mp4`);
  // Text is checked through its playlist alone; there is nothing to decode.
  if (stream.kind !== 'text') await concatFiles([...(init ? [init] : []), ...segments], file);
  return { ...joined, file };
}

async function concatFiles(parts: readonly string[], target: string): Promise<void> {
  const out = await open(target, 'w');
  try {
    // Segments are a few MB each; one in memory at a time.
    for (const part of parts) await out.write(await readFile(part));
  } finally {
    await out.close();
  }
}

function failureReason(err: unknown): string {
  if (!isMediaError(err, 'MEDIA_TOOL_FAILED')) throw err;
  const details = err.details as { stderrTail?: string } | undefined;
  return details?.stderrTail?.split('\n').slice(-2).join(' ') || err.message;
}

type Decoded = { decodedSeconds: number | null; decodeError: string | null };

/** Decodes one rendition in full: its length (frames for video, time for audio), or why it does not decode. */
async function decodeOne(joined: Joined, key: string | null, fps: number, tools: MediaTools, signal?: AbortSignal): Promise<Decoded> {
  try {
    const { progress } = await runTool(tools.ffmpeg, decodePackagedArgs(joined.file, key), { signal });
    const seconds = joined.stream.kind === 'video' ? Number(progress.frame ?? 0) / fps : Number(progress.out_time_us ?? 0) / 1e6;
    return { decodedSeconds: seconds, decodeError: null };
  } catch (err) {
    return { decodedSeconds: null, decodeError: failureReason(err) };
  }
}

/** Every packet of a video rung, read and decrypted: keyframe times and the length in frames. */
async function readPackets(
  joined: Joined,
  key: string | null,
  tools: MediaTools,
  signal?: AbortSignal,
): Promise<{ keyframes: number[]; packets: number } | string> {
  try {
    const { stdout } = await runTool(tools.ffprobe, keyframeProbeArgs(joined.file, key), { captureStdout: true, signal });
    return { keyframes: parseKeyframes(stdout), packets: countPackets(stdout) };
  } catch (err) {
    return failureReason(err);
  }
}

/** PSNR/SSIM of every rung on the sampled windows, in one ffmpeg run; per-rung stats, or the run's error. */
async function measureQuality(
  rungs: readonly Joined[],
  windows: readonly QualityWindow[],
  input: QcInput,
  tools: MediaTools,
  signal?: AbortSignal,
): Promise<Array<Pick<RenditionMeasurement, 'psnr' | 'ssim'> & { frames: number }> | string> {
  const { media, ladder, scratchDir } = input;
  const inputs = await Promise.all(
    rungs.map((r, i) =>
      Promise.all(
        windows.map(async (w, j) => {
          // A window decodes from its own segment: no need to decode the title up to it.
          const file = path.join(scratchDir, `window_${i}_${j}.mp4`);
          const segment = r.segments[w.segment];
          if (segment === undefined) throw new Error(`${r.stream.dir} has no segment ${w.segment + 1}`);
          await concatFiles([...(r.init ? [r.init] : []), segment], file);
          return file;
        }),
      ),
    ),
  ).catch((err: Error) => err.message);
  if (typeof inputs === 'string') return inputs;
  const logs = rungs.map((_, i) => ({ psnrLog: `psnr_${i}.log`, ssimLog: `ssim_${i}.log` }));
  try {
    const args = qualityArgs({
      source: media.path,
      sourceVideoIndex: media.video.index,
      // Compared at most at 1080p, like VMAF's models: enough to judge the ladder, a quarter of 4K's cost.
      ...sampleSize(media.video.width, media.video.height, 1080),
      frameRate: ladder.frameRate,
      decryptionKey: input.key?.key ?? null,
      windows,
      rungs: rungs.map((_, i) => ({ windowInputs: inputs[i] ?? [], psnrLog: logs[i]?.psnrLog ?? '', ssimLog: logs[i]?.ssimLog ?? '' })),
    });
    // Relative stats file names in the filter graph need no escaping; the cwd makes them land in scratch.
    await runTool(tools.ffmpeg, args, { cwd: scratchDir, signal });
  } catch (err) {
    return failureReason(err);
  }
  const read = (file: string | undefined): Promise<string> => readFile(path.join(scratchDir, file ?? ''), 'utf8').catch(() => '');
  return Promise.all(
    logs.map(async (l) => {
      const psnr = summarisePsnrStats(await read(l.psnrLog));
      const ssim = summariseSsimStats(await read(l.ssimLog));
      return { psnr: psnr?.psnr ?? null, ssim: ssim?.ssim ?? null, frames: psnr?.frames ?? 0 };
    }),
  );
}

/**
 * Checks a packaged title: every rendition's packets read and decrypt end to end and span the source's
 * length; the bottom rung and all audio decode in full, the other rungs on the sampled windows;
 * segments have the target length; keyframes align across rungs on segment boundaries; and each rung's
 * PSNR/SSIM against the source (scaled back to source size) is measured on sampled windows and recorded.
 * The independent tool runs go in parallel.
 */
export async function runQc(
  input: QcInput,
  options: {
    tools: MediaTools;
    thresholds?: Partial<QcThresholds>;
    sampling?: Partial<QcSampling>;
    signal?: AbortSignal;
    onProgress?: (f: number) => void;
  },
): Promise<QcReport> {
  const { tools, signal } = options;
  const scratch = input.scratchDir;
  const key = input.key?.key ?? null;
  const { frameRate } = input.ladder;
  const fps = frameRate.num / frameRate.den;
  const sampling = { ...DEFAULT_QC_SAMPLING, ...options.sampling };
  await mkdir(scratch, { recursive: true });
  try {
    const joined = await Promise.all(input.streams.map((s) => joinSegments(s, input.outputDir, scratch)));
    options.onProgress?.(0.05);
    const video = joined.filter((j) => j.stream.kind === 'video');
    const windows = qualityWindows(video[0]?.durations ?? [], frameRate, sampling.windows, sampling.windowSeconds);
    // One rung decodes in full, across every fragment: the bottom one, which costs a fifth of the top's.
    const full = new Set([video[0]]);
    // One Promise.all, so a cancelled run rejects once with every child handled.
    const [quality, packets, decoded] = await Promise.all([
      measureQuality(video, windows, input, tools, signal),
      Promise.all(video.map((j) => readPackets(j, key, tools, signal))),
      Promise.all(
        joined.map((j) => (j.stream.kind === 'audio' || full.has(j) ? decodeOne(j, key, fps, tools, signal) : null)),
      ),
    ]);
    options.onProgress?.(0.9);

    const measurements: RenditionMeasurement[] = [];
    for (const [i, j] of joined.entries()) {
      const base = { kind: j.stream.kind, name: j.stream.dir, segmentDurations: j.durations };
      if (j.stream.kind === 'text') {
        measurements.push({ ...base, decodedSeconds: null, decodeError: null });
        continue;
      }
      const whole = decoded[i] ?? null;
      if (j.stream.kind === 'audio') {
        measurements.push({ ...base, decodedSeconds: whole?.decodedSeconds ?? null, decodeError: whole?.decodeError ?? null, decodeCheck: 'full' });
        continue;
      }
      const v = video.indexOf(j);
      const read = packets[v];
      const measured = typeof quality === 'string' ? null : quality[v];
      const fromPackets = typeof read === 'object' ? read.packets / fps : null;
      let decodeError = whole?.decodeError ?? (typeof read === 'string' ? read : null);
      if (!decodeError && typeof quality === 'string') {
        // The joint run failed: decode this rung alone to tell whether it is the culprit.
        decodeError = whole ? quality : ((await decodeOne(j, key, fps, tools, signal)).decodeError ?? quality);
      }
      const expected = windows.reduce((n, w) => n + w.frames, 0);
      if (!decodeError && measured && measured.frames < expected) {
        decodeError = `decoded ${measured.frames} of ${expected} sampled frames`;
      }
      measurements.push({
        ...base,
        decodedSeconds: decodeError ? null : (whole?.decodedSeconds ?? fromPackets),
        decodeError,
        decodeCheck: whole ? 'full' : 'sampled',
        keyframes: typeof read === 'object' ? read.keyframes : [],
        psnr: measured?.psnr ?? null,
        ssim: measured?.ssim ?? null,
      });
    }
    options.onProgress?.(1);
    return evaluateQc(
      measurements,
      {
        sourceDurationSeconds: input.media.durationSeconds,
        segmentSeconds: input.ladder.segmentSeconds,
        frameSeconds: 1 / fps,
        qualityWindows: windows.map((w) => ({ start: w.start, duration: w.duration })),
      },
      { ...DEFAULT_QC_THRESHOLDS, ...options.thresholds },
    );
  } finally {
    await rm(scratch, { recursive: true, force: true });
  }
}
