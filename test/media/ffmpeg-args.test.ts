import { describe, expect, it } from 'vitest';
import {
  complexityProbeArgs,
  kbps,
  posterArgs,
  subtitleArgs,
  transcodeArgs,
  trickplayArgs,
  type TranscodePlan,
} from '../../src/media/ffmpeg-args.js';
import { decodeCheckArgs, ffprobeArgs, fmt, keyframeProbeArgs } from '../../src/media/ffprobe-args.js';
import { decodePackagedArgs, qualityArgs } from '../../src/media/qc-args.js';
import { planTrickplay } from '../../src/media/trickplay.js';
import { planTranscode } from '../../src/media/transcode.js';
import type { Ladder, MediaInfo } from '../../src/media/types.js';

const BASE = ['-nostdin', '-hide_banner', '-y', '-v', 'error', '-nostats'];

const media: MediaInfo = {
  path: '/in/src.mp4',
  sizeBytes: 1_000_000,
  container: 'mov,mp4,m4a,3gp,3g2,mj2',
  durationSeconds: 30,
  video: { index: 0, codec: 'h264', width: 1280, height: 720, frameRate: { num: 30, den: 1 }, pixFmt: 'yuv420p', frames: 900, durationSeconds: 30 },
  audio: [],
  subtitles: [],
};

const ladder: Ladder = {
  segmentSeconds: 4,
  frameRate: { num: 30, den: 1 },
  gop: 120,
  complexity: { bitsPerPixel: 0.05, factor: 0.65, level: 'medium', sampledSeconds: 6, sampledFrames: 180, sampleWidth: 640, sampleHeight: 360 },
  video: [
    { name: '240p', width: 426, height: 240, bitrate: 300_000, maxrate: 450_000, bufsize: 600_000 },
    { name: '720p', width: 1280, height: 720, bitrate: 1_560_000, maxrate: 2_340_000, bufsize: 3_120_000 },
  ],
  audio: [
    { sourceIndex: 1, language: 'eng', label: 'English', name: 'eng', bitrate: 128_000, channels: 2, sampleRate: 48_000, isDefault: true },
  ],
};

describe('ffprobe and decode-check builders', () => {
  it('probes format and streams as JSON', () => {
    expect(ffprobeArgs('/in/a.mp4')).toEqual([
      '-v', 'error', '-hide_banner', '-show_format', '-show_streams', '-of', 'json', '/in/a.mp4',
    ]);
  });

  it('decodes sampled windows of the video stream into one null output', () => {
    expect(decodeCheckArgs('/in/a.mp4', 0, [{ start: 0, duration: 1 }, { start: 14.5, duration: 1 }])).toEqual([
      '-nostdin', '-hide_banner', '-v', 'error', '-nostats',
      '-ss', '0', '-t', '1', '-i', '/in/a.mp4',
      '-ss', '14.5', '-t', '1', '-i', '/in/a.mp4',
      '-filter_complex', '[0:0]setpts=PTS-STARTPTS[w0];[1:0]setpts=PTS-STARTPTS[w1];[w0][w1]concat=n=2:v=1:a=0[out]',
      '-map', '[out]', '-f', 'null', '-', '-progress', 'pipe:1',
    ]);
  });

  it('lists packet flags of a packaged file without seeking', () => {
    expect(keyframeProbeArgs('/q/v.mp4')).toEqual([
      '-v', 'error', '-hide_banner', '-seekable', '0', '-select_streams', 'v:0',
      '-show_entries', 'packet=pts_time,flags', '-of', 'csv=p=0', '/q/v.mp4',
    ]);
  });

  it('decrypts every packet while listing them when given the key', () => {
    expect(keyframeProbeArgs('/q/v.mp4', 'ab')).toEqual([
      '-v', 'error', '-hide_banner', '-seekable', '0', '-decryption_key', 'ab', '-select_streams', 'v:0',
      '-show_entries', 'packet=pts_time,flags', '-of', 'csv=p=0', '/q/v.mp4',
    ]);
  });

  it('formats seconds without float noise', () => {
    expect([fmt(0), fmt(1.5), fmt(0.1 + 0.2), fmt(28.5000001)]).toEqual(['0', '1.5', '0.3', '28.5']);
    expect(kbps(1_560_000)).toBe('1560k');
  });
});

describe('complexity probe encode', () => {
  it('concatenates the windows at the sample size and encodes at constant quality to raw H.264', () => {
    const args = complexityProbeArgs({
      input: '/in/a.mp4',
      videoIndex: 0,
      windows: [{ start: 4, duration: 2 }, { start: 24, duration: 2 }],
      width: 640,
      height: 360,
      frameRate: { num: 30000, den: 1001 },
      crf: 23,
      preset: 'veryfast',
      output: '/w/probe.h264',
    });
    const prep = 'fps=30000/1001,scale=640:360,setsar=1,format=yuv420p';
    expect(args).toEqual([
      ...BASE,
      '-ss', '4', '-t', '2', '-i', '/in/a.mp4',
      '-ss', '24', '-t', '2', '-i', '/in/a.mp4',
      '-filter_complex',
      `[0:0]setpts=PTS-STARTPTS,${prep}[w0];[1:0]setpts=PTS-STARTPTS,${prep}[w1];[w0][w1]concat=n=2:v=1:a=0[out]`,
      '-map', '[out]', '-c:v', 'libx264', '-preset', 'veryfast', '-crf', '23',
      '-f', 'h264', '/w/probe.h264', '-progress', 'pipe:1',
    ]);
  });
});

describe('transcode', () => {
  const plan: TranscodePlan = planTranscode(media, ladder, '/w', 'veryfast');

  it('plans one output file per rung and per audio rendition', () => {
    expect(plan.video.map((v) => v.output)).toEqual(['/w/video_240p.mp4', '/w/video_720p.mp4']);
    expect(plan.audio.map((a) => a.output)).toEqual(['/w/audio_eng.mp4']);
  });

  it('decodes once, splits to every rung, forces aligned closed GOPs and keeps each audio language', () => {
    const x264 = (b: string, max: string, buf: string): string[] => [
      '-an', '-sn', '-dn', '-map_metadata', '-1', '-map_chapters', '-1',
      '-c:v', 'libx264', '-preset', 'veryfast', '-profile:v', 'high',
      '-b:v', b, '-maxrate', max, '-bufsize', buf,
      '-g', '120', '-keyint_min', '120', '-sc_threshold', '0', '-flags', '+cgop',
      '-force_key_frames', 'expr:gte(t,n_forced*4)',
    ];
    expect(transcodeArgs(plan)).toEqual([
      ...BASE, '-i', '/in/src.mp4',
      '-filter_complex',
      '[0:0]fps=30/1,format=yuv420p,split=2[s0][s1];' +
        '[s0]scale=426:240:flags=bicubic,setsar=1[v0];[s1]scale=1280:720:flags=bicubic,setsar=1[v1]',
      '-map', '[v0]', ...x264('300k', '450k', '600k'), '/w/video_240p.mp4',
      '-map', '[v1]', ...x264('1560k', '2340k', '3120k'), '/w/video_720p.mp4',
      '-map', '0:1', '-vn', '-sn', '-dn', '-map_metadata', '-1', '-map_chapters', '-1',
      '-af', 'apad=whole_dur=30', '-t', '30', '-c:a', 'aac', '-profile:a', 'aac_low', '-b:a', '128k', '-ac', '2', '-ar', '48000',
      '-metadata:s:a:0', 'language=eng', '/w/audio_eng.mp4',
      '-progress', 'pipe:1',
    ]);
  });

  it('cuts trickplay sheets and the poster from the same decode as extra outputs', () => {
    const thumbnails = planTrickplay(media, ladder.frameRate, '/o').outputs;
    const args = transcodeArgs(planTranscode(media, { ...ladder, audio: [] }, '/w', 'veryfast', thumbnails));
    expect(args[9]).toBe(
      '[0:0]fps=30/1,format=yuv420p,split=4[s0][s1][tp][pp];' +
        '[s0]scale=426:240:flags=bicubic,setsar=1[v0];[s1]scale=1280:720:flags=bicubic,setsar=1[v1];' +
        '[tp]fps=1/2,scale=160:90:flags=bilinear,setsar=1,tile=10x10[tiles];' +
        '[pp]trim=start_frame=90:end_frame=140,thumbnail=50,scale=1280:720:flags=bicubic,setsar=1[poster]',
    );
    expect(args.slice(args.indexOf('[tiles]') - 1)).toEqual([
      '-map', '[tiles]', '-fps_mode', 'vfr', '-q:v', '5', '-f', 'image2', '/o/trickplay/sprite_%d.jpg',
      '-map', '[poster]', '-frames:v', '1', '-q:v', '3', '-update', '1', '/o/poster.jpg',
      '-progress', 'pipe:1',
    ]);
  });

  it('needs no split filter for a single rung', () => {
    const one = planTranscode(media, { ...ladder, video: ladder.video.slice(0, 1), audio: [] }, '/w', 'medium');
    expect(transcodeArgs(one)[9]).toBe('[0:0]fps=30/1,format=yuv420p[s0];[s0]scale=426:240:flags=bicubic,setsar=1[v0]');
  });
});

describe('subtitles, trickplay and poster', () => {
  it('converts a source stream or a sidecar file to WebVTT', () => {
    expect(subtitleArgs({ kind: 'stream', input: '/in/a.mkv', streamIndex: 3 }, '/w/subs/eng.vtt')).toEqual([
      ...BASE, '-i', '/in/a.mkv', '-map', '0:3', '-c:s', 'webvtt', '-f', 'webvtt', '/w/subs/eng.vtt',
    ]);
    expect(subtitleArgs({ kind: 'sidecar', input: '/in/a.srt' }, '/w/subs/fra.vtt')).toEqual([
      ...BASE, '-i', '/in/a.srt', '-map', '0:s:0', '-c:s', 'webvtt', '-f', 'webvtt', '/w/subs/fra.vtt',
    ]);
  });

  it('tiles one frame every interval into sprite sheets', () => {
    const args = trickplayArgs({
      input: '/in/a.mp4', videoIndex: 0, intervalSeconds: 2, tileWidth: 160, tileHeight: 90,
      columns: 10, rows: 10, outputPattern: '/o/trickplay/sprite_%d.jpg',
    });
    expect(args).toEqual([
      ...BASE, '-i', '/in/a.mp4', '-map', '0:0',
      '-vf', 'fps=1/2,scale=160:90:flags=bilinear,setsar=1,tile=10x10',
      '-fps_mode', 'vfr', '-q:v', '5', '-f', 'image2', '/o/trickplay/sprite_%d.jpg', '-progress', 'pipe:1',
    ]);
  });

  it('picks a representative poster frame after the seek point', () => {
    expect(posterArgs('/in/a.mp4', 0, 3, 1280, 720, '/o/poster.jpg')).toEqual([
      ...BASE, '-ss', '3', '-i', '/in/a.mp4', '-map', '0:0',
      '-vf', 'thumbnail=50,scale=1280:720:flags=bicubic,setsar=1',
      '-frames:v', '1', '-q:v', '3', '-update', '1', '/o/poster.jpg',
    ]);
  });
});

describe('QC measurements', () => {
  it('compares every rung with the source on the same windows, cut to whole frames and renumbered', () => {
    const args = qualityArgs({
      source: '/in/src.mp4', sourceVideoIndex: 0, width: 1280, height: 720, frameRate: { num: 30, den: 1 },
      decryptionKey: 'ab'.repeat(16),
      windows: [{ start: 4, duration: 1, frames: 30 }, { start: 16, duration: 1, frames: 30 }],
      rungs: [
        { windowInputs: ['/q/w_0_0.mp4', '/q/w_0_1.mp4'], psnrLog: 'psnr_0.log', ssimLog: 'ssim_0.log' },
        { windowInputs: ['/q/w_1_0.mp4', '/q/w_1_1.mp4'], psnrLog: 'psnr_1.log', ssimLog: 'ssim_1.log' },
      ],
    });
    const up = 'setpts=N*1/30/TB,scale=1280:720:flags=bicubic,setsar=1,format=yuv420p';
    const key = ['-seekable', '0', '-decryption_key', 'ab'.repeat(16)];
    const cut = 'setpts=PTS-STARTPTS,trim=end_frame=30';
    expect(args).toEqual([
      '-nostdin', '-hide_banner', '-nostats', '-v', 'error', '-xerror',
      '-threads', '1', '-ss', '4', '-t', '1', '-i', '/in/src.mp4',
      '-threads', '1', '-ss', '16', '-t', '1', '-i', '/in/src.mp4',
      '-t', '1', '-threads', '1', ...key, '-i', '/q/w_0_0.mp4',
      '-t', '1', '-threads', '1', ...key, '-i', '/q/w_0_1.mp4',
      '-t', '1', '-threads', '1', ...key, '-i', '/q/w_1_0.mp4',
      '-t', '1', '-threads', '1', ...key, '-i', '/q/w_1_1.mp4',
      '-filter_complex',
      [
        `[0:0]fps=30/1,${cut}[s0]`,
        `[1:0]fps=30/1,${cut}[s1]`,
        `[s0][s1]concat=n=2:v=1:a=0,${up},split=4[ra0][rb0][ra1][rb1]`,
        `[2:v:0]${cut}[r0w0]`,
        `[3:v:0]${cut}[r0w1]`,
        `[r0w0][r0w1]concat=n=2:v=1:a=0,${up},split[da0][db0]`,
        '[da0][ra0]psnr=stats_file=psnr_0.log:shortest=1',
        '[db0][rb0]ssim=stats_file=ssim_0.log:shortest=1',
        `[4:v:0]${cut}[r1w0]`,
        `[5:v:0]${cut}[r1w1]`,
        `[r1w0][r1w1]concat=n=2:v=1:a=0,${up},split[da1][db1]`,
        '[da1][ra1]psnr=stats_file=psnr_1.log:shortest=1',
        '[db1][rb1]ssim=stats_file=ssim_1.log:shortest=1',
      ].join(';'),
      '-f', 'null', '-', '-progress', 'pipe:1',
    ]);
  });

  it('decodes one packaged rendition, with or without a key', () => {
    expect(decodePackagedArgs('/q/a.mp4', null)).toEqual([
      '-nostdin', '-hide_banner', '-nostats', '-v', 'error', '-xerror',
      '-threads', '1', '-seekable', '0', '-i', '/q/a.mp4', '-f', 'null', '-', '-progress', 'pipe:1',
    ]);
    expect(decodePackagedArgs('/q/a.mp4', 'k')).toContain('-decryption_key');
  });
});
