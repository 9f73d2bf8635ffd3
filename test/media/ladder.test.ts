import { describe, expect, it } from 'vitest';
import { sampleSize, sampleWindows, scoreComplexity } from '../../src/media/analysis.js';
import { isMediaError } from '../../src/media/errors.js';
import { audioRenditions, buildLadder, chooseFrameRate, rungBitrate, rungSizes, DEFAULT_LADDER_OPTIONS } from '../../src/media/ladder.js';
import type { AudioStreamInfo, Complexity, MediaInfo } from '../../src/media/types.js';

function source(width: number, height: number, fps = { num: 30, den: 1 }, audio: AudioStreamInfo[] = []): MediaInfo {
  return {
    path: '/in/a.mp4',
    sizeBytes: 10_000_000,
    container: 'mov,mp4,m4a,3gp,3g2,mj2',
    durationSeconds: 60,
    video: { index: 0, codec: 'h264', width, height, frameRate: fps, pixFmt: 'yuv420p', frames: undefined, durationSeconds: 60 },
    audio,
    subtitles: [],
  };
}

const complexity = (factor: number): Complexity => ({
  bitsPerPixel: 0.1, factor, level: 'medium', sampledSeconds: 6, sampledFrames: 180, sampleWidth: 640, sampleHeight: 360,
});

describe('rung sizes', () => {
  it('climbs from 240p to the source size and never upscales', () => {
    expect(rungSizes(1280, 720, DEFAULT_LADDER_OPTIONS.heights)).toEqual([
      { name: '240p', width: 426, height: 240 },
      { name: '360p', width: 640, height: 360 },
      { name: '480p', width: 854, height: 480 },
      { name: '720p', width: 1280, height: 720 },
    ]);
    expect(rungSizes(3840, 2160, DEFAULT_LADDER_OPTIONS.heights).map((r) => r.name)).toEqual([
      '240p', '360p', '480p', '720p', '1080p', '1440p', '2160p',
    ]);
  });

  it('keeps an in-between source size on top, and a tiny source as the only rung', () => {
    expect(rungSizes(1920, 800, DEFAULT_LADDER_OPTIONS.heights).map((r) => `${r.width}x${r.height}`)).toEqual([
      '576x240', '864x360', '1152x480', '1728x720', '1920x800',
    ]);
    expect(rungSizes(320, 180, DEFAULT_LADDER_OPTIONS.heights)).toEqual([{ name: '180p', width: 320, height: 180 }]);
    // 730p is barely above 720p: no near-duplicate rung.
    expect(rungSizes(1298, 730, DEFAULT_LADDER_OPTIONS.heights).map((r) => r.name)).toEqual(['240p', '360p', '480p', '720p']);
  });

  it('sizes portrait video by its short side and keeps dimensions even', () => {
    expect(rungSizes(720, 1280, DEFAULT_LADDER_OPTIONS.heights).at(-1)).toEqual({ name: '720p', width: 720, height: 1280 });
    expect(rungSizes(333, 199, DEFAULT_LADDER_OPTIONS.heights)).toEqual([{ name: '199p', width: 332, height: 198 }]);
  });
});

describe('frame rate', () => {
  it('keeps standard rates, snaps near-standard ones and halves high ones', () => {
    expect(chooseFrameRate({ num: 30, den: 1 }, 60)).toEqual({ num: 30, den: 1 });
    expect(chooseFrameRate({ num: 30000, den: 1001 }, 60)).toEqual({ num: 30000, den: 1001 });
    expect(chooseFrameRate({ num: 8641, den: 288 }, 60)).toEqual({ num: 30, den: 1 });
    expect(chooseFrameRate({ num: 120, den: 1 }, 60)).toEqual({ num: 60, den: 1 });
    expect(chooseFrameRate({ num: 15, den: 1 }, 60)).toEqual({ num: 15, den: 1 });
  });
});

describe('per-title bitrates', () => {
  it('scales the reference model by complexity, pixels and frame rate', () => {
    expect(rungBitrate(1280 * 720, 30, 1, DEFAULT_LADDER_OPTIONS)).toBe(2_400_000);
    expect(rungBitrate(1280 * 720, 30, 0.5, DEFAULT_LADDER_OPTIONS)).toBe(1_200_000);
    expect(rungBitrate(1920 * 1080, 30, 1, DEFAULT_LADDER_OPTIONS)).toBe(4_410_000);
    expect(rungBitrate(1280 * 720, 60, 1, DEFAULT_LADDER_OPTIONS)).toBe(3_390_000);
    expect(rungBitrate(426 * 240, 30, 0.01, DEFAULT_LADDER_OPTIONS)).toBe(DEFAULT_LADDER_OPTIONS.minVideoBitrate);
  });

  it('builds the whole ladder once: rungs, GOP, VBV and audio', () => {
    const audio: AudioStreamInfo[] = [
      { index: 1, codec: 'ac3', channels: 6, sampleRate: 48000, language: 'eng', title: undefined, isDefault: false },
      { index: 2, codec: 'aac', channels: 1, sampleRate: 44100, language: 'fra', title: undefined, isDefault: true },
    ];
    const ladder = buildLadder(source(1280, 720, { num: 25, den: 1 }, audio), complexity(1), { segmentSeconds: 2 });
    expect(ladder.segmentSeconds).toBe(2);
    expect(ladder.gop).toBe(50);
    expect(ladder.video.map((r) => r.bitrate)).toEqual([420_000, 770_000, 1_190_000, 2_190_000]);
    expect(ladder.video[3]).toMatchObject({ maxrate: 3_285_000, bufsize: 4_380_000 });
    expect(ladder.audio).toEqual([
      { sourceIndex: 1, language: 'eng', label: 'English', name: 'eng', bitrate: 128_000, channels: 2, sampleRate: 48_000, isDefault: false },
      { sourceIndex: 2, language: 'fra', label: 'French', name: 'fra', bitrate: 64_000, channels: 1, sampleRate: 48_000, isDefault: true },
    ]);
  });

  it('gives simple content fewer bits than complex content', () => {
    const simple = buildLadder(source(1280, 720), scoreComplexity(25_000, 180, 640, 360, 6));
    const complex = buildLadder(source(1280, 720), scoreComplexity(70_000_000, 180, 640, 360, 6));
    expect(simple.complexity.level).toBe('low');
    expect(complex.complexity.level).toBe('high');
    simple.video.forEach((rung, i) => expect(rung.bitrate).toBeLessThan(complex.video[i]?.bitrate ?? 0));
  });

  it('rejects segment lengths outside 2..4 s', () => {
    for (const segmentSeconds of [1, 5, Number.NaN]) {
      try {
        buildLadder(source(640, 360), complexity(1), { segmentSeconds });
        expect.unreachable();
      } catch (err) {
        expect(isMediaError(err, 'MEDIA_BAD_OPTIONS')).toBe(true);
      }
    }
  });

  it('names duplicate audio languages apart and labels untagged ones', () => {
    const t = (index: number, language: string, title?: string): AudioStreamInfo => ({
      index, codec: 'aac', channels: 2, sampleRate: 48000, language, title, isDefault: false,
    });
    const out = audioRenditions([t(1, 'eng'), t(2, 'eng', 'Commentary'), t(3, 'und')], 64_000);
    expect(out.map((a) => [a.name, a.label, a.isDefault])).toEqual([
      ['eng', 'English', true],
      ['eng-2', 'Commentary 2', false],
      ['und', 'Unknown', false],
    ]);
  });
});

describe('complexity score', () => {
  it('maps bits per pixel to a bounded factor and a level', () => {
    const px = 640 * 360 * 180;
    expect(scoreComplexity(0.1 * px, 180, 640, 360, 6)).toMatchObject({ bitsPerPixel: 0.1, factor: 1, level: 'medium' });
    expect(scoreComplexity(0.001 * px, 180, 640, 360, 6)).toMatchObject({ factor: 0.2, level: 'low' });
    expect(scoreComplexity(3 * px, 180, 640, 360, 6)).toMatchObject({ factor: 1.75, level: 'high' });
  });

  it('samples evenly spread windows, or the whole of a short title', () => {
    expect(sampleWindows(30, 3, 2)).toEqual([
      { start: 4, duration: 2 },
      { start: 14, duration: 2 },
      { start: 24, duration: 2 },
    ]);
    expect(sampleWindows(5, 3, 2)).toEqual([{ start: 0, duration: 5 }]);
  });

  it('samples at a fixed short side, never upscaled', () => {
    expect(sampleSize(1920, 1080, 360)).toEqual({ width: 640, height: 360 });
    expect(sampleSize(320, 180, 360)).toEqual({ width: 320, height: 180 });
    expect(sampleSize(1080, 1920, 360)).toEqual({ width: 360, height: 640 });
  });
});
