import { describe, expect, it } from 'vitest';
import { tileHeightFor, trickplayVtt } from '../../src/media/trickplay.js';

describe('trickplay index', () => {
  it('points each interval at its tile, moving to the next sheet when one is full', () => {
    const vtt = trickplayVtt(
      9,
      { intervalSeconds: 2, tileWidth: 160, tileHeight: 90, columns: 2, rows: 2 },
      (n) => `sprite_${n}.jpg`,
    );
    expect(vtt).toBe(
      [
        'WEBVTT',
        '',
        '00:00:00.000 --> 00:00:02.000',
        'sprite_1.jpg#xywh=0,0,160,90',
        '',
        '00:00:02.000 --> 00:00:04.000',
        'sprite_1.jpg#xywh=160,0,160,90',
        '',
        '00:00:04.000 --> 00:00:06.000',
        'sprite_1.jpg#xywh=0,90,160,90',
        '',
        '00:00:06.000 --> 00:00:08.000',
        'sprite_1.jpg#xywh=160,90,160,90',
        '',
        '00:00:08.000 --> 00:00:09.000',
        'sprite_2.jpg#xywh=0,0,160,90',
        '',
      ].join('\n'),
    );
  });

  it('writes hours and milliseconds, and no cue past the end', () => {
    const vtt = trickplayVtt(3725.5, { intervalSeconds: 2, tileWidth: 160, tileHeight: 90, columns: 10, rows: 10 }, (n) => `s${n}.jpg`);
    const cues = vtt.split('\n').filter((l) => l.includes('-->'));
    expect(cues).toHaveLength(1863);
    expect(cues.at(-1)).toBe('01:02:04.000 --> 01:02:05.500');
    expect(vtt).toContain('s19.jpg#xywh=0,0,160,90');
  });

  it('keeps the display aspect in the tile height, even', () => {
    expect(tileHeightFor(1280, 720, 160)).toBe(90);
    expect(tileHeightFor(1920, 800, 160)).toBe(66);
    expect(tileHeightFor(720, 1280, 160)).toBe(284);
  });
});
