import { describe, expect, it } from 'vitest';
import { isMediaError } from '../../src/media/errors.js';
import { generateContentKey, planPackage } from '../../src/media/package.js';
import { packagerArgs, streamDescriptor } from '../../src/media/packager-args.js';
import type { Renditions } from '../../src/media/transcode.js';
import type { Ladder } from '../../src/media/types.js';

const ladder: Ladder = {
  segmentSeconds: 4,
  frameRate: { num: 25, den: 1 },
  gop: 100,
  complexity: { bitsPerPixel: 0.1, factor: 1, level: 'medium', sampledSeconds: 6, sampledFrames: 150, sampleWidth: 640, sampleHeight: 360 },
  video: [
    { name: '240p', width: 426, height: 240, bitrate: 460_000, maxrate: 690_000, bufsize: 920_000 },
    { name: '360p', width: 640, height: 360, bitrate: 850_000, maxrate: 1_275_000, bufsize: 1_700_000 },
  ],
  audio: [
    { sourceIndex: 1, language: 'eng', label: 'English', name: 'eng', bitrate: 128_000, channels: 2, sampleRate: 48_000, isDefault: true },
    { sourceIndex: 2, language: 'fra', label: 'Français, VF', name: 'fra', bitrate: 128_000, channels: 2, sampleRate: 48_000, isDefault: false },
  ],
};

const renditions: Renditions = {
  video: ladder.video.map((rung) => ({ rung, path: `/w/video_${rung.name}.mp4` })),
  audio: ladder.audio.map((rendition) => ({ rendition, path: `/w/audio_${rendition.name}.mp4` })),
};

const KEY = { keyId: '00112233445566778899aabbccddeeff', key: 'ffeeddccbbaa99887766554433221100' };

describe('packager arguments', () => {
  it('describes every stream once, with segment templates shared by both manifests', () => {
    const plan = planPackage(
      ladder,
      renditions,
      [{ language: 'eng', label: 'English', name: 'eng', path: '/w/subs/eng.vtt', origin: 'source' }],
      KEY,
    );
    expect(packagerArgs(plan)).toEqual([
      'in=/w/video_240p.mp4,stream=video,init_segment=video/240p/init.mp4,' +
        'segment_template=video/240p/seg_$Number$.m4s,playlist_name=video/240p/playlist.m3u8',
      'in=/w/video_360p.mp4,stream=video,init_segment=video/360p/init.mp4,' +
        'segment_template=video/360p/seg_$Number$.m4s,playlist_name=video/360p/playlist.m3u8',
      'in=/w/audio_eng.mp4,stream=audio,language=eng,init_segment=audio/eng/init.mp4,' +
        'segment_template=audio/eng/seg_$Number$.m4s,playlist_name=audio/eng/playlist.m3u8,' +
        'hls_group_id=audio,hls_name=English',
      // Commas in a label would end the descriptor field.
      'in=/w/audio_fra.mp4,stream=audio,language=fra,init_segment=audio/fra/init.mp4,' +
        'segment_template=audio/fra/seg_$Number$.m4s,playlist_name=audio/fra/playlist.m3u8,' +
        'hls_group_id=audio,hls_name=Français  VF',
      'in=/w/subs/eng.vtt,stream=text,language=eng,segment_template=subs/eng/seg_$Number$.vtt,' +
        'playlist_name=subs/eng/playlist.m3u8,hls_group_id=subs,hls_name=English',
      '--segment_duration', '4',
      '--fragment_duration', '4',
      '--generate_static_live_mpd',
      '--hls_playlist_type', 'VOD',
      '--hls_master_playlist_output', 'master.m3u8',
      '--mpd_output', 'manifest.mpd',
      '--default_language', 'eng',
      '--default_text_language', 'eng',
      '--enable_raw_key_encryption',
      '--keys', 'label=:key_id=00112233445566778899aabbccddeeff:key=ffeeddccbbaa99887766554433221100',
      '--protection_scheme', 'cenc',
      '--protection_systems', 'CommonSystem',
      '--clear_lead', '0',
      '--quiet',
    ]);
  });

  it('leaves an untagged language out (the packager refuses "und")', () => {
    expect(streamDescriptor({ input: '/w/a.mp4', kind: 'audio', dir: 'audio/und', language: 'und', label: 'Unknown' })).toBe(
      'in=/w/a.mp4,stream=audio,init_segment=audio/und/init.mp4,segment_template=audio/und/seg_$Number$.m4s,' +
        'playlist_name=audio/und/playlist.m3u8,hls_group_id=audio,hls_name=Unknown',
    );
  });

  it('leaves encryption flags out for clear content', () => {
    const args = packagerArgs(planPackage(ladder, renditions, [], null));
    expect(args.some((a) => a.startsWith('--enable_raw_key') || a === '--keys')).toBe(false);
  });

  it('refuses paths the descriptor syntax cannot carry, and malformed keys', () => {
    expect(() => streamDescriptor({ input: '/w/a,b.mp4', kind: 'video', dir: 'video/240p' })).toThrow(/','/);
    const bad = planPackage(ladder, renditions, [], { keyId: 'xyz', key: KEY.key });
    try {
      packagerArgs(bad);
      expect.unreachable();
    } catch (err) {
      expect(isMediaError(err, 'MEDIA_BAD_OPTIONS')).toBe(true);
    }
  });

  it('generates a fresh 16-byte key and key id per title', () => {
    const a = generateContentKey();
    const b = generateContentKey();
    expect(a.keyId).toMatch(/^[0-9a-f]{32}$/);
    expect(a.key).toMatch(/^[0-9a-f]{32}$/);
    expect(a.key).not.toBe(b.key);
    expect(a.keyId).not.toBe(a.key);
  });
});
