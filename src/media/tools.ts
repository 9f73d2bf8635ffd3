import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { MediaError, isMediaError } from './errors.js';
import { runTool } from './runner.js';

/** Absolute paths (or PATH-resolved names) of the binaries the pipeline runs, with their versions. */
export interface MediaTools {
  ffmpeg: string;
  ffprobe: string;
  packager: string;
  versions: { ffmpeg: string; packager: string };
}

/** Where to look first; anything left out is found on PATH or in the npm package that ships it. */
export interface LocateToolsOptions {
  ffmpegPath?: string;
  ffprobePath?: string;
  packagerPath?: string;
}

// 5.1 brings -fps_mode, which the trickplay command uses; Debian 12 ships 5.1.
const MIN_FFMPEG: readonly [number, number] = [5, 1];
const MIN_PACKAGER: readonly [number, number] = [3, 0];

const PACKAGER_BINARIES: Readonly<Record<string, string>> = {
  'linux-x64': 'packager-linux-x64',
  'linux-arm64': 'packager-linux-arm64',
  'darwin-x64': 'packager-osx-x64',
  'darwin-arm64': 'packager-osx-arm64',
  'win32-x64': 'packager-win-x64.exe',
};

const require = createRequire(import.meta.url);

/** Parses "ffmpeg version 5.1.9-0+deb12u1 …" or "packager version v3.4.2-…" into [major, minor]. */
export function parseToolVersion(output: string): [number, number] | undefined {
  const m = /version\s+v?(\d+)\.(\d+)/i.exec(output);
  return m ? [Number(m[1]), Number(m[2])] : undefined;
}

function atLeast(v: readonly [number, number], min: readonly [number, number]): boolean {
  return v[0] > min[0] || (v[0] === min[0] && v[1] >= min[1]);
}

/** The Shaka Packager binary inside the `shaka-packager` npm package for this platform, if installed. */
export function bundledPackagerPath(): string | undefined {
  const binary = PACKAGER_BINARIES[`${process.platform}-${process.arch}`];
  if (!binary) return undefined;
  try {
    const dir = path.dirname(require.resolve('shaka-packager/package.json'));
    const candidate = path.join(dir, 'bin', binary);
    return existsSync(candidate) ? candidate : undefined;
  } catch {
    return undefined;
  }
}

/** A static ffmpeg/ffprobe shipped by an npm package (ffmpeg-static / ffprobe-static), if one is installed. */
function bundledBinary(pkg: 'ffmpeg-static' | 'ffprobe-static'): string | undefined {
  try {
    const exported: unknown = require(pkg);
    const candidate =
      typeof exported === 'string'
        ? exported
        : typeof exported === 'object' && exported !== null && 'path' in exported
          ? String((exported as { path: unknown }).path)
          : undefined;
    return candidate && existsSync(candidate) ? candidate : undefined;
  } catch {
    return undefined;
  }
}

async function versionOf(bin: string, flag: string): Promise<string | undefined> {
  try {
    const { stdout } = await runTool(bin, [flag], { captureStdout: true });
    return stdout.split('\n')[0]?.trim();
  } catch (err) {
    if (isMediaError(err, 'MEDIA_TOOL_MISSING')) return undefined;
    throw err;
  }
}

async function pick(
  label: string,
  candidates: ReadonlyArray<string | undefined>,
  flag: string,
  min: readonly [number, number],
  install: string,
): Promise<{ bin: string; version: string }> {
  for (const bin of candidates) {
    if (!bin) continue;
    const line = await versionOf(bin, flag);
    if (line === undefined) continue;
    const version = parseToolVersion(line);
    if (version && !atLeast(version, min)) {
      throw new MediaError('MEDIA_TOOL_MISSING', `${label} at ${bin} is ${line}; ${min.join('.')} or newer is needed`, {
        tool: label,
        bin,
      });
    }
    return { bin, version: line };
  }
  throw new MediaError('MEDIA_TOOL_MISSING', `${label} was not found. ${install}`, { tool: label });
}

/**
 * Finds ffmpeg, ffprobe and Shaka Packager and checks their versions and that ffmpeg can encode H.264.
 * Order: explicit path, then PATH, then a binary shipped inside an npm package.
 */
export async function locateTools(options: LocateToolsOptions = {}): Promise<MediaTools> {
  const ffmpegHelp = 'Install ffmpeg (apt-get install ffmpeg) or the npm package ffmpeg-static.';
  const ffmpeg = await pick(
    'ffmpeg',
    [options.ffmpegPath, 'ffmpeg', bundledBinary('ffmpeg-static')],
    '-version',
    MIN_FFMPEG,
    ffmpegHelp,
  );
  const ffprobe = await pick(
    'ffprobe',
    [options.ffprobePath, 'ffprobe', bundledBinary('ffprobe-static')],
    '-version',
    MIN_FFMPEG,
    'Install ffmpeg (apt-get install ffmpeg), which provides ffprobe, or the npm package ffprobe-static.',
  );
  const packager = await pick(
    'Shaka Packager',
    [options.packagerPath, bundledPackagerPath(), 'packager'],
    '--version',
    MIN_PACKAGER,
    'Install the npm package shaka-packager (npm i shaka-packager).',
  );
  const { stdout } = await runTool(ffmpeg.bin, ['-hide_banner', '-encoders'], { captureStdout: true });
  if (!/\blibx264\b/.test(stdout)) {
    throw new MediaError('MEDIA_TOOL_MISSING', `ffmpeg at ${ffmpeg.bin} has no libx264 encoder. ${ffmpegHelp}`, {
      tool: 'ffmpeg',
    });
  }
  return {
    ffmpeg: ffmpeg.bin,
    ffprobe: ffprobe.bin,
    packager: packager.bin,
    versions: { ffmpeg: ffmpeg.version, packager: packager.version },
  };
}
