import { MediaError } from './errors.js';
import type { AudioStreamInfo, MediaInfo, Rational, SubtitleStreamInfo, VideoStreamInfo } from './types.js';

/** Limits that decide what a plausible source is. */
export interface ProbeLimits {
  /** Longer than this is not a title, it is a mistake (or a forged header). */
  maxDurationSeconds: number;
  /** Average bits per second below which the declared duration cannot be true. */
  minBitsPerSecond: number;
  minDimension: number;
  maxDimension: number;
}

/** Defaults: a day of video, 1 kbit/s (even a static slide show at 240p needs more), 16..8192 px. */
export const DEFAULT_PROBE_LIMITS: ProbeLimits = {
  maxDurationSeconds: 24 * 3600,
  minBitsPerSecond: 1000,
  minDimension: 16,
  maxDimension: 8192,
};

type Json = Record<string, unknown>;

const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);
function num(v: unknown): number | undefined {
  const n = typeof v === 'number' ? v : typeof v === 'string' && v.trim() !== '' ? Number(v) : NaN;
  return Number.isFinite(n) ? n : undefined;
}

/** Parses "30000/1001" (or "16:9") into a Rational; undefined for "0/0", "N/A" and the like. */
export function parseRational(value: unknown): Rational | undefined {
  const m = /^(\d+)[/:](\d+)$/.exec(str(value) ?? '');
  if (!m) return undefined;
  const num = Number(m[1]);
  const den = Number(m[2]);
  return num > 0 && den > 0 ? { num, den } : undefined;
}

// Demuxers that read a single picture (or a sequence of files), never a video title.
const STILL_IMAGE_FORMATS = /(^|,)(image2|[a-z0-9]+_pipe|tty|srt|webvtt|ass|lrc)(,|$)/;
const BITMAP_SUBTITLES = new Set(['hdmv_pgs_subtitle', 'dvd_subtitle', 'dvb_subtitle', 'xsub', 'dvb_teletext']);

function rotationOf(stream: Json): number {
  const list = Array.isArray(stream.side_data_list) ? stream.side_data_list : [];
  for (const side of list) {
    const r = isObject(side) ? num(side.rotation) : undefined;
    if (r !== undefined) return r;
  }
  const tags = isObject(stream.tags) ? stream.tags : {};
  return num(tags.rotate) ?? 0;
}

function language(stream: Json): string {
  const tags = isObject(stream.tags) ? stream.tags : {};
  const lang = str(tags.language)?.toLowerCase();
  return lang && /^[a-z]{2,3}$/.test(lang) ? lang : 'und';
}

function title(stream: Json): string | undefined {
  const tags = isObject(stream.tags) ? stream.tags : {};
  return str(tags.title);
}

function flag(stream: Json, name: string): boolean {
  return isObject(stream.disposition) && stream.disposition[name] === 1;
}

function videoInfo(stream: Json, limits: ProbeLimits): VideoStreamInfo {
  const codedW = num(stream.width) ?? 0;
  const codedH = num(stream.height) ?? 0;
  const codec = str(stream.codec_name);
  if (!codec || codec === 'none') {
    throw new MediaError('MEDIA_UNSUPPORTED', 'The video stream uses a codec ffmpeg cannot decode');
  }
  if (Math.min(codedW, codedH) < limits.minDimension || Math.max(codedW, codedH) > limits.maxDimension) {
    throw new MediaError(
      'MEDIA_UNSUPPORTED',
      `Video frame size ${codedW}x${codedH} is outside ${limits.minDimension}..${limits.maxDimension} pixels`,
    );
  }
  const sar = parseRational(stream.sample_aspect_ratio) ?? { num: 1, den: 1 };
  // Display size is what viewers see: anamorphic pixels stretched, phone rotation applied.
  let width = Math.round((codedW * sar.num) / sar.den);
  let height = codedH;
  if (Math.abs(rotationOf(stream)) % 180 === 90) [width, height] = [height, width];
  const frameRate = parseRational(stream.avg_frame_rate) ?? parseRational(stream.r_frame_rate) ?? { num: 25, den: 1 };
  const frames = num(stream.nb_frames);
  return {
    index: num(stream.index) ?? 0,
    codec,
    width,
    height,
    frameRate,
    pixFmt: str(stream.pix_fmt) ?? 'unknown',
    frames: frames !== undefined ? Math.round(frames) : undefined,
    durationSeconds: num(stream.duration),
  };
}

function audioInfo(stream: Json): AudioStreamInfo {
  return {
    index: num(stream.index) ?? 0,
    codec: str(stream.codec_name) ?? 'unknown',
    channels: num(stream.channels) ?? 2,
    sampleRate: num(stream.sample_rate) ?? 48000,
    language: language(stream),
    title: title(stream),
    isDefault: flag(stream, 'default'),
  };
}

function subtitleInfo(stream: Json): SubtitleStreamInfo {
  const codec = str(stream.codec_name) ?? 'unknown';
  return {
    index: num(stream.index) ?? 0,
    codec,
    language: language(stream),
    title: title(stream),
    isText: !BITMAP_SUBTITLES.has(codec) && codec !== 'unknown',
    isForced: flag(stream, 'forced'),
  };
}

/**
 * Turns ffprobe's JSON into a validated MediaInfo, or throws a MediaError saying why the file is not a
 * playable video (no video stream, still image, no duration, implausible duration).
 */
export function parseProbeOutput(
  probe: unknown,
  filePath: string,
  sizeBytes: number,
  limits: ProbeLimits = DEFAULT_PROBE_LIMITS,
): MediaInfo {
  const format = isObject(probe) && isObject(probe.format) ? probe.format : {};
  const streams = (isObject(probe) && Array.isArray(probe.streams) ? probe.streams : []).filter(isObject);
  const container = str(format.format_name) ?? 'unknown';
  if (STILL_IMAGE_FORMATS.test(container)) {
    throw new MediaError('MEDIA_NOT_VIDEO', `The file is ${container} data, not a video`, { container });
  }
  // Cover art in music files is a "video" stream too; it is a picture, not video.
  const videoStream = streams.find((s) => s.codec_type === 'video' && !flag(s, 'attached_pic'));
  if (!videoStream) {
    const kinds = [...new Set(streams.map((s) => str(s.codec_type) ?? 'unknown'))];
    const what = kinds.length > 0 ? `only ${kinds.join(', ')} streams` : 'no streams';
    throw new MediaError('MEDIA_NOT_VIDEO', `The file has no video stream (${what})`, { container, streams: kinds });
  }
  const video = videoInfo(videoStream, limits);
  const declared = num(format.duration) ?? video.durationSeconds ?? 0;
  if (declared <= 0 || video.frames === 0) {
    throw new MediaError('MEDIA_EMPTY', 'The video declares no duration or no frames', { durationSeconds: declared });
  }
  if (video.frames === 1 || (video.frames === undefined && declared < 0.05)) {
    throw new MediaError('MEDIA_NOT_VIDEO', 'The file holds a single still picture, not a video');
  }
  checkDurationPlausible(declared, sizeBytes, streams, limits);
  // The picture defines the title's length; audio running a little past it is trimmed or padded to it.
  const durationSeconds = video.durationSeconds && video.durationSeconds > 0 ? video.durationSeconds : declared;
  return {
    path: filePath,
    sizeBytes,
    container,
    durationSeconds,
    video,
    audio: streams.filter((s) => s.codec_type === 'audio').map(audioInfo),
    subtitles: streams.filter((s) => s.codec_type === 'subtitle').map(subtitleInfo),
  };
}

function checkDurationPlausible(duration: number, sizeBytes: number, streams: Json[], limits: ProbeLimits): void {
  const details = { durationSeconds: duration, sizeBytes };
  if (duration > limits.maxDurationSeconds) {
    throw new MediaError(
      'MEDIA_DURATION_IMPLAUSIBLE',
      `The file declares ${hours(duration)}, longer than the ${hours(limits.maxDurationSeconds)} limit`,
      details,
    );
  }
  const bitsPerSecond = (sizeBytes * 8) / duration;
  if (bitsPerSecond < limits.minBitsPerSecond) {
    throw new MediaError(
      'MEDIA_DURATION_IMPLAUSIBLE',
      `The file declares ${hours(duration)} but holds only ${sizeBytes} bytes (${bitsPerSecond.toFixed(1)} bit/s)`,
      details,
    );
  }
  // A container header claiming far more time than any of its streams holds is forged or broken.
  const streamDurations = streams.map((s) => num(s.duration)).filter((d): d is number => d !== undefined && d > 0);
  const longest = Math.max(0, ...streamDurations);
  if (longest > 0 && duration > longest * 2 + 60) {
    throw new MediaError(
      'MEDIA_DURATION_IMPLAUSIBLE',
      `The container declares ${hours(duration)} but its longest stream lasts ${longest.toFixed(1)} s`,
      { ...details, longestStreamSeconds: longest },
    );
  }
}

function hours(seconds: number): string {
  return seconds >= 3600 ? `${(seconds / 3600).toFixed(1)} h` : `${seconds.toFixed(1)} s`;
}

// Magic numbers of containers ffmpeg reads, so a file that fails to open can be told apart as damaged
// media (a known container) rather than something that was never media.
const SIGNATURES: ReadonlyArray<{ at: number; bytes: readonly number[] }> = [
  { at: 4, bytes: [0x66, 0x74, 0x79, 0x70] }, // ftyp (MP4/MOV/3GP)
  { at: 4, bytes: [0x6d, 0x6f, 0x6f, 0x76] }, // moov
  { at: 4, bytes: [0x6d, 0x64, 0x61, 0x74] }, // mdat
  { at: 4, bytes: [0x66, 0x72, 0x65, 0x65] }, // free
  { at: 4, bytes: [0x77, 0x69, 0x64, 0x65] }, // wide
  { at: 0, bytes: [0x1a, 0x45, 0xdf, 0xa3] }, // EBML (Matroska/WebM)
  { at: 0, bytes: [0x52, 0x49, 0x46, 0x46] }, // RIFF (AVI)
  { at: 0, bytes: [0x4f, 0x67, 0x67, 0x53] }, // OggS
  { at: 0, bytes: [0x46, 0x4c, 0x56] }, // FLV
  { at: 0, bytes: [0x00, 0x00, 0x01, 0xba] }, // MPEG-PS
  { at: 0, bytes: [0x30, 0x26, 0xb2, 0x75] }, // ASF/WMV
];

/** True when the first bytes look like a media container (so a failure to open it means corruption). */
export function looksLikeMediaContainer(head: Uint8Array): boolean {
  if (SIGNATURES.some(({ at, bytes }) => bytes.every((b, i) => head[at + i] === b))) return true;
  // MPEG-TS: sync byte every 188 bytes.
  return head.length >= 377 && head[0] === 0x47 && head[188] === 0x47 && head[376] === 0x47;
}
