import { existsSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { Parser } from 'm3u8-parser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MediaError } from '../../src/media/errors.js';
import { processSource } from '../../src/media/pipeline.js';
import type { MediaTools } from '../../src/media/tools.js';
import { ffmpeg, hasFfmpeg, makeClip, mediaTools, QUICK_H264, tempDir } from './helpers.js';

describe.skipIf(!hasFfmpeg)('processSource on small sources (needs ffmpeg)', () => {
  let dir: string;
  let remove: () => Promise<void>;
  let tools: MediaTools;
  let clip: string;

  beforeAll(async () => {
    ({ dir, remove } = await tempDir('pipeline-fail'));
    tools = await mediaTools();
    clip = path.join(dir, 'clip.mp4');
    await makeClip(clip, 6, '320x180');
  }, 60_000);

  afterAll(async () => {
    await remove?.();
  });

  async function failure(run: Promise<unknown>): Promise<MediaError> {
    try {
      await run;
    } catch (err) {
      if (err instanceof MediaError) return err;
      throw err;
    }
    throw new Error('expected processSource to fail');
  }

  it('stops when cancelled during encoding and cleans its scratch files', async () => {
    const controller = new AbortController();
    const work = path.join(dir, 'cancelled');
    const err = await failure(
      processSource(clip, work, { tools, signal: controller.signal }, (p) => {
        if (p.stage === 'encoding') controller.abort();
      }),
    );
    expect(err.code).toBe('MEDIA_CANCELLED');
    expect(existsSync(path.join(work, 'intermediate'))).toBe(false);
  }, 60_000);

  it('refuses to publish a title that fails QC, and says why', async () => {
    const work = path.join(dir, 'qc');
    const err = await failure(processSource(clip, work, { tools, segmentSeconds: 2, qc: { minPsnr: 99 } }));
    expect(err.code).toBe('MEDIA_QC_FAILED');
    expect(err.message).toMatch(/^The title failed quality control: video\/180p PSNR \d+\.\d+ dB is below 99 dB$/);
    expect(err.details).toMatchObject({ passed: false, segmentSeconds: 2 });
    const written = JSON.parse(await readFile(path.join(work, 'output', 'qc.json'), 'utf8')) as { qc: { passed: boolean } };
    expect(written.qc.passed).toBe(false);
  }, 120_000);

  it('packages a silent, untagged source on 2 s segments, and a retry replaces the first attempt', async () => {
    const silent = path.join(dir, 'silent.mp4');
    await ffmpeg(['-f', 'lavfi', '-i', 'testsrc2=size=256x144:rate=24:duration=5', ...QUICK_H264, silent]);
    const work = path.join(dir, 'silent');
    await processSource(silent, work, { tools, segmentSeconds: 2 });
    await writeFile(path.join(work, 'output', 'stale.txt'), 'from a crashed attempt');
    const title = await processSource(silent, work, { tools, segmentSeconds: 2 });
    expect(title.ladder.video.map((r) => r.name)).toEqual(['144p']);
    expect(title.ladder.audio).toEqual([]);
    expect(title.qc.passed).toBe(true);
    expect(title.qc.renditions.map((r) => r.segmentDurations)).toEqual([[2, 2, 1]]);
    const parser = new Parser();
    parser.push(await readFile(path.join(title.outputDir, title.manifests.hls), 'utf8'));
    parser.end();
    const master = parser.manifest;
    expect(master.playlists?.map((p) => [p.attributes.CODECS, p.attributes.AUDIO])).toEqual([[expect.stringMatching(/^avc1\.64/), undefined]]);
    expect(existsSync(path.join(work, 'output', 'stale.txt'))).toBe(false);
  }, 120_000);

  it('rejects a bad source before doing any work', async () => {
    const text = path.join(dir, 'readme.mp4');
    await writeFile(text, 'not a video at all\n');
    const err = await failure(processSource(text, path.join(dir, 'bad'), { tools }));
    expect(err.code).toBe('MEDIA_NOT_VIDEO');
    expect(existsSync(path.join(dir, 'bad'))).toBe(false);
  });
});
