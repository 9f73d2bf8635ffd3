import { mkdir, open, readFile, rm } from 'node:fs/promises';
import path from 'node:path';
import { sampleSize } from './analysis.js';
import { isMediaError } from './errors.js';
import { decodePackagedArgs, qualityArgs } from './ffmpeg-args.js';
import { keyframeProbeArgs } from './ffprobe-args.js';
import { SEGMENT_NAMES, type PackageStream } from './packager-args.js';
import {
  DEFAULT_QC_THRESHOLDS,
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

interface Joined {
  stream: PackageStream;
  /** Init segment + media segments as one file, exactly as a player appends them. */
  file: string;
  durations: number[];
}

/** Joins a stream's init and media segments, in the order its HLS media playlist lists them. */
async function joinSegments(stream: PackageStream, outputDir: string, scratchDir: string): Promise<Joined> {
  const base = path.join(outputDir, stream.dir);
  const playlist = parseMediaPlaylist(await readFile(path.join(base, SEGMENT_NAMES.playlist), 'utf8'));
  const durations = playlist.segments.map((s) => s.duration);
  const file = path.join(scratchDir, `${stream.dir.replace(/[^\w-]/g, '_')}.mp4`);
  // Text is checked through its playlist alone; there is nothing to decode.
  if (stream.kind === 'text') return { stream, file, durations };
  const parts = [...(playlist.init ? [playlist.init] : []), ...playlist.segments.map((s) => s.uri)];
  const out = await open(file, 'w');
  try {
    // Segments are a few MB each; one in memory at a time.
    for (const part of parts) await out.write(await readFile(path.join(base, part)));
  } finally {
    await out.close();
  }
  return { stream, file, durations };
}

function failureReason(err: unknown): string {
  if (!isMediaError(err, 'MEDIA_TOOL_FAILED')) throw err;
  const details = err.details as { stderrTail?: string } | undefined;
  return details?.stderrTail?.split('\n').slice(-2).join(' ') || err.message;
}

/** Decodes one rendition alone: its length, or why it does not decode. */
async function decodeOne(
  joined: Joined,
  key: string | null,
  tools: MediaTools,
  signal: AbortSignal | undefined,
): Promise<{ decodedSeconds: number | null; decodeError: string | null }> {
  try {
    const { progress } = await runTool(tools.ffmpeg, decodePackagedArgs(joined.file, key), { signal });
    return { decodedSeconds: Number(progress.out_time_us ?? 0) / 1e6, decodeError: null };
  } catch (err) {
    return { decodedSeconds: null, decodeError: failureReason(err) };
  }
}

/** All rungs against the source in one ffmpeg run; on failure, each rung alone to find the culprit. */
async function measureVideo(
  rungs: readonly Joined[],
  input: QcInput,
  tools: MediaTools,
  signal: AbortSignal | undefined,
): Promise<RenditionMeasurement[]> {
  const { media, ladder, scratchDir } = input;
  const key = input.key?.key ?? null;
  const logs = rungs.map((_, i) => ({ psnrLog: `psnr_${i}.log`, ssimLog: `ssim_${i}.log` }));
  const fps = ladder.frameRate.num / ladder.frameRate.den;
  // Compared at most at 1080p, like VMAF's models: enough to judge the ladder, a quarter of 4K's cost.
  const compareSize = sampleSize(media.video.width, media.video.height, 1080);
  let combinedError: string | null = null;
  try {
    const args = qualityArgs({
      source: media.path,
      sourceVideoIndex: media.video.index,
      ...compareSize,
      frameRate: ladder.frameRate,
      decryptionKey: key,
      rungs: rungs.map((r, i) => ({ input: r.file, psnrLog: logs[i]?.psnrLog ?? '', ssimLog: logs[i]?.ssimLog ?? '' })),
    });
    // Relative stats file names in the filter graph need no escaping; the cwd makes them land in scratch.
    await runTool(tools.ffmpeg, args, { cwd: scratchDir, signal });
  } catch (err) {
    combinedError = failureReason(err);
  }
  const out: RenditionMeasurement[] = [];
  for (const [i, rung] of rungs.entries()) {
    const base = { kind: 'video' as const, name: rung.stream.dir, segmentDurations: rung.durations };
    const { stdout } = await runTool(tools.ffprobe, keyframeProbeArgs(rung.file), { captureStdout: true, signal });
    const keyframes = parseKeyframes(stdout);
    if (combinedError !== null) {
      const alone = await decodeOne(rung, key, tools, signal);
      out.push({ ...base, ...alone, decodeError: alone.decodeError ?? combinedError, keyframes, psnr: null, ssim: null });
      continue;
    }
    const read = (file: string | undefined): Promise<string> =>
      readFile(path.join(scratchDir, file ?? ''), 'utf8').catch(() => '');
    const psnr = summarisePsnrStats(await read(logs[i]?.psnrLog));
    const ssim = summariseSsimStats(await read(logs[i]?.ssimLog));
    out.push({
      ...base,
      decodedSeconds: psnr ? psnr.frames / fps : null,
      decodeError: null,
      keyframes,
      psnr: psnr?.psnr ?? null,
      ssim: ssim?.ssim ?? null,
    });
  }
  return out;
}

/**
 * Checks a packaged title: every rendition decodes (with the key) to the source's length, segments have
 * the target length, keyframes align across rungs on segment boundaries, and each rung's PSNR/SSIM
 * against the source (scaled back to source size) is recorded.
 */
export async function runQc(
  input: QcInput,
  options: { tools: MediaTools; thresholds?: Partial<QcThresholds>; signal?: AbortSignal; onProgress?: (f: number) => void },
): Promise<QcReport> {
  const { tools, signal } = options;
  const scratch = input.scratchDir;
  await mkdir(scratch, { recursive: true });
  try {
    const joined: Joined[] = [];
    for (const stream of input.streams) joined.push(await joinSegments(stream, input.outputDir, scratch));
    options.onProgress?.(0.05);
    const video = await measureVideo(joined.filter((j) => j.stream.kind === 'video'), input, tools, signal);
    options.onProgress?.(0.85);
    const others: RenditionMeasurement[] = [];
    for (const j of joined.filter((x) => x.stream.kind !== 'video')) {
      const base = { kind: j.stream.kind, name: j.stream.dir, segmentDurations: j.durations };
      if (j.stream.kind === 'text') others.push({ ...base, decodedSeconds: null, decodeError: null });
      else others.push({ ...base, ...(await decodeOne(j, input.key?.key ?? null, tools, signal)) });
    }
    options.onProgress?.(1);
    const { frameRate } = input.ladder;
    return evaluateQc(
      [...video, ...others],
      {
        sourceDurationSeconds: input.media.durationSeconds,
        segmentSeconds: input.ladder.segmentSeconds,
        frameSeconds: frameRate.den / frameRate.num,
      },
      { ...DEFAULT_QC_THRESHOLDS, ...options.thresholds },
    );
  } finally {
    await rm(scratch, { recursive: true, force: true });
  }
}
