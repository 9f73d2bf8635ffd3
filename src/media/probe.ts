import { open, stat } from 'node:fs/promises';
import { MediaError, isMediaError } from './errors.js';
import { decodeCheckArgs, ffprobeArgs, type DecodeWindow } from './ffprobe-args.js';
import { DEFAULT_PROBE_LIMITS, looksLikeMediaContainer, parseProbeOutput, type ProbeLimits } from './probe-parse.js';
import { runTool, stderrTail } from './runner.js';
import type { MediaTools } from './tools.js';
import type { MediaInfo } from './types.js';

export { DEFAULT_PROBE_LIMITS, type ProbeLimits } from './probe-parse.js';

/** Options of probeMedia. */
export interface ProbeOptions {
  signal?: AbortSignal;
  limits?: ProbeLimits;
  /** Skip the sampled decode (for callers that decode the whole file next anyway). Default false. */
  skipDecodeCheck?: boolean;
}

/**
 * Probes a source and proves it is playable video, or throws a MediaError with a stable code and a reason:
 * MEDIA_EMPTY, MEDIA_NOT_VIDEO, MEDIA_CORRUPT, MEDIA_DURATION_IMPLAUSIBLE or MEDIA_UNSUPPORTED.
 */
export async function probeMedia(filePath: string, tools: MediaTools, options: ProbeOptions = {}): Promise<MediaInfo> {
  const limits = options.limits ?? DEFAULT_PROBE_LIMITS;
  let size: number;
  try {
    const s = await stat(filePath);
    if (!s.isFile()) throw new MediaError('MEDIA_NOT_VIDEO', `${filePath} is not a file`);
    size = s.size;
  } catch (err) {
    if (isMediaError(err)) throw err;
    throw new MediaError('MEDIA_NOT_VIDEO', `Cannot read ${filePath}: ${(err as Error).message}`);
  }
  if (size === 0) throw new MediaError('MEDIA_EMPTY', 'The file is empty (0 bytes)', { sizeBytes: 0 });

  let stdout: string;
  try {
    ({ stdout } = await runTool(tools.ffprobe, ffprobeArgs(filePath), { captureStdout: true, signal: options.signal }));
  } catch (err) {
    if (!isMediaError(err, 'MEDIA_TOOL_FAILED')) throw err;
    const reason = toolReason(err.details, filePath);
    if (looksLikeMediaContainer(await readHead(filePath))) {
      throw new MediaError('MEDIA_CORRUPT', `The file looks like media but cannot be read: ${reason}`, { reason });
    }
    throw new MediaError('MEDIA_NOT_VIDEO', `The file is not a media file ffmpeg can read: ${reason}`, { reason });
  }
  let json: unknown;
  try {
    json = JSON.parse(stdout);
  } catch {
    throw new MediaError('MEDIA_TOOL_FAILED', 'ffprobe printed something that is not JSON');
  }
  const info = parseProbeOutput(json, filePath, size, limits);
  if (!options.skipDecodeCheck) await checkDecodes(info, tools, options.signal);
  return info;
}

/** Start, middle and end of the title, one second each: cheap, yet catches truncation and garbage. */
export function decodeWindows(durationSeconds: number): DecodeWindow[] {
  if (durationSeconds <= 3) return [{ start: 0, duration: durationSeconds }];
  return [
    { start: 0, duration: 1 },
    { start: durationSeconds / 2, duration: 1 },
    { start: Math.max(0, durationSeconds - 1.5), duration: 1 },
  ];
}

/** Decodes the sampled windows of the video stream; MEDIA_CORRUPT when they do not decode. */
export async function checkDecodes(info: MediaInfo, tools: MediaTools, signal: AbortSignal | undefined): Promise<void> {
  const windows = decodeWindows(info.durationSeconds);
  const args = decodeCheckArgs(info.path, info.video.index, windows);
  let result;
  try {
    result = await runTool(tools.ffmpeg, args, { signal });
  } catch (err) {
    if (!isMediaError(err, 'MEDIA_TOOL_FAILED')) throw err;
    throw new MediaError('MEDIA_CORRUPT', `The video stream does not decode: ${toolReason(err.details, info.path)}`);
  }
  const errors = readable(stderrTail(result.stderr, 3), info.path);
  if (errors) throw new MediaError('MEDIA_CORRUPT', `The video stream has damaged data: ${errors}`, { errors });
  const fps = info.video.frameRate.num / info.video.frameRate.den;
  const expected = windows.reduce((n, w) => n + Math.min(w.duration, info.durationSeconds - w.start), 0) * fps;
  const decoded = Number(result.progress.frame ?? 0);
  // Clean data but missing frames: the header promises time the stream does not have.
  if (decoded < Math.max(1, expected * 0.5)) {
    throw new MediaError(
      'MEDIA_DURATION_IMPLAUSIBLE',
      `The file declares ${info.durationSeconds.toFixed(1)} s but its video stops early ` +
        `(${decoded} of ~${Math.round(expected)} sampled frames decoded)`,
      { decoded, expected },
    );
  }
}

/** ffmpeg log lines as a one-line reason: no "[mov,mp4 @ 0x55…]" prefixes, no file path, no repeats. */
function readable(stderr: string, filePath: string): string {
  const lines = stderr
    .split('\n')
    .map((l) => l.replace(/^\[[^\]]*@ 0x[0-9a-f]+\]\s*/, '').replaceAll(`${filePath}: `, '').trim().replace(/\.$/, ''))
    .filter((l) => l.length > 0);
  return [...new Set(lines)].join('; ');
}

function toolReason(details: unknown, filePath: string): string {
  const tail =
    typeof details === 'object' && details !== null && 'stderrTail' in details
      ? String((details as { stderrTail: unknown }).stderrTail)
      : '';
  return readable(tail.split('\n').slice(-3).join('\n'), filePath) || 'unknown error';
}

async function readHead(filePath: string): Promise<Uint8Array> {
  const handle = await open(filePath, 'r');
  try {
    const buf = Buffer.alloc(512);
    const { bytesRead } = await handle.read(buf, 0, buf.length, 0);
    return buf.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
}
