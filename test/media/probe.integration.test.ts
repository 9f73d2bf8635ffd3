import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MediaError, type MediaErrorCode } from '../../src/media/errors.js';
import { probeMedia } from '../../src/media/probe.js';
import type { MediaTools } from '../../src/media/tools.js';
import { ffmpeg, hasFfmpeg, makeClip, mediaTools, patchMvhdDuration, QUICK_H264, tempDir } from './helpers.js';

/** Deterministic garbage, so a failure reproduces byte for byte. */
function garble(buf: Buffer, from: number, to: number): Buffer {
  const out = Buffer.from(buf);
  let x = 0x2545f491;
  for (let i = Math.floor(buf.length * from); i < Math.floor(buf.length * to); i++) {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    out[i] = x & 0xff;
  }
  return out;
}

describe.skipIf(!hasFfmpeg)('probeMedia on real files (needs ffmpeg)', () => {
  let dir: string;
  let remove: () => Promise<void>;
  let tools: MediaTools;
  let clip: string;

  const file = (name: string): string => path.join(dir, name);

  async function rejection(filePath: string): Promise<{ code: MediaErrorCode; message: string }> {
    try {
      await probeMedia(filePath, tools);
    } catch (err) {
      if (err instanceof MediaError) return { code: err.code, message: err.message };
      throw err;
    }
    throw new Error(`${filePath} was accepted`);
  }

  beforeAll(async () => {
    ({ dir, remove } = await tempDir('probe'));
    tools = await mediaTools();
    clip = file('clip.mp4');
    await makeClip(clip, 4);
    const bytes = await readFile(clip);
    // moov is at the end of a plain ffmpeg MP4: cutting the tail loses the index.
    await writeFile(file('truncated.mp4'), bytes.subarray(0, Math.floor(bytes.length * 0.6)));
    await writeFile(file('garbled.mp4'), garble(bytes, 0.4, 0.6));
    await writeFile(file('ten-hours.mp4'), patchMvhdDuration(bytes, 36_000));
    await writeFile(file('notes.mp4'), 'Shopping list\n- milk\n- eggs\n'.repeat(20));
    await writeFile(file('zero.mp4'), '');
    // Index first (faststart), then cut: opens fine, but the media data stops early.
    await ffmpeg(['-f', 'lavfi', '-i', 'testsrc2=size=320x180:rate=25:duration=4', ...QUICK_H264, '-movflags', '+faststart', file('fs.mp4')]);
    const fs = await readFile(file('fs.mp4'));
    await writeFile(file('cut-faststart.mp4'), fs.subarray(0, Math.floor(fs.length * 0.5)));
    await ffmpeg(['-f', 'lavfi', '-i', 'sine=duration=4', '-c:a', 'aac', file('audio-only.m4a')]);
    await ffmpeg(['-f', 'lavfi', '-i', 'testsrc2=size=320x180', '-frames:v', '1', file('still.png')]);
    await writeFile(file('still-renamed.mp4'), await readFile(file('still.png')));
  }, 120_000);

  afterAll(async () => {
    await remove?.();
  });

  it('accepts a real clip and describes it', async () => {
    const info = await probeMedia(clip, tools);
    expect(info.video).toMatchObject({ codec: 'h264', width: 320, height: 180, frameRate: { num: 25, den: 1 }, frames: 100 });
    expect(info.durationSeconds).toBeCloseTo(4, 1);
    expect(info.audio).toHaveLength(1);
    expect(info.audio[0]).toMatchObject({ codec: 'aac', channels: 1 });
  });

  it('rejects a truncated MP4 as corrupt', async () => {
    expect(await rejection(file('truncated.mp4'))).toEqual({
      code: 'MEDIA_CORRUPT',
      message: 'The file looks like media but cannot be read: moov atom not found; Invalid data found when processing input',
    });
  });

  it('rejects an MP4 whose index is intact but whose data stops halfway', async () => {
    expect(await rejection(file('cut-faststart.mp4'))).toMatchObject({
      code: 'MEDIA_CORRUPT',
      message: expect.stringMatching(/^The video stream has damaged data: .*(partial file|Invalid NAL unit size)/),
    });
  });

  it('rejects an MP4 with garbage in the middle of its stream', async () => {
    expect(await rejection(file('garbled.mp4'))).toMatchObject({
      code: 'MEDIA_CORRUPT',
      message: expect.stringMatching(/^The video stream has damaged data/),
    });
  });

  it('rejects a text file named .mp4 as not media', async () => {
    expect(await rejection(file('notes.mp4'))).toMatchObject({
      code: 'MEDIA_NOT_VIDEO',
      message: expect.stringMatching(/^The file is not a media file ffmpeg can read/),
    });
  });

  it('rejects a zero-length file as empty', async () => {
    expect(await rejection(file('zero.mp4'))).toEqual({ code: 'MEDIA_EMPTY', message: 'The file is empty (0 bytes)' });
  });

  it('rejects a tiny file whose header declares 10 hours', async () => {
    const { size } = await import('node:fs/promises').then((fs) => fs.stat(file('ten-hours.mp4')));
    expect(size).toBeLessThan(500_000);
    expect(await rejection(file('ten-hours.mp4'))).toMatchObject({
      code: 'MEDIA_DURATION_IMPLAUSIBLE',
      message: expect.stringMatching(/^The file declares 10\.0 h but holds only \d+ bytes/),
    });
  });

  it('rejects audio without video, and a still picture', async () => {
    expect(await rejection(file('audio-only.m4a'))).toEqual({
      code: 'MEDIA_NOT_VIDEO',
      message: 'The file has no video stream (only audio streams)',
    });
    expect((await rejection(file('still-renamed.mp4'))).code).toBe('MEDIA_NOT_VIDEO');
  });

  it('rejects a missing path', async () => {
    expect((await rejection(file('nope.mp4'))).code).toBe('MEDIA_NOT_VIDEO');
  });
});
