import { mkdir, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { analyseComplexity, type AnalysisOptions } from './analysis.js';
import { MediaError } from './errors.js';
import type { X264Preset } from './ffmpeg-args.js';
import { buildLadder, checkSegmentSeconds, type LadderOptions } from './ladder.js';
import { generateContentKey, packageTitle, planPackage } from './package.js';
import { checkDecodes, probeMedia, type ProbeLimits } from './probe.js';
import { runQc, type QcReport, type QcThresholds } from './qc.js';
import { locateTools, type MediaTools } from './tools.js';
import { prepareSubtitles, transcode, type SidecarSubtitle } from './transcode.js';
import { finishTrickplay, planTrickplay, type TrickplayOptions, type TrickplayResult } from './trickplay.js';
import type { ContentKey, Ladder, MediaInfo } from './types.js';

/** Stages of processSource, in order. */
export const PIPELINE_STAGES = ['probing', 'analysing', 'encoding', 'packaging', 'trickplay', 'qc'] as const;
/** One stage of processSource. */
export type PipelineStage = (typeof PIPELINE_STAGES)[number];

/** Progress report: the stage, how far into it (0..1), and an estimate for the whole run (0..1). */
export interface PipelineProgress {
  stage: PipelineStage;
  fraction: number;
  overall: number;
}

// Share of wall time each stage takes on a typical title (bench:ingest); only used to make `overall` move
// smoothly. Trickplay is nearly free since its images come out of the encode.
const STAGE_WEIGHTS: Readonly<Record<PipelineStage, number>> = {
  probing: 0.03,
  analysing: 0.05,
  encoding: 0.8,
  packaging: 0.03,
  trickplay: 0.01,
  qc: 0.08,
};

/** Knobs of processSource; every one has a default. */
export interface ProcessOptions {
  /** Located binaries; located (and version-checked) once per process when absent. */
  tools?: MediaTools;
  /** x264 preset of the renditions (default veryfast). */
  preset?: X264Preset;
  /** Segment length 2..4 s (default 4). */
  segmentSeconds?: number;
  /** Sidecar SRT/WebVTT files to publish next to the source's own text subtitles. */
  subtitles?: readonly SidecarSubtitle[];
  /** Cancels the run; the current tool is killed and MEDIA_CANCELLED is thrown. */
  signal?: AbortSignal;
  /** Content key to use instead of a fresh random one (re-packaging a title under its existing key). */
  key?: ContentKey;
  /** Keep the intermediate renditions under workDir/intermediate (debugging). */
  keepIntermediate?: boolean;
  ladder?: Partial<Omit<LadderOptions, 'segmentSeconds'>>;
  analysis?: Partial<AnalysisOptions>;
  trickplay?: Partial<TrickplayOptions>;
  qc?: Partial<QcThresholds>;
  probeLimits?: ProbeLimits;
}

/** A processed title. Paths in `manifests`, `trickplay` and `qcReport` are relative to `outputDir`. */
export interface ProcessResult {
  media: MediaInfo;
  ladder: Ladder;
  /** Everything under it may be published; the content key is not in it. */
  outputDir: string;
  manifests: { hls: string; dash: string };
  subtitles: Array<{ language: string; label: string; dir: string }>;
  trickplay: TrickplayResult;
  qc: QcReport;
  qcReport: string;
  /** The title's CENC key: hand it to the license service, never to the blob store. */
  key: ContentKey;
  /** Non-fatal problems, e.g. bitmap subtitles that could not become WebVTT. */
  warnings: string[];
  /** Wall time of each stage in milliseconds. */
  timings: Record<PipelineStage, number>;
}

let defaultTools: Promise<MediaTools> | undefined;
/**
 * Tools located once per process: locating spawns four version checks, which cost a worker ~0.3 s of
 * every title. A failed lookup is not cached, so installing the tools fixes the next attempt.
 */
function locateDefaultTools(): Promise<MediaTools> {
  defaultTools ??= locateTools().catch((err: unknown) => {
    defaultTools = undefined;
    throw err;
  });
  return defaultTools;
}

/** The output directory and scratch directory processSource uses under a work directory. */
export function workLayout(workDir: string): { outputDir: string; scratchDir: string } {
  return { outputDir: path.join(workDir, 'output'), scratchDir: path.join(workDir, 'intermediate') };
}

/**
 * Turns a source file into a packaged, encrypted, quality-checked title under `workDir/output`:
 * probing → analysing → encoding → packaging → trickplay → qc. Throws MediaError: a MEDIA_* code for a
 * bad source, MEDIA_QC_FAILED (details: the report) when the result must not be published,
 * MEDIA_CANCELLED on abort. Safe to retry: a previous attempt's output is replaced.
 *
 * @example
 * const title = await processSource('in.mp4', '/tmp/job-42', {}, (p) => log(p.stage, p.overall));
 * // title.outputDir/master.m3u8, title.outputDir/manifest.mpd; title.key → license service
 */
export async function processSource(
  sourcePath: string,
  workDir: string,
  options: ProcessOptions = {},
  onProgress: (progress: PipelineProgress) => void = () => undefined,
): Promise<ProcessResult> {
  const { signal } = options;
  // Bad options fail before any work, not after a long probe and analysis.
  const segmentSeconds = checkSegmentSeconds(options.segmentSeconds ?? 4);
  const { outputDir, scratchDir } = workLayout(workDir);
  const timings = Object.fromEntries(PIPELINE_STAGES.map((s) => [s, 0])) as Record<PipelineStage, number>;
  let started = Date.now();
  let stageIndex = 0;
  const report = (stage: PipelineStage, fraction: number): void => {
    const done = PIPELINE_STAGES.slice(0, PIPELINE_STAGES.indexOf(stage)).reduce((s, st) => s + STAGE_WEIGHTS[st], 0);
    onProgress({ stage, fraction, overall: Math.min(1, done + STAGE_WEIGHTS[stage] * fraction) });
  };
  const enter = (stage: PipelineStage): ((fraction: number) => void) => {
    if (signal?.aborted) throw new MediaError('MEDIA_CANCELLED');
    const previous = PIPELINE_STAGES[stageIndex - 1];
    if (previous) timings[previous] = Date.now() - started;
    started = Date.now();
    stageIndex = PIPELINE_STAGES.indexOf(stage) + 1;
    report(stage, 0);
    return (fraction) => report(stage, fraction);
  };

  let progress = enter('probing');
  const tools = options.tools ?? (await locateDefaultTools());
  // The sampled decode check runs beside the complexity probe below (see there).
  const media = await probeMedia(sourcePath, tools, { signal, limits: options.probeLimits, skipDecodeCheck: true });
  progress(1);

  // A retried job starts from a clean slate rather than mixing in a crashed attempt's segments.
  await rm(outputDir, { recursive: true, force: true });
  await rm(scratchDir, { recursive: true, force: true });
  await mkdir(scratchDir, { recursive: true });
  try {
    progress = enter('analysing');
    // The decode check and the complexity probe read the source independently with different tools; side
    // by side they overlap on two cores. A decode failure wins: it names the real problem with the source.
    const [decodes, analysed] = await Promise.allSettled([
      checkDecodes(media, tools, signal),
      analyseComplexity(media, tools, scratchDir, { signal, onProgress: progress, analysis: options.analysis }),
    ]);
    if (decodes.status === 'rejected') throw decodes.reason;
    if (analysed.status === 'rejected') throw analysed.reason;
    const complexity = analysed.value;
    const ladder = buildLadder(media, complexity, {
      ...options.ladder,
      segmentSeconds,
    });

    progress = enter('encoding');
    // Sprites and poster come out of the encode's own decode: a second full decode cost ~20% of the encode.
    const trickplayPlan = planTrickplay(media, ladder.frameRate, outputDir, options.trickplay);
    const renditions = await transcode(media, ladder, scratchDir, {
      tools,
      preset: options.preset ?? 'veryfast',
      thumbnails: trickplayPlan.outputs,
      signal,
      onProgress: (f) => progress(f * 0.97),
    });
    const subs = await prepareSubtitles(media, options.subtitles ?? [], path.join(scratchDir, 'subs'), { tools, signal });
    progress(1);

    progress = enter('packaging');
    const key = options.key ?? generateContentKey();
    const plan = planPackage(ladder, renditions, subs.tracks, key);
    const manifests = await packageTitle(plan, outputDir, { tools, signal });
    progress(1);

    // The images were written by the encode; what is left is their index.
    progress = enter('trickplay');
    const trickplay = await finishTrickplay(media, trickplayPlan);
    progress(1);

    progress = enter('qc');
    const qc = await runQc(
      { media, ladder, streams: plan.streams, outputDir, key, scratchDir: path.join(scratchDir, 'qc') },
      { tools, thresholds: options.qc, signal, onProgress: progress },
    );
    const qcReport = 'qc.json';
    await writeFile(path.join(outputDir, qcReport), `${JSON.stringify({ ladder, qc }, null, 2)}\n`);
    timings.qc = Date.now() - started;
    if (!qc.passed) {
      throw new MediaError('MEDIA_QC_FAILED', `The title failed quality control: ${qc.failures.join('; ')}`, qc);
    }
    return {
      media,
      ladder,
      outputDir,
      manifests,
      subtitles: subs.tracks.map((t) => ({ language: t.language, label: t.label, dir: `subs/${t.name}` })),
      trickplay,
      qc,
      qcReport,
      key,
      warnings: subs.warnings,
      timings,
    };
  } finally {
    if (!options.keepIntermediate) await rm(scratchDir, { recursive: true, force: true });
  }
}
