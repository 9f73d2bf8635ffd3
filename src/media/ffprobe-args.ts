/**
 * Pure builders of ffprobe argument lists and the analysis-side ffmpeg commands that only read a source.
 * Each returns argv without the binary; the runner executes it.
 */

/** ffprobe reading container and streams as JSON. */
export function ffprobeArgs(input: string): string[] {
  return ['-v', 'error', '-hide_banner', '-show_format', '-show_streams', '-of', 'json', input];
}

/** A window of the source to decode: start and length in seconds. */
export interface DecodeWindow {
  start: number;
  duration: number;
}

/**
 * Decodes a few short windows of the video stream to a null output: error-level log lines or too few frames
 * reveal corrupt or truncated data that the container header alone hides.
 */
export function decodeCheckArgs(input: string, videoIndex: number, windows: readonly DecodeWindow[]): string[] {
  const args = ['-nostdin', '-hide_banner', '-v', 'error', '-nostats'];
  for (const w of windows) args.push('-ss', fmt(w.start), '-t', fmt(w.duration), '-i', input);
  const chains = windows.map((_, i) => `[${i}:${videoIndex}]setpts=PTS-STARTPTS[w${i}]`);
  const labels = windows.map((_, i) => `[w${i}]`).join('');
  const graph = `${chains.join(';')};${labels}concat=n=${windows.length}:v=1:a=0[out]`;
  return [...args, '-filter_complex', graph, '-map', '[out]', '-f', 'null', '-', '-progress', 'pipe:1'];
}

/**
 * Lists video packet timestamps and flags of a packaged (possibly encrypted) fragmented MP4: keyframe
 * flags live in the container, so nothing needs decrypting; with the key, every packet is also decrypted,
 * which proves each one carries its encryption info. `-seekable 0` because ffmpeg 5.1 loses CENC
 * fragments after the second when it may seek.
 */
export function keyframeProbeArgs(input: string, decryptionKey: string | null = null): string[] {
  return [
    '-v', 'error', '-hide_banner', '-seekable', '0', ...(decryptionKey ? ['-decryption_key', decryptionKey] : []),
    '-select_streams', 'v:0', '-show_entries', 'packet=pts_time,flags', '-of', 'csv=p=0', input,
  ];
}

/** Seconds as a short decimal string for command lines (no exponent, trailing zeros trimmed). */
export function fmt(seconds: number): string {
  return Number(seconds.toFixed(3)).toString();
}
