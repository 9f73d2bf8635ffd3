import { describe, expect, it } from 'vitest';
import { MediaError } from '../../src/media/errors.js';
import { looksLikeMediaContainer, parseProbeOutput, parseRational } from '../../src/media/probe-parse.js';
import { decodeWindows } from '../../src/media/probe.js';

const video = (extra: Record<string, unknown> = {}): Record<string, unknown> => ({
  index: 0,
  codec_type: 'video',
  codec_name: 'h264',
  width: 1920,
  height: 1080,
  sample_aspect_ratio: '1:1',
  avg_frame_rate: '30000/1001',
  r_frame_rate: '30000/1001',
  pix_fmt: 'yuv420p',
  duration: '60.060000',
  nb_frames: '1800',
  disposition: { default: 1, attached_pic: 0, forced: 0 },
  ...extra,
});

const probe = (streams: unknown[], format: Record<string, unknown> = {}): unknown => ({
  streams,
  format: { format_name: 'mov,mp4,m4a,3gp,3g2,mj2', duration: '60.060000', ...format },
});

function codeOf(fn: () => unknown): string {
  try {
    fn();
  } catch (err) {
    if (err instanceof MediaError) return `${err.code}: ${err.message}`;
    throw err;
  }
  return 'accepted';
}

describe('parseProbeOutput', () => {
  it('describes a normal movie: display size, rate, audio languages, subtitle kinds', () => {
    const info = parseProbeOutput(
      probe([
        video(),
        { index: 1, codec_type: 'audio', codec_name: 'aac', channels: 6, sample_rate: '48000', tags: { language: 'eng' }, disposition: { default: 1 } },
        { index: 2, codec_type: 'audio', codec_name: 'ac3', channels: 2, sample_rate: '48000', tags: { title: 'Director' } },
        { index: 3, codec_type: 'subtitle', codec_name: 'subrip', tags: { language: 'fra' }, disposition: { forced: 1 } },
        { index: 4, codec_type: 'subtitle', codec_name: 'hdmv_pgs_subtitle', tags: { language: 'deu' } },
      ]),
      '/in/movie.mp4',
      50_000_000,
    );
    expect(info).toEqual({
      path: '/in/movie.mp4',
      sizeBytes: 50_000_000,
      container: 'mov,mp4,m4a,3gp,3g2,mj2',
      durationSeconds: 60.06,
      video: {
        index: 0, codec: 'h264', width: 1920, height: 1080, frameRate: { num: 30000, den: 1001 },
        pixFmt: 'yuv420p', frames: 1800, durationSeconds: 60.06,
      },
      audio: [
        { index: 1, codec: 'aac', channels: 6, sampleRate: 48000, language: 'eng', title: undefined, isDefault: true },
        { index: 2, codec: 'ac3', channels: 2, sampleRate: 48000, language: 'und', title: 'Director', isDefault: false },
      ],
      subtitles: [
        { index: 3, codec: 'subrip', language: 'fra', title: undefined, isText: true, isForced: true },
        { index: 4, codec: 'hdmv_pgs_subtitle', language: 'deu', title: undefined, isText: false, isForced: false },
      ],
    });
  });

  it('applies anamorphic pixels and phone rotation to the display size', () => {
    const anamorphic = parseProbeOutput(probe([video({ width: 720, height: 576, sample_aspect_ratio: '64:45' })]), 'a', 9e6);
    expect([anamorphic.video.width, anamorphic.video.height]).toEqual([1024, 576]);
    const rotated = parseProbeOutput(probe([video({ side_data_list: [{ rotation: -90 }] })]), 'a', 9e6);
    expect([rotated.video.width, rotated.video.height]).toEqual([1080, 1920]);
  });

  it('ignores cover art when looking for video', () => {
    const art = video({ codec_name: 'mjpeg', disposition: { attached_pic: 1 } });
    const audio = { index: 1, codec_type: 'audio', codec_name: 'mp3', channels: 2 };
    expect(codeOf(() => parseProbeOutput(probe([audio, art]), 'a.mp3', 5e6))).toBe(
      'MEDIA_NOT_VIDEO: The file has no video stream (only audio, video streams)',
    );
  });

  it('rejects what is not playable video, each with its own code and reason', () => {
    expect(codeOf(() => parseProbeOutput(probe([]), 'a', 100))).toBe('MEDIA_NOT_VIDEO: The file has no video stream (no streams)');
    expect(codeOf(() => parseProbeOutput(probe([video()], { format_name: 'png_pipe' }), 'a', 100))).toMatch(
      /^MEDIA_NOT_VIDEO: The file is png_pipe data/,
    );
    expect(codeOf(() => parseProbeOutput(probe([video({ nb_frames: '1' })], { duration: '0.04' }), 'a', 1e4))).toMatch(
      /^MEDIA_NOT_VIDEO: The file holds a single still picture/,
    );
    expect(codeOf(() => parseProbeOutput(probe([video({ duration: undefined })], { duration: undefined }), 'a', 1e6))).toMatch(
      /^MEDIA_EMPTY/,
    );
    expect(codeOf(() => parseProbeOutput(probe([video({ nb_frames: '0' })]), 'a', 1e6))).toMatch(/^MEDIA_EMPTY/);
    expect(codeOf(() => parseProbeOutput(probe([video({ codec_name: 'none' })]), 'a', 1e6))).toMatch(/^MEDIA_UNSUPPORTED/);
    expect(codeOf(() => parseProbeOutput(probe([video({ width: 8, height: 8 })]), 'a', 1e6))).toBe(
      'MEDIA_UNSUPPORTED: Video frame size 8x8 is outside 16..8192 pixels',
    );
  });

  it('rejects durations the file cannot hold', () => {
    const tenHours = probe([video({ duration: '4.000000', nb_frames: '100' })], { duration: '36000.000000' });
    expect(codeOf(() => parseProbeOutput(tenHours, 'a', 40_000))).toBe(
      'MEDIA_DURATION_IMPLAUSIBLE: The file declares 10.0 h but holds only 40000 bytes (8.9 bit/s)',
    );
    // Big enough to pass the bit-rate floor, but the header promises far more than any stream holds.
    expect(codeOf(() => parseProbeOutput(tenHours, 'a', 50_000_000))).toBe(
      'MEDIA_DURATION_IMPLAUSIBLE: The container declares 10.0 h but its longest stream lasts 4.0 s',
    );
    const twoDays = probe([video({ duration: undefined, nb_frames: undefined })], { duration: String(48 * 3600) });
    expect(codeOf(() => parseProbeOutput(twoDays, 'a', 1e12))).toBe(
      'MEDIA_DURATION_IMPLAUSIBLE: The file declares 48.0 h, longer than the 24.0 h limit',
    );
  });

  it('parses rationals and refuses placeholders', () => {
    expect(parseRational('30000/1001')).toEqual({ num: 30000, den: 1001 });
    expect(parseRational('16:9')).toEqual({ num: 16, den: 9 });
    expect(parseRational('0/0')).toBeUndefined();
    expect(parseRational('N/A')).toBeUndefined();
  });
});

describe('container sniffing', () => {
  it('recognises media containers by their magic numbers and nothing else', () => {
    const mp4 = Buffer.from([0, 0, 0, 0x20, ...Buffer.from('ftypisom')]);
    const mkv = Buffer.from([0x1a, 0x45, 0xdf, 0xa3, 0x9f]);
    const ts = Buffer.alloc(564);
    ts[0] = ts[188] = ts[376] = 0x47;
    expect([mp4, mkv, ts].map(looksLikeMediaContainer)).toEqual([true, true, true]);
    expect(looksLikeMediaContainer(Buffer.from('hello, this is a text file\n'))).toBe(false);
    expect(looksLikeMediaContainer(new Uint8Array())).toBe(false);
  });
});

describe('decode windows', () => {
  it('samples the start, middle and end of the title', () => {
    expect(decodeWindows(60)).toEqual([
      { start: 0, duration: 1 },
      { start: 30, duration: 1 },
      { start: 58.5, duration: 1 },
    ]);
    expect(decodeWindows(2)).toEqual([{ start: 0, duration: 2 }]);
  });
});
