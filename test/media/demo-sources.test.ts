import { describe, expect, it } from 'vitest';
import { DEMO_SOURCES, demoSourceArgs, demoSubtitles, videoSource, type DemoSourceSpec } from '../../src/media/demo-sources.js';

const twoLanguages: DemoSourceSpec = {
  name: 'pattern', look: 'testsrc2', seconds: 4, width: 320, height: 180,
  audio: [{ language: 'eng', frequencyHz: 440 }, { language: 'spa', frequencyHz: 523 }], subtitles: ['spa'],
};

describe('demo sources', () => {
  it('builds one ffmpeg run with a video, every audio language and the subtitle tracks, tagged', () => {
    expect(demoSourceArgs(twoLanguages, ['/d/pattern.spa.srt'], '/d/pattern.mp4')).toEqual([
      '-nostdin', '-hide_banner', '-v', 'error', '-y',
      '-f', 'lavfi', '-i', 'testsrc2=size=320x180:rate=25:duration=4',
      '-f', 'lavfi', '-i', 'sine=frequency=440:sample_rate=48000:duration=4',
      '-f', 'lavfi', '-i', 'sine=frequency=523:sample_rate=48000:duration=4',
      '-i', '/d/pattern.spa.srt',
      '-map', '0:v', '-map', '1:a', '-map', '2:a', '-map', '3:s',
      '-c:v', 'libx264', '-preset', 'veryfast', '-crf', '16', '-pix_fmt', 'yuv420p', '-g', '50',
      '-c:a', 'aac', '-b:a', '128k', '-ac', '2', '-c:s', 'mov_text',
      '-metadata:s:a:0', 'language=eng', '-metadata:s:a:1', 'language=spa', '-metadata:s:s:0', 'language=spa',
      '-t', '4', '-movflags', '+faststart', '/d/pattern.mp4',
    ]);
  });

  it('bounds every endless lavfi source by the clip length', () => {
    for (const spec of DEMO_SOURCES) expect(videoSource(spec)).toMatch(/duration=\d+/);
  });

  it('covers easy and busy looks, two-language audio and subtitles', () => {
    expect(new Set(DEMO_SOURCES.map((s) => s.look)).size).toBeGreaterThanOrEqual(4);
    expect(DEMO_SOURCES.some((s) => s.audio.length > 1)).toBe(true);
    expect(DEMO_SOURCES.some((s) => s.subtitles.length > 0)).toBe(true);
  });

  it('writes SRT cues every two seconds within the clip', () => {
    expect(demoSubtitles('fra', 4)).toBe('1\n00:00:00,200 --> 00:00:01,800\nScène 1\n\n2\n00:00:02,200 --> 00:00:03,800\nScène 2\n');
  });
});
