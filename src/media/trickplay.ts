import { mkdir, readdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { posterArgs, trickplayArgs, type ThumbnailOutputs } from './ffmpeg-args.js';
import { runTool } from './runner.js';
import type { MediaTools } from './tools.js';
import type { MediaInfo, Rational } from './types.js';

/** Trickplay layout: a tile every `intervalSeconds`, `tileWidth` px wide, `columns`x`rows` per sheet. */
export interface TrickplayOptions {
  intervalSeconds: number;
  tileWidth: number;
  columns: number;
  rows: number;
  /** Poster frames are at most this wide. */
  posterMaxWidth: number;
}

/** 2 s, 160 px tiles, 10x10 sheets (200 s of video per JPEG), 1280 px poster. */
export const DEFAULT_TRICKPLAY_OPTIONS: TrickplayOptions = {
  intervalSeconds: 2,
  tileWidth: 160,
  columns: 10,
  rows: 10,
  posterMaxWidth: 1280,
};

/** What trickplay generation wrote, relative to the output directory. */
export interface TrickplayResult {
  vtt: string;
  sprites: string[];
  poster: string;
  tileWidth: number;
  tileHeight: number;
  intervalSeconds: number;
}

const even = (n: number): number => Math.max(2, Math.round(n / 2) * 2);

/** Tile height keeping the source's display aspect. */
export function tileHeightFor(width: number, height: number, tileWidth: number): number {
  return even((tileWidth * height) / width);
}

function timestamp(seconds: number): string {
  const ms = Math.round(seconds * 1000);
  const h = Math.floor(ms / 3_600_000);
  const m = Math.floor((ms % 3_600_000) / 60_000);
  const s = Math.floor((ms % 60_000) / 1000);
  const pad = (n: number, w = 2): string => String(n).padStart(w, '0');
  return `${pad(h)}:${pad(m)}:${pad(s)}.${pad(ms % 1000, 3)}`;
}

/**
 * The WebVTT index of the sprite sheets: one cue per tile, pointing at its rectangle with a media
 * fragment (`sprite_1.jpg#xywh=x,y,w,h`), as players' thumbnail tracks expect. Pure.
 */
export function trickplayVtt(
  durationSeconds: number,
  layout: { intervalSeconds: number; tileWidth: number; tileHeight: number; columns: number; rows: number },
  spriteName: (sheet: number) => string,
): string {
  const perSheet = layout.columns * layout.rows;
  const count = Math.ceil(durationSeconds / layout.intervalSeconds - 1e-9);
  const cues = ['WEBVTT', ''];
  for (let i = 0; i < count; i++) {
    const start = i * layout.intervalSeconds;
    const end = Math.min(durationSeconds, start + layout.intervalSeconds);
    const cell = i % perSheet;
    const x = (cell % layout.columns) * layout.tileWidth;
    const y = Math.floor(cell / layout.columns) * layout.tileHeight;
    cues.push(
      `${timestamp(start)} --> ${timestamp(end)}`,
      `${spriteName(Math.floor(i / perSheet) + 1)}#xywh=${x},${y},${layout.tileWidth},${layout.tileHeight}`,
      '',
    );
  }
  return cues.join('\n');
}

/** Where trickplay goes and how it is laid out: decided before the encode, which produces the images. */
export interface TrickplayPlan {
  dir: string;
  layout: { intervalSeconds: number; tileWidth: number; tileHeight: number; columns: number; rows: number };
  outputs: ThumbnailOutputs;
}

/** Plans sprites and poster for a title under `outputDir`. Pure. */
export function planTrickplay(
  media: MediaInfo,
  frameRate: Rational,
  outputDir: string,
  options: Partial<TrickplayOptions> = {},
): TrickplayPlan {
  const opts = { ...DEFAULT_TRICKPLAY_OPTIONS, ...options };
  const dir = path.join(outputDir, 'trickplay');
  const { width, height } = media.video;
  const layout = {
    intervalSeconds: opts.intervalSeconds,
    tileWidth: opts.tileWidth,
    tileHeight: tileHeightFor(width, height, opts.tileWidth),
    columns: opts.columns,
    rows: opts.rows,
  };
  const posterWidth = Math.min(width, opts.posterMaxWidth);
  return {
    dir,
    layout,
    outputs: {
      sprites: { ...layout, outputPattern: path.join(dir, 'sprite_%d.jpg') },
      poster: {
        // A tenth in skips cold opens and fades to black, but stays early enough to avoid spoilers.
        startFrame: Math.floor((media.durationSeconds * 0.1 * frameRate.num) / frameRate.den),
        width: even(posterWidth),
        height: even((posterWidth * height) / width),
        output: path.join(outputDir, POSTER),
      },
    },
  };
}

const POSTER = 'poster.jpg';

/** Indexes the sheets the encode wrote (see transcodeArgs' thumbnails) with their WebVTT track. */
export async function finishTrickplay(media: MediaInfo, plan: TrickplayPlan): Promise<TrickplayResult> {
  const sprites = (await readdir(plan.dir))
    .filter((f) => /^sprite_\d+\.jpg$/.test(f))
    .sort((a, b) => Number(a.replace(/\D/g, '')) - Number(b.replace(/\D/g, '')))
    .map((f) => `trickplay/${f}`);
  // The index sits next to the sheets, so its URLs are bare file names.
  await writeFile(path.join(plan.dir, 'thumbnails.vtt'), trickplayVtt(media.durationSeconds, plan.layout, (n) => `sprite_${n}.jpg`));
  const { tileWidth, tileHeight, intervalSeconds } = plan.layout;
  return { vtt: 'trickplay/thumbnails.vtt', sprites, poster: POSTER, tileWidth, tileHeight, intervalSeconds };
}

/**
 * Trickplay from a separate decode of the source, for a title whose renditions already exist (the
 * pipeline cuts them from its encode instead, saving a full decode).
 */
export async function generateTrickplay(
  media: MediaInfo,
  outputDir: string,
  options: { tools: MediaTools; trickplay?: Partial<TrickplayOptions>; signal?: AbortSignal; onProgress?: (f: number) => void },
): Promise<TrickplayResult> {
  const plan = planTrickplay(media, media.video.frameRate, outputDir, options.trickplay);
  await mkdir(plan.dir, { recursive: true });
  await runTool(
    options.tools.ffmpeg,
    trickplayArgs({ input: media.path, videoIndex: media.video.index, ...plan.outputs.sprites }),
    { signal: options.signal, durationSeconds: media.durationSeconds, onProgress: (f) => options.onProgress?.(f * 0.9) },
  );
  const { poster } = plan.outputs;
  const fps = media.video.frameRate.num / media.video.frameRate.den;
  await runTool(
    options.tools.ffmpeg,
    posterArgs(media.path, media.video.index, poster.startFrame / fps, poster.width, poster.height, poster.output),
    { signal: options.signal },
  );
  options.onProgress?.(1);
  return finishTrickplay(media, plan);
}
