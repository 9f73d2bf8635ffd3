import { randomBytes } from 'node:crypto';
import { mkdir } from 'node:fs/promises';
import { packagerArgs, type PackagePlan, type PackageStream } from './packager-args.js';
import { runTool } from './runner.js';
import type { MediaTools } from './tools.js';
import type { SubtitleTrack, Renditions } from './transcode.js';
import type { ContentKey, Ladder } from './types.js';

/** Manifest file names at the root of the output directory, next to the segment directories. */
export const MANIFESTS = { hls: 'master.m3u8', dash: 'manifest.mpd' } as const;

/** A fresh per-title content key and key id (16 random bytes each, hex). */
export function generateContentKey(): ContentKey {
  return { keyId: randomBytes(16).toString('hex'), key: randomBytes(16).toString('hex') };
}

/** Output directory of each stream, relative to the title's output root. */
export function streamDirs(renditions: Renditions, subtitles: readonly SubtitleTrack[]): PackageStream[] {
  return [
    ...renditions.video.map(({ rung, path }): PackageStream => ({ input: path, kind: 'video', dir: `video/${rung.name}` })),
    ...renditions.audio.map(
      ({ rendition: a, path }): PackageStream => ({
        input: path,
        kind: 'audio',
        dir: `audio/${a.name}`,
        language: a.language,
        label: a.label,
      }),
    ),
    ...subtitles.map(
      (t): PackageStream => ({ input: t.path, kind: 'text', dir: `subs/${t.name}`, language: t.language, label: t.label }),
    ),
  ];
}

/** The packaging plan for a title: pure, so the exact packager command can be tested. */
export function planPackage(
  ladder: Ladder,
  renditions: Renditions,
  subtitles: readonly SubtitleTrack[],
  key: ContentKey | null,
): PackagePlan {
  return {
    streams: streamDirs(renditions, subtitles),
    segmentSeconds: ladder.segmentSeconds,
    encryption: key,
    defaultLanguage: ladder.audio.find((a) => a.isDefault && a.language !== 'und')?.language,
    hlsMaster: MANIFESTS.hls,
    dashManifest: MANIFESTS.dash,
  };
}

/**
 * Packages the renditions once into CMAF segments under `outputDir`, described by both an HLS multivariant
 * playlist and a static DASH MPD. The key goes to the packager's argv only, never into a file.
 */
export async function packageTitle(
  plan: PackagePlan,
  outputDir: string,
  options: { tools: MediaTools; signal?: AbortSignal },
): Promise<{ hls: string; dash: string }> {
  await mkdir(outputDir, { recursive: true });
  await runTool(options.tools.packager, packagerArgs(plan), { cwd: outputDir, signal: options.signal });
  return { hls: plan.hlsMaster, dash: plan.dashManifest };
}
