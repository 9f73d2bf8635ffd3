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
  /** Trickplay sprites and poster as extra outputs of the same decode; absent for a ladder-only encode. */
  thumbnails?: ThumbnailOutputs;
}

/** Trickplay sheets and the poster frame, cut from the frames the ladder encode already decodes. */
export interface ThumbnailOutputs {
  sprites: Omit<TrickplayPlan, 'input' | 'videoIndex'>;
  poster: {
    /** First frame (at the ladder's rate) the poster may come from; the best of the next 50 is kept. */
    startFrame: number;
    width: number;
    height: number;
    output: string;
  };
}

/** Sample with fps, shrink, tile: one JPEG per full sheet, the last one padded. Shared by both trickplay paths. */
function spriteFilter(p: Omit<TrickplayPlan, 'input' | 'videoIndex' | 'outputPattern'>): string {
  return `fps=1/${p.intervalSeconds},scale=${p.tileWidth}:${p.tileHeight}:flags=bilinear,setsar=1,tile=${p.columns}x${p.rows}`;
}

// thumbnail=50 keeps the most representative of 50 frames, skipping fades and black frames.
const POSTER_CANDIDATES = 50;

/** Output options of the sprite sheets: without vfr the image muxer would duplicate sheets to fill time. */
const spriteOutput = (pattern: string): string[] => ['-fps_mode', 'vfr', '-q:v', '5', '-f', 'image2', pattern];

/**
 * One ffmpeg process for the whole ladder: the source is decoded once and split to every rung.
 * Keyframes are forced on segment boundaries by time and scene-cut keyframes are disabled, so every
 * rung has closed GOPs starting at the same instants and the packager can cut aligned segments.
 */
export function transcodeArgs(plan: TranscodePlan): string[] {
  const thumbs = plan.thumbnails;
  const labels = [...plan.video.map((_, i) => `[s${i}]`), ...(thumbs ? ['[tp]', '[pp]'] : [])];
  const split = labels.length === 1 ? '' : `,split=${labels.length}${labels.join('')}`;
  const head = `[0:${plan.videoIndex}]fps=${rate(plan.frameRate)},format=yuv420p${split || '[s0]'}`;
  const chains = plan.video.map(
    ({ rung }, i) => `[s${i}]scale=${rung.width}:${rung.height}:flags=bicubic,setsar=1[v${i}]`,
  );
  if (thumbs) {
    const { poster } = thumbs;
    chains.push(
      `[tp]${spriteFilter(thumbs.sprites)}[tiles]`,
      // trim ends the branch after the candidates, so it holds no frames while the ladder encodes on.
      `[pp]trim=start_frame=${poster.startFrame}:end_frame=${poster.startFrame + POSTER_CANDIDATES},` +
        `thumbnail=${POSTER_CANDIDATES},scale=${poster.width}:${poster.height}:flags=bicubic,setsar=1[poster]`,
    );
  }
  const args = [...BASE, '-i', plan.input, '-filter_complex', [head, ...chains].join(';')];
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
  if (thumbs) {
    args.push('-map', '[tiles]', ...spriteOutput(thumbs.sprites.outputPattern));
    args.push('-map', '[poster]', '-frames:v', '1', '-q:v', '3', '-update', '1', thumbs.poster.output);
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
  return [
    ...BASE, '-i', plan.input, '-map', `0:${plan.videoIndex}`, '-vf', spriteFilter(plan),
    ...spriteOutput(plan.outputPattern), ...PROGRESS,
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
    '-vf', `thumbnail=${POSTER_CANDIDATES},scale=${width}:${height}:flags=bicubic,setsar=1`,
    '-frames:v', '1', '-q:v', '3', '-update', '1', output,
  ];
}
