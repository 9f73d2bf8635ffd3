import { describe, expect, it } from 'vitest';
import { filterDashMpd, filterHlsMaster } from '../../src/playback/manifest-filter.js';
import { variantKey } from '../../src/playback/plan-manifests.js';
import { SHAKA_DASH_MPD, SHAKA_HLS_MASTER } from './fixtures.js';

const HLS_1080 =
  '#EXT-X-STREAM-INF:BANDWIDTH=2867251,AVERAGE-BANDWIDTH=2783096,CODECS="avc1.42c028,mp4a.40.2",RESOLUTION=1920x1080,FRAME-RATE=25.000,AUDIO="audio",CLOSED-CAPTIONS=NONE\n' +
  'video/1080p/playlist.m3u8\n';

const DASH_1080 = [
  '      <Representation id="2" bandwidth="2795728" codecs="avc1.42c028" mimeType="video/mp4" sar="1:1" width="1920" height="1080">',
  '        <SegmentTemplate timescale="12800" initialization="video/1080p/init.mp4" media="video/1080p/seg_$Number$.m4s" startNumber="1">',
  '          <SegmentTimeline>',
  '            <S t="0" d="25600" r="1"/>',
  '          </SegmentTimeline>',
  '        </SegmentTemplate>',
  '      </Representation>',
  '',
].join('\n');

describe('filterHlsMaster', () => {
  it('drops the 1080p variant of real Shaka output for a 720p plan and keeps everything else byte for byte', () => {
    expect(SHAKA_HLS_MASTER).toContain(HLS_1080);
    const result = filterHlsMaster(SHAKA_HLS_MASTER, 720);
    expect(result.text).toBe(SHAKA_HLS_MASTER.replace(HLS_1080, ''));
    expect(result).toMatchObject({ kept: 2, removed: 1 });
  });

  it('leaves a ladder that fits the plan unchanged', () => {
    expect(filterHlsMaster(SHAKA_HLS_MASTER, 2160)).toEqual({ text: SHAKA_HLS_MASTER, kept: 3, removed: 0 });
  });

  it('drops I-frame playlists too, skips blank lines before a URI, and keeps audio-only variants', () => {
    const input = [
      '#EXTM3U',
      '#EXT-X-STREAM-INF:BANDWIDTH=100000,CODECS="mp4a.40.2"',
      'audio.m3u8',
      '#EXT-X-STREAM-INF:BANDWIDTH=5000000,RESOLUTION=1920x1080',
      '',
      'hd.m3u8',
      '#EXT-X-STREAM-INF:BANDWIDTH=900000,RESOLUTION=854x480',
      'sd.m3u8',
      '#EXT-X-I-FRAME-STREAM-INF:BANDWIDTH=90000,RESOLUTION=1920x1080,URI="hd-iframe.m3u8"',
      '#EXT-X-I-FRAME-STREAM-INF:BANDWIDTH=30000,RESOLUTION=854x480,URI="sd-iframe.m3u8"',
      '',
    ].join('\n');
    expect(filterHlsMaster(input, 720)).toEqual({
      text: [
        '#EXTM3U',
        '#EXT-X-STREAM-INF:BANDWIDTH=100000,CODECS="mp4a.40.2"',
        'audio.m3u8',
        '#EXT-X-STREAM-INF:BANDWIDTH=900000,RESOLUTION=854x480',
        'sd.m3u8',
        '#EXT-X-I-FRAME-STREAM-INF:BANDWIDTH=30000,RESOLUTION=854x480,URI="sd-iframe.m3u8"',
        '',
      ].join('\n'),
      kept: 1,
      removed: 1,
    });
  });

  it('reports when no video rung fits', () => {
    expect(filterHlsMaster(SHAKA_HLS_MASTER, 240)).toMatchObject({ kept: 0, removed: 3 });
  });
});

describe('filterDashMpd', () => {
  it('drops the 1080p Representation of real Shaka output and lowers the set maximum to 1280x720', () => {
    expect(SHAKA_DASH_MPD).toContain(DASH_1080);
    const expected = SHAKA_DASH_MPD.replace(DASH_1080, '').replace('maxWidth="1920" maxHeight="1080"', 'maxWidth="1280" maxHeight="720"');
    const result = filterDashMpd(SHAKA_DASH_MPD, 720);
    expect(result.text).toBe(expected);
    expect(result).toMatchObject({ kept: 2, removed: 1 });
  });

  it('leaves a ladder that fits the plan unchanged', () => {
    expect(filterDashMpd(SHAKA_DASH_MPD, 1080)).toEqual({ text: SHAKA_DASH_MPD, kept: 3, removed: 0 });
  });

  it('drops a set left empty, uses a height declared on the set, and handles self-closing Representations', () => {
    const input = [
      '<MPD>',
      '  <Period>',
      '    <AdaptationSet contentType="video" height="1080" width="1920">',
      '      <Representation id="hd" bandwidth="5000000"/>',
      '    </AdaptationSet>',
      '    <AdaptationSet contentType="video" maxHeight="720" maxWidth="1280">',
      '      <Representation id="a" height="720" width="1280"/>',
      '      <Representation id="b" height="480" width="854"/>',
      '    </AdaptationSet>',
      '  </Period>',
      '</MPD>',
      '',
    ].join('\n');
    expect(filterDashMpd(input, 480)).toEqual({
      text: [
        '<MPD>',
        '  <Period>',
        '    <AdaptationSet contentType="video" maxHeight="480" maxWidth="854">',
        '      <Representation id="b" height="480" width="854"/>',
        '    </AdaptationSet>',
        '  </Period>',
        '</MPD>',
        '',
      ].join('\n'),
      kept: 1,
      removed: 2,
    });
  });
});

describe('variantKey', () => {
  it('names the plan copy next to the original', () => {
    expect(variantKey('media/t1/j1/1/master.m3u8', 720)).toBe('media/t1/j1/1/master.max720.m3u8');
    expect(variantKey('media/t1/j1/1/manifest.mpd', 1080)).toBe('media/t1/j1/1/manifest.max1080.mpd');
    expect(variantKey('media/t.1/j1/manifest', 720)).toBe('media/t.1/j1/manifest.max720');
  });
});
