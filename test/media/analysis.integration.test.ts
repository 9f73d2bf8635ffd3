import { existsSync } from 'node:fs';
import { readdir } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { analyseComplexity } from '../../src/media/analysis.js';
import { buildLadder } from '../../src/media/ladder.js';
import { probeMedia } from '../../src/media/probe.js';
import { bundledPackagerPath, type MediaTools } from '../../src/media/tools.js';
import { ffmpeg, hasFfmpeg, mediaTools, QUICK_H264, tempDir } from './helpers.js';

describe.skipIf(!hasFfmpeg)('per-title analysis on generated sources (needs ffmpeg)', () => {
  let dir: string;
  let remove: () => Promise<void>;
  let tools: MediaTools;

  beforeAll(async () => {
    ({ dir, remove } = await tempDir('analysis'));
    tools = await mediaTools();
    // A flat slate with one small box drifting across it: almost nothing to encode.
    await ffmpeg([
      '-f', 'lavfi', '-i', "color=c=0x336699:s=640x360:r=25:d=5,drawbox=x='mod(t*20,600)':y=150:w=40:h=40:color=white:t=fill",
      ...QUICK_H264, path.join(dir, 'flat.mp4'),
    ]);
    // Moving test pattern under heavy temporal noise: every pixel changes every frame.
    await ffmpeg([
      '-f', 'lavfi', '-i', 'testsrc2=s=640x360:r=25:d=5,noise=alls=40:allf=t+u',
      ...QUICK_H264, path.join(dir, 'noisy.mp4'),
    ]);
  }, 120_000);

  afterAll(async () => {
    await remove?.();
  });

  it('finds the located tools, the packager inside the shaka-packager package', () => {
    expect(tools.packager).toBe(bundledPackagerPath());
    expect(tools.versions.ffmpeg).toMatch(/^ffmpeg version/);
    expect(tools.versions.packager).toMatch(/^packager version v3/);
  });

  it('gives the simple title a cheaper ladder than the complex one, rung for rung', async () => {
    const ladders = [];
    for (const name of ['flat', 'noisy']) {
      const media = await probeMedia(path.join(dir, `${name}.mp4`), tools);
      const complexity = await analyseComplexity(media, tools, dir);
      expect(complexity.sampledFrames).toBe(125);
      expect(complexity.sampledSeconds).toBe(5);
      ladders.push(buildLadder(media, complexity));
    }
    const [flat, noisy] = ladders;
    if (!flat || !noisy) throw new Error('no ladders');
    expect(flat.complexity.level).toBe('low');
    expect(noisy.complexity.level).toBe('high');
    expect(noisy.complexity.bitsPerPixel).toBeGreaterThan(flat.complexity.bitsPerPixel * 50);
    // Same sizes (the sources are the same size), different spend.
    expect(flat.video.map((r) => r.name)).toEqual(['240p', '360p']);
    expect(noisy.video.map((r) => r.name)).toEqual(['240p', '360p']);
    flat.video.forEach((rung, i) => expect(rung.bitrate * 3).toBeLessThan(noisy.video[i]?.bitrate ?? 0));
    // The probe encode's scratch file is gone.
    expect((await readdir(dir)).filter((f) => f.endsWith('.h264'))).toEqual([]);
    expect(existsSync(path.join(dir, 'complexity-probe.h264'))).toBe(false);
  });
});
