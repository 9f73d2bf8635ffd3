import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import {
  subtitleArgs,
  transcodeArgs,
  type SubtitleSource,
  type ThumbnailOutputs,
  type TranscodePlan,
  type X264Preset,
} from './ffmpeg-args.js';
import { isMediaError } from './errors.js';
import { languageLabel } from './ladder.js';
import { runTool } from './runner.js';
import type { MediaTools } from './tools.js';
import type { AudioRendition, Ladder, MediaInfo, VideoRung } from './types.js';

/** A subtitle file supplied next to the source (SRT or WebVTT). */
export interface SidecarSubtitle {
  path: string;
  /** ISO 639-2 (or 639-1) language code. */
  language: string;
  label?: string;
}

/** A WebVTT track ready for packaging. */
export interface SubtitleTrack {
  language: string;
  label: string;
  /** Directory-safe unique name, e.g. "eng", "eng-2". */
  name: string;
  path: string;
  origin: 'source' | 'sidecar';
}

/** The intermediate renditions of one title, before packaging. */
export interface Renditions {
  video: Array<{ rung: VideoRung; path: string }>;
  audio: Array<{ rendition: AudioRendition; path: string }>;
}

/** Maps a ladder onto output files in `dir` (plus trickplay images, when given): the pure half of transcoding. */
export function planTranscode(
  media: MediaInfo,
  ladder: Ladder,
  dir: string,
  preset: X264Preset,
  thumbnails?: ThumbnailOutputs,
): TranscodePlan {
  return {
    ...(thumbnails ? { thumbnails } : {}),
    input: media.path,
    durationSeconds: media.durationSeconds,
    videoIndex: media.video.index,
    frameRate: ladder.frameRate,
    segmentSeconds: ladder.segmentSeconds,
    gop: ladder.gop,
    preset,
    video: ladder.video.map((rung) => ({ rung, output: path.join(dir, `video_${rung.name}.mp4`) })),
    audio: ladder.audio.map((rendition) => ({ rendition, output: path.join(dir, `audio_${rendition.name}.mp4`) })),
  };
}

/**
 * Encodes every rung and audio rendition of the ladder in one ffmpeg process (the source is decoded once);
 * with `thumbnails`, the same decode also yields the trickplay sheets and the poster.
 */
export async function transcode(
  media: MediaInfo,
  ladder: Ladder,
  dir: string,
  options: {
    tools: MediaTools;
    preset: X264Preset;
    thumbnails?: ThumbnailOutputs;
    signal?: AbortSignal;
    onProgress?: (fraction: number) => void;
  },
): Promise<Renditions> {
  await mkdir(dir, { recursive: true });
  if (options.thumbnails) {
    // The image muxers do not create directories.
    await mkdir(path.dirname(options.thumbnails.sprites.outputPattern), { recursive: true });
    await mkdir(path.dirname(options.thumbnails.poster.output), { recursive: true });
  }
  const plan = planTranscode(media, ladder, dir, options.preset, options.thumbnails);
  await runTool(options.tools.ffmpeg, transcodeArgs(plan), {
    signal: options.signal,
    durationSeconds: media.durationSeconds,
    onProgress: options.onProgress,
  });
  return {
    video: plan.video.map(({ rung, output }) => ({ rung, path: output })),
    audio: plan.audio.map(({ rendition, output }) => ({ rendition, path: output })),
  };
}

function uniqueNamer(): (language: string) => string {
  const seen = new Map<string, number>();
  return (language) => {
    const n = (seen.get(language) ?? 0) + 1;
    seen.set(language, n);
    return n === 1 ? language : `${language}-${n}`;
  };
}

/**
 * Converts the source's text subtitle tracks and any sidecar files to WebVTT in `dir`. Bitmap tracks
 * (PGS, VobSub) cannot become text; they are skipped with a warning rather than failing the title.
 */
export async function prepareSubtitles(
  media: MediaInfo,
  sidecars: readonly SidecarSubtitle[],
  dir: string,
  options: { tools: MediaTools; signal?: AbortSignal },
): Promise<{ tracks: SubtitleTrack[]; warnings: string[] }> {
  const nameFor = uniqueNamer();
  const warnings: string[] = [];
  const jobs: Array<{ source: SubtitleSource; language: string; label: string; origin: SubtitleTrack['origin'] }> = [];
  for (const s of media.subtitles) {
    if (!s.isText) {
      warnings.push(`Subtitle stream ${s.index} (${s.codec}, ${s.language}) is a bitmap format and was skipped`);
      continue;
    }
    const source: SubtitleSource = { kind: 'stream', input: media.path, streamIndex: s.index };
    jobs.push({ source, language: s.language, label: s.title ?? languageLabel(s.language), origin: 'source' });
  }
  for (const s of sidecars) {
    const language = s.language.toLowerCase();
    jobs.push({ source: { kind: 'sidecar', input: s.path }, language, label: s.label ?? languageLabel(language), origin: 'sidecar' });
  }
  if (jobs.length === 0) return { tracks: [], warnings };
  await mkdir(dir, { recursive: true });
  const tracks: SubtitleTrack[] = [];
  for (const job of jobs) {
    const name = nameFor(job.language);
    const output = path.join(dir, `${name}.vtt`);
    try {
      await runTool(options.tools.ffmpeg, subtitleArgs(job.source, output), { signal: options.signal });
    } catch (err) {
      // A broken subtitle file should not cost the viewer the whole title.
      if (!isMediaError(err, 'MEDIA_TOOL_FAILED')) throw err;
      warnings.push(`Subtitles ${job.source.input} (${job.language}) could not be converted: ${err.message}`);
      continue;
    }
    tracks.push({ language: job.language, label: job.label, name, path: output, origin: job.origin });
  }
  return { tracks, warnings };
}
