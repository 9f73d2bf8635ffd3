import { describe, expect, it } from 'vitest';
import { failoverUris, hostIndex } from '../../src/web/app/player/failover.js';
import { cueAt, parseTrickplayVtt, vttTime } from '../../src/web/app/player/trickplay.js';

describe('failoverUris', () => {
  const hosts = ['https://edge-a', 'https://edge-b', 'https://origin'];
  it('gives one URI per host, the preferred host first', () => {
    expect(failoverUris('https://edge-a/m/t/x.mpd', hosts, 0)).toEqual(['https://edge-a/m/t/x.mpd', 'https://edge-b/m/t/x.mpd', 'https://origin/m/t/x.mpd']);
    expect(failoverUris('https://edge-a/m/x.m4s', hosts, 2)).toEqual(['https://origin/m/x.m4s', 'https://edge-a/m/x.m4s', 'https://edge-b/m/x.m4s']);
  });
  it('leaves URIs on other hosts (the license server) alone', () => {
    expect(failoverUris('https://api/v1/licenses/s', hosts, 1)).toEqual(['https://api/v1/licenses/s']);
    expect(hostIndex('https://edge-b/a', hosts)).toBe(1);
    expect(hostIndex('https://edge-bb/a', hosts)).toBe(-1);
  });
});

describe('parseTrickplayVtt', () => {
  const vtt = 'WEBVTT\n\n00:00:00.000 --> 00:00:02.000\nsprite_1.jpg#xywh=0,0,160,90\n\n00:00:02.000 --> 00:01:04.500\nsprite_1.jpg#xywh=160,0,160,90\n';
  it('reads cues with sprite rectangles resolved against the index URL', () => {
    const cues = parseTrickplayVtt(vtt, 'https://edge/m/t/trickplay/thumbnails.vtt?x=1');
    expect(cues).toEqual([
      { start: 0, end: 2, url: 'https://edge/m/t/trickplay/sprite_1.jpg', x: 0, y: 0, w: 160, h: 90 },
      { start: 2, end: 64.5, url: 'https://edge/m/t/trickplay/sprite_1.jpg', x: 160, y: 0, w: 160, h: 90 },
    ]);
    expect(cueAt(cues, 3)?.x).toBe(160);
    expect(cueAt(cues, -1)).toBeNull();
    expect(vttTime('01:02:03.5')).toBe(3723.5);
  });
});
