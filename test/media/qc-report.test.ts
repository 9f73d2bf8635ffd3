import { describe, expect, it } from 'vitest';
import {
  evaluateQc,
  parseKeyframes,
  parseMediaPlaylist,
  summarisePsnrStats,
  summariseSsimStats,
  type RenditionMeasurement,
} from '../../src/media/qc-report.js';

const context = { sourceDurationSeconds: 10, segmentSeconds: 4, frameSeconds: 1 / 25 };

function rung(name: string, overrides: Partial<RenditionMeasurement> = {}): RenditionMeasurement {
  return {
    kind: 'video',
    name,
    segmentDurations: [4, 4, 2],
    decodedSeconds: 10,
    decodeError: null,
    keyframes: [0, 4, 8],
    psnr: { y: 40, average: 38, min: 35 },
    ssim: 0.98,
    ...overrides,
  };
}

const audio: RenditionMeasurement = {
  kind: 'audio',
  name: 'audio/eng',
  segmentDurations: [4.011, 3.989, 2.02],
  decodedSeconds: 10.02,
  decodeError: null,
};

describe('evaluateQc', () => {
  it('passes a clean title', () => {
    const report = evaluateQc([rung('video/240p'), rung('video/360p'), audio], context);
    expect(report).toMatchObject({ passed: true, failures: [], keyframesAligned: true });
  });

  it('tolerates a constant timestamp offset shared by all rungs (B-frame delay)', () => {
    const shifted = { keyframes: [0.08, 4.08, 8.08] };
    expect(evaluateQc([rung('video/240p', shifted), rung('video/360p', shifted)], context).passed).toBe(true);
  });

  it('fails misaligned keyframes and segmentation, and says which rung', () => {
    const report = evaluateQc(
      [rung('video/240p'), rung('video/360p', { keyframes: [0, 4.5, 8], segmentDurations: [4.5, 3.5, 2] })],
      context,
    );
    expect(report.passed).toBe(false);
    expect(report.keyframesAligned).toBe(false);
    expect(report.failures).toEqual([
      'video/360p segment 1 lasts 4.500 s, target 4 s ± 0.25 s',
      'video/360p segment 2 lasts 3.500 s, target 4 s ± 0.25 s',
      'video/360p is cut into different segments than video/240p',
      'video/360p keyframes are not aligned with video/240p',
    ]);
  });

  it('fails a segment that does not start on a keyframe', () => {
    const report = evaluateQc([rung('video/240p', { keyframes: [0, 8] })], context);
    expect(report.failures).toEqual(['video/240p segment 2 does not start with a keyframe (at 4.000 s)']);
  });

  it('fails undecodable, truncated and garbage renditions', () => {
    const report = evaluateQc(
      [
        rung('video/240p', { decodeError: 'Invalid data found when processing input', psnr: null, ssim: null }),
        rung('video/360p', { decodedSeconds: 6 }),
        rung('video/480p', { psnr: { y: 12, average: 11, min: 9 }, ssim: 0.3 }),
        { ...audio, segmentDurations: [] },
      ],
      context,
    );
    expect(report.failures).toEqual([
      'video/240p does not decode: Invalid data found when processing input',
      'video/360p decodes to 6.00 s, source is 10.00 s',
      'video/480p PSNR 11.00 dB is below 20 dB',
      'video/480p SSIM 0.3000 is below 0.5',
      'audio/eng has no segments',
    ]);
  });

  it('fails a title without video', () => {
    expect(evaluateQc([audio], context).failures).toEqual(['No video rendition was packaged']);
  });
});

describe('QC parsers', () => {
  it('summarises psnr stats like ffmpeg: PSNR of the mean MSE, worst frame, frame count', () => {
    const stats = [
      'n:1 mse_avg:10.00 mse_y:5.00 mse_u:20.00 mse_v:20.00 psnr_avg:38.13 psnr_y:41.14 psnr_u:35.1 psnr_v:35.1 ',
      'n:2 mse_avg:30.00 mse_y:15.00 mse_u:60.00 mse_v:60.00 psnr_avg:33.36 psnr_y:36.37 psnr_u:30.3 psnr_v:30.3 ',
      '',
    ].join('\n');
    expect(summarisePsnrStats(stats)).toEqual({ frames: 2, psnr: { y: 38.131, average: 35.121, min: 33.36 } });
    expect(summarisePsnrStats('n:1 mse_avg:0.00 mse_y:0.00 psnr_avg:inf psnr_y:inf')?.psnr.average).toBe(100);
    expect(summarisePsnrStats('')).toBeNull();
  });

  it('averages ssim stats', () => {
    const stats = 'n:1 Y:0.99 U:0.98 V:0.98 All:0.985 (18.2)\nn:2 Y:0.97 U:0.96 V:0.96 All:0.965 (14.5)\n';
    expect(summariseSsimStats(stats)).toEqual({ ssim: 0.975, frames: 2 });
  });

  it('reads init and media segments with durations from an HLS media playlist', () => {
    const playlist = [
      '#EXTM3U', '#EXT-X-VERSION:6', '#EXT-X-TARGETDURATION:4', '#EXT-X-PLAYLIST-TYPE:VOD',
      '#EXT-X-MAP:URI="init.mp4"', '#EXT-X-KEY:METHOD=SAMPLE-AES-CTR,URI="data:text/plain;base64,AA==",KEYFORMAT="identity"',
      '#EXTINF:4.000,', 'seg_1.m4s', '#EXTINF:1.960,', 'seg_2.m4s', '#EXT-X-ENDLIST', '',
    ].join('\n');
    expect(parseMediaPlaylist(playlist)).toEqual({
      init: 'init.mp4',
      segments: [
        { uri: 'seg_1.m4s', duration: 4 },
        { uri: 'seg_2.m4s', duration: 1.96 },
      ],
    });
  });

  it('keeps keyframes from ffprobe packet csv, sorted', () => {
    expect(parseKeyframes('0.000000,K_,\n\n0.066667,__,\n4.000000,K_,\nN/A,K_\n2.000000,__\n')).toEqual([0, 4]);
  });
});
