/**
 * Pure builders of ffmpeg argument lists (without the binary) for the encode side of the pipeline:
 * the complexity probe encode, the one-process multi-rung transcode and subtitle conversion.
 * Exact outputs are pinned by tests; the runner executes them.
 */
import { fmt, type DecodeWindow } from './ffprobe-args.js';
import type { AudioRendition, Rational, VideoRung } from './types.js';

/** x264 speed presets; slower means smaller files for the same quality. */
export type X264Preset =
  | 'ultrafast' | 'superfast' | 'veryfast' | 'faster' | 'fast' | 'medium' | 'slow' | 'slower' | 'veryslow';

const BASE = ['-nostdin', '-hide_banner', '-y', '-v', 'error', '-nostats'];
const PROGRESS = ['-progress', 'pipe:1'];

/** "30000/1001" for the fps filter, which keeps rationals exact. */
export function rate(r: Rational): string {
  return `${r.num}/${r.den}`;
}

/** kbit/s notation that ffmpeg reads back exactly. */
export function kbps(bitsPerSecond: number): string {
  return `${Math.round(bitsPerSecond / 1000)}k`;
}

/** A fast constant-quality encode of a few sampled windows at a fixed small size. */
export interface ComplexityProbePlan {
  input: string;
  videoIndex: number;
  windows: readonly DecodeWindow[];
  width: number;
  height: number;
  frameRate: Rational;
  crf: number;
  preset: X264Preset;
  /** Raw H.264 elementary stream: its size is the video bits and nothing else. */
  output: string;
}

/** Constant-quality probe encode: the bits it spends per pixel measure how hard the title is to compress. */
export function complexityProbeArgs(plan: ComplexityProbePlan): string[] {
  const args = [...BASE];
  for (const w of plan.windows) args.push('-ss', fmt(w.start), '-t', fmt(w.duration), '-i', plan.input);
  const prep = `fps=${rate(plan.frameRate)},scale=${plan.width}:${plan.height},setsar=1,format=yuv420p`;
  const chains = plan.windows.map((_, i) => `[${i}:${plan.videoIndex}]setpts=PTS-STARTPTS,${prep}[w${i}]`);
  const labels = plan.windows.map((_, i) => `[w${i}]`).join('');
  const graph = `${chains.join(';')};${labels}concat=n=${plan.windows.length}:v=1:a=0[out]`;
  return [
    ...args, '-filter_complex', graph, '-map', '[out]',
    '-c:v', 'libx264', '-preset', plan.preset, '-crf', String(plan.crf),
    '-f', 'h264', plan.output, ...PROGRESS,
  ];
}

/** Everything one transcode run produces: all video rungs and all audio renditions of one source. */
export interface TranscodePlan {
  input: string;
  /** Title length: every audio rendition is padded or trimmed to it so all tracks end together. */
  durationSeconds: number;
  videoIndex: number;
  frameRate: Rational;
  segmentSeconds: number;
  gop: number;
  preset: X264Preset;
  video: ReadonlyArray<{ rung: VideoRung; output: string }>;
  audio: ReadonlyArray<{ rendition: AudioRendition; output: string }>;
}

/**
 * One ffmpeg process for the whole ladder: the source is decoded once and split to every rung.
 * Keyframes are forced on segment boundaries by time and scene-cut keyframes are disabled, so every
 * rung has closed GOPs starting at the same instants and the packager can cut aligned segments.
 */
export function transcodeArgs(plan: TranscodePlan): string[] {
  const n = plan.video.length;
  const split = n === 1 ? '' : `,split=${n}${plan.video.map((_, i) => `[s${i}]`).join('')}`;
  const head = `[0:${plan.videoIndex}]fps=${rate(plan.frameRate)},format=yuv420p${split || '[s0]'}`;
  const scales = plan.video.map(
    ({ rung }, i) => `[s${i}]scale=${rung.width}:${rung.height}:flags=bicubic,setsar=1[v${i}]`,
  );
  const args = [...BASE, '-i', plan.input, '-filter_complex', [head, ...scales].join(';')];
  const gop = String(plan.gop);
  plan.video.forEach(({ rung, output }, i) => {
    args.push(
      '-map', `[v${i}]`, '-an', '-sn', '-dn', '-map_metadata', '-1', '-map_chapters', '-1',
      '-c:v', 'libx264', '-preset', plan.preset, '-profile:v', 'high',
      '-b:v', kbps(rung.bitrate), '-maxrate', kbps(rung.maxrate), '-bufsize', kbps(rung.bufsize),
      '-g', gop, '-keyint_min', gop, '-sc_threshold', '0', '-flags', '+cgop',
      '-force_key_frames', `expr:gte(t,n_forced*${plan.segmentSeconds})`,
      output,
    );
  });
  for (const { rendition: a, output } of plan.audio) {
    args.push(
      '-map', `0:${a.sourceIndex}`, '-vn', '-sn', '-dn', '-map_metadata', '-1', '-map_chapters', '-1',
      '-af', `apad=whole_dur=${fmt(plan.durationSeconds)}`, '-t', fmt(plan.durationSeconds),
      '-c:a', 'aac', '-profile:a', 'aac_low', '-b:a', kbps(a.bitrate),
      '-ac', String(a.channels), '-ar', String(a.sampleRate),
      '-metadata:s:a:0', `language=${a.language}`,
      output,
    );
  }
  return [...args, ...PROGRESS];
}

/** Where a WebVTT track comes from: a subtitle stream of the source, or a sidecar SRT/WebVTT file. */
export type SubtitleSource = { kind: 'stream'; input: string; streamIndex: number } | { kind: 'sidecar'; input: string };

/** Converts one text subtitle track to WebVTT. */
export function subtitleArgs(source: SubtitleSource, output: string): string[] {
  const map = source.kind === 'stream' ? `0:${source.streamIndex}` : '0:s:0';
  return [...BASE, '-i', source.input, '-map', map, '-c:s', 'webvtt', '-f', 'webvtt', output];
}

/** Trickplay sprite sheets: one tile every `intervalSeconds`, `columns`x`rows` tiles per JPEG. */
export interface TrickplayPlan {
  input: string;
  videoIndex: number;
  intervalSeconds: number;
  tileWidth: number;
  tileHeight: number;
  columns: number;
  rows: number;
  /** printf-style pattern, e.g. ".../sprite_%d.jpg" (numbered from 1). */
  outputPattern: string;
}

/** Sprite sheets in one pass: sample with fps, shrink, tile; the last sheet is padded when partly filled. */
export function trickplayArgs(plan: TrickplayPlan): string[] {
  const vf =
    `fps=1/${plan.intervalSeconds},scale=${plan.tileWidth}:${plan.tileHeight}:flags=bilinear,setsar=1,` +
    `tile=${plan.columns}x${plan.rows}`;
  return [
    ...BASE, '-i', plan.input, '-map', `0:${plan.videoIndex}`, '-vf', vf,
    // Each tiled frame is one file; without vfr the image muxer would duplicate sheets to fill time.
    '-fps_mode', 'vfr', '-q:v', '5', '-f', 'image2', plan.outputPattern, ...PROGRESS,
  ];
}

/** Poster frame: the most representative of the frames after `atSeconds` (skips fades and black frames). */
export function posterArgs(
  input: string,
  videoIndex: number,
  atSeconds: number,
  width: number,
  height: number,
  output: string,
): string[] {
  return [
    ...BASE, '-ss', fmt(atSeconds), '-i', input, '-map', `0:${videoIndex}`,
    '-vf', `thumbnail=50,scale=${width}:${height}:flags=bicubic,setsar=1`,
    '-frames:v', '1', '-q:v', '3', '-update', '1', output,
  ];
}

/** Compare every packaged rung against the source in one process: the source is decoded once. */
export interface QualityPlan {
  source: string;
  sourceVideoIndex: number;
  /** Comparison size: the source display size (the caller caps it); rungs are scaled up to it as a player would. */
  width: number;
  height: number;
  frameRate: Rational;
  /** Hex content key, or null for clear content. */
  decryptionKey: string | null;
  /** Concatenated init + media segments of each rung; per-frame stats go to the named files (relative to cwd). */
  rungs: ReadonlyArray<{ input: string; psnrLog: string; ssimLog: string }>;
}

/**
 * Reading packaged fragmented MP4 back: `-seekable 0` makes ffmpeg read fragments in order, because
 * ffmpeg 5.1 misreads CENC sample info past the second fragment when it may seek.
 */
function packagedInput(input: string, key: string | null): string[] {
  return ['-seekable', '0', ...(key ? ['-decryption_key', key] : []), '-i', input];
}

/**
 * Decodes every rung and measures PSNR and SSIM against the source, frame by frame into stats files.
 * Both sides restart at zero on the ladder's frame rate, so frames pair one to one; `shortest` stops at
 * the end of the shorter side, so the frame count also tells how long each rung really is.
 */
export function qualityArgs(plan: QualityPlan): string[] {
  const n = plan.rungs.length;
  const up = `scale=${plan.width}:${plan.height}:flags=bicubic,setsar=1,format=yuv420p`;
  const refs = plan.rungs.map((_, i) => `[ra${i}][rb${i}]`).join('');
  const graph = [
    `[${n}:${plan.sourceVideoIndex}]fps=${rate(plan.frameRate)},setpts=PTS-STARTPTS,${up},split=${2 * n}${refs}`,
    ...plan.rungs.flatMap((r, i) => [
      `[${i}:v:0]setpts=PTS-STARTPTS,${up},split[da${i}][db${i}]`,
      `[da${i}][ra${i}]psnr=stats_file=${r.psnrLog}:shortest=1`,
      `[db${i}][rb${i}]ssim=stats_file=${r.ssimLog}:shortest=1`,
    ]),
  ].join(';');
  return [
    '-nostdin', '-hide_banner', '-nostats', '-v', 'error', '-xerror',
    ...plan.rungs.flatMap((r) => packagedInput(r.input, plan.decryptionKey)),
    '-i', plan.source, '-filter_complex', graph, '-f', 'null', '-', ...PROGRESS,
  ];
}

/** Decodes one packaged rendition to nothing: proves it decodes and measures its length (progress). */
export function decodePackagedArgs(input: string, decryptionKey: string | null): string[] {
  return [
    '-nostdin', '-hide_banner', '-nostats', '-v', 'error', '-xerror',
    ...packagedInput(input, decryptionKey), '-f', 'null', '-', ...PROGRESS,
  ];
}
