import { spawnSync } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { runTool } from '../../src/media/runner.js';
import { locateTools, type MediaTools } from '../../src/media/tools.js';

/** ffmpeg and ffprobe on PATH: the integration tests need them (CI installs them; see .ci/run). */
export const hasFfmpeg =
  spawnSync('ffmpeg', ['-version']).status === 0 && spawnSync('ffprobe', ['-version']).status === 0;

let located: Promise<MediaTools> | undefined;
/** The located tools, looked up once per test file. */
export function mediaTools(): Promise<MediaTools> {
  located ??= locateTools();
  return located;
}

/** A fresh temp directory and its remover. */
export async function tempDir(prefix: string): Promise<{ dir: string; remove: () => Promise<void> }> {
  const dir = await mkdtemp(path.join(os.tmpdir(), `marquee-${prefix}-`));
  return { dir, remove: () => rm(dir, { recursive: true, force: true }) };
}

/** Runs ffmpeg to generate test media (lavfi sources), quietly and overwriting. */
export async function ffmpeg(args: string[]): Promise<void> {
  await runTool('ffmpeg', ['-nostdin', '-hide_banner', '-v', 'error', '-y', ...args]);
}

/** Fast, small H.264 encode settings for generated sources (quality is irrelevant, speed is not). */
export const QUICK_H264 = ['-c:v', 'libx264', '-preset', 'ultrafast', '-crf', '20', '-pix_fmt', 'yuv420p'];

/** A short test pattern with a tone, at the given size: the everyday source of the integration tests. */
export async function makeClip(output: string, seconds: number, size = '320x180', rate = 25): Promise<void> {
  await ffmpeg([
    '-f', 'lavfi', '-i', `testsrc2=size=${size}:rate=${rate}:duration=${seconds}`,
    '-f', 'lavfi', '-i', `sine=frequency=440:duration=${seconds}`,
    ...QUICK_H264, '-c:a', 'aac', '-b:a', '64k', '-shortest', output,
  ]);
}

/**
 * Rewrites the movie header (moov/mvhd) duration of an MP4 so the container declares `seconds`
 * while the streams stay as short as they are: a forged or broken header.
 */
export function patchMvhdDuration(mp4: Buffer, seconds: number): Buffer {
  const out = Buffer.from(mp4);
  const find = (type: string, start: number, end: number): number => {
    for (let at = start; at + 8 <= end; ) {
      const size = out.readUInt32BE(at);
      if (out.toString('latin1', at + 4, at + 8) === type) return at;
      if (size < 8) break;
      at += size;
    }
    throw new Error(`no ${type} box`);
  };
  const moov = find('moov', 0, out.length);
  const mvhd = find('mvhd', moov + 8, moov + out.readUInt32BE(moov));
  const version = out.readUInt8(mvhd + 8);
  if (version === 1) {
    const timescale = out.readUInt32BE(mvhd + 28);
    out.writeBigUInt64BE(BigInt(Math.round(seconds * timescale)), mvhd + 32);
  } else {
    const timescale = out.readUInt32BE(mvhd + 20);
    out.writeUInt32BE(Math.round(seconds * timescale), mvhd + 24);
  }
  return out;
}
