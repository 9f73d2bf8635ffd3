import { existsSync } from 'node:fs';
import { readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { Parser, type M3u8Manifest } from 'm3u8-parser';
import { parse as parseMpd, type MpdPlaylist } from 'mpd-parser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { processSource, type PipelineProgress, type ProcessResult } from '../../src/media/pipeline.js';
import { parseKeyframes } from '../../src/media/qc-report.js';
import { runTool } from '../../src/media/runner.js';
import type { MediaTools } from '../../src/media/tools.js';
import { ffmpeg, hasFfmpeg, mediaTools, tempDir } from './helpers.js';

const SRT = (text: string): string => `1\n00:00:01,000 --> 00:00:03,000\n${text}\n\n2\n00:00:05,000 --> 00:00:07,500\n${text} again\n`;
const BASE_URL = 'https://cdn.test/title/';

function m3u8(text: string): M3u8Manifest {
  const parser = new Parser();
  parser.push(text);
  parser.end();
  return parser.manifest;
}

async function listFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries.filter((e) => e.isFile()).map((e) => path.relative(dir, path.join(e.parentPath, e.name)));
}

/** Init + segments of one packaged stream joined into one file, as a player appends them. */
async function joinStream(out: string, files: readonly string[], target: string): Promise<string> {
  const parts = await Promise.all(files.map((f) => readFile(path.join(out, f))));
  await writeFile(target, Buffer.concat(parts));
  return target;
}

describe.skipIf(!hasFfmpeg)('processSource: 30 s 720p title end to end (needs ffmpeg)', () => {
  let dir: string;
  let remove: () => Promise<void>;
  let tools: MediaTools;
  let result: ProcessResult;
  let out: string;
  const progress: PipelineProgress[] = [];
  /** HLS-referenced files per stream directory: init first, then media segments. */
  const hlsFiles = new Map<string, string[]>();

  beforeAll(async () => {
    ({ dir, remove } = await tempDir('pipeline'));
    tools = await mediaTools();
    await writeFile(path.join(dir, 'en.srt'), SRT('Hello'));
    await writeFile(path.join(dir, 'de.srt'), SRT('Hallo'));
    const source = path.join(dir, 'source.mp4');
    // Generated at test time, never committed: 720p test pattern, two audio languages, one text subtitle.
    await ffmpeg([
      '-f', 'lavfi', '-i', 'testsrc2=size=1280x720:rate=30:duration=30',
      '-f', 'lavfi', '-i', 'sine=frequency=440:duration=30',
      '-f', 'lavfi', '-i', 'sine=frequency=660:duration=30',
      '-i', path.join(dir, 'en.srt'),
      '-map', '0:v', '-map', '1:a', '-map', '2:a', '-map', '3:s',
      '-c:v', 'libx264', '-preset', 'ultrafast', '-crf', '26', '-pix_fmt', 'yuv420p',
      '-c:a', 'aac', '-b:a', '64k', '-c:s', 'mov_text',
      '-metadata:s:a:0', 'language=eng', '-metadata:s:a:1', 'language=fra', '-metadata:s:s:0', 'language=eng',
      source,
    ]);
    result = await processSource(
      source,
      path.join(dir, 'work'),
      { tools, subtitles: [{ path: path.join(dir, 'de.srt'), language: 'deu' }] },
      (p) => progress.push(p),
    );
    out = result.outputDir;
  }, 300_000);

  afterAll(async () => {
    await remove?.();
  });

  it('builds a ladder of at least four rungs up to the source size', () => {
    expect(result.ladder.video.map((r) => `${r.name} ${r.width}x${r.height}`)).toEqual([
      '240p 426x240', '360p 640x360', '480p 854x480', '720p 1280x720',
    ]);
    const bitrates = result.ladder.video.map((r) => r.bitrate);
    expect([...bitrates].sort((a, b) => a - b)).toEqual(bitrates);
    expect(result.ladder.audio.map((a) => a.language)).toEqual(['eng', 'fra']);
    expect(result.subtitles.map((s) => s.dir)).toEqual(['subs/eng', 'subs/deu']);
  });

  it('reports progress through every stage in order, ending complete', () => {
    const stages = progress.map((p) => p.stage).filter((s, i, all) => s !== all[i - 1]);
    expect(stages).toEqual(['probing', 'analysing', 'encoding', 'packaging', 'trickplay', 'qc']);
    const overall = progress.map((p) => p.overall);
    expect(overall.every((v, i) => i === 0 || v >= (overall[i - 1] ?? 0))).toBe(true);
    expect(overall.at(-1)).toBe(1);
    expect(progress.filter((p) => p.stage === 'encoding').length).toBeGreaterThan(3);
  });

  it('describes the renditions in an HLS multivariant playlist', async () => {
    const master = m3u8(await readFile(path.join(out, result.manifests.hls), 'utf8'));
    const variants = master.playlists ?? [];
    expect(variants.map((v) => v.attributes.RESOLUTION)).toEqual(
      result.ladder.video.map((r) => ({ width: r.width, height: r.height })),
    );
    for (const v of variants) {
      expect(v.attributes.CODECS).toMatch(/^avc1\.64[0-9a-f]{4},mp4a\.40\.2$/);
      expect(v.attributes.BANDWIDTH).toBeGreaterThan(0);
      expect(v.attributes.AUDIO).toBe('audio');
      expect(v.attributes.SUBTITLES).toBe('subs');
    }
    const audio = Object.values(master.mediaGroups?.AUDIO?.audio ?? {});
    expect(audio.map((a) => [a.language, a.default])).toEqual(expect.arrayContaining([['en', true], ['fr', false]]));
    const subs = Object.values(master.mediaGroups?.SUBTITLES?.subs ?? {});
    expect(subs.map((s) => s.language).sort()).toEqual(['de', 'en']);

    const uris = [...variants.map((v) => v.uri), ...audio.map((a) => a.uri ?? ''), ...subs.map((s) => s.uri ?? '')];
    for (const uri of uris) {
      const streamDir = path.posix.dirname(uri);
      const media = m3u8(await readFile(path.join(out, uri), 'utf8'));
      expect(media.endList).toBe(true);
      const init = media.segments[0]?.map?.uri;
      const files = [...(init ? [init] : []), ...media.segments.map((s) => s.uri)].map((f) => path.posix.join(streamDir, f));
      hlsFiles.set(streamDir, files);
      for (const f of files) expect(existsSync(path.join(out, f)), f).toBe(true);
      if (streamDir.startsWith('subs/')) continue;
      expect(media.segments.every((s) => s.key?.method === 'SAMPLE-AES-CTR')).toBe(true);
      // 4 s segments (the last one shorter): 30 s → 8 segments.
      const durations = media.segments.map((s) => s.duration);
      expect(durations).toHaveLength(8);
      for (const d of durations.slice(0, -1)) expect(Math.abs(d - 4)).toBeLessThan(0.05);
    }
  });

  it('describes the same CMAF segments in a static, ClearKey-signalled DASH MPD', async () => {
    const xml = await readFile(path.join(out, result.manifests.dash), 'utf8');
    expect(xml).toMatch(/type="static"/);
    const mpd = parseMpd(xml, { manifestUri: `${BASE_URL}${result.manifests.dash}` });
    const rel = (uri: string): string => uri.replace(BASE_URL, '');
    const filesOf = (p: MpdPlaylist): string[] => [
      ...(p.segments[0]?.map?.uri ? [rel(p.segments[0].map.resolvedUri)] : []),
      ...p.segments.map((s) => rel(s.resolvedUri)),
    ];
    const dash = new Map<string, string[]>();
    const add = (p: MpdPlaylist): void => {
      const files = filesOf(p);
      dash.set(path.posix.dirname(files.at(-1) ?? ''), files);
    };
    mpd.playlists.forEach(add);
    Object.values(mpd.mediaGroups.AUDIO).flatMap((g) => Object.values(g)).flatMap((g) => g.playlists).forEach(add);
    Object.values(mpd.mediaGroups.SUBTITLES).flatMap((g) => Object.values(g)).flatMap((g) => g.playlists).forEach(add);
    // Package once, describe twice: every stream lists exactly the files HLS lists.
    expect(new Map([...dash].sort())).toEqual(new Map([...hlsFiles].sort()));

    const kid = result.key.keyId.replace(/^(.{8})(.{4})(.{4})(.{4})(.{12})$/, '$1-$2-$3-$4-$5');
    for (const p of mpd.playlists) {
      expect(p.contentProtection?.mp4protection?.attributes).toMatchObject({ value: 'cenc', 'cenc:default_KID': kid });
    }
    expect(xml).toContain('urn:uuid:1077efec-c0b2-4d02-ace3-3c1e52e2fb4b');
  });

  it('encrypts every rendition, and every rendition decodes with the key', async () => {
    const scratch = path.join(dir, 'check');
    await import('node:fs/promises').then((fs) => fs.mkdir(scratch));
    for (const [streamDir, files] of hlsFiles) {
      if (streamDir.startsWith('subs/')) continue;
      const init = await readFile(path.join(out, files[0] ?? ''));
      expect(init.includes('tenc'), `${streamDir} init has a tenc box`).toBe(true);
      expect(init.includes(Buffer.from('1077efecc0b24d02ace33c1e52e2fb4b', 'hex'))).toBe(true);
      const joined = await joinStream(out, files, path.join(scratch, `${streamDir.replace('/', '_')}.mp4`));
      const probe = await runTool(
        tools.ffprobe,
        ['-v', 'error', '-seekable', '0', '-show_entries', 'stream=codec_name,profile,width,height', '-of', 'json', joined],
        { captureStdout: true },
      );
      const [stream] = (JSON.parse(probe.stdout) as { streams: Array<Record<string, unknown>> }).streams;
      if (streamDir.startsWith('video/')) {
        const rung = result.ladder.video.find((r) => `video/${r.name}` === streamDir);
        expect(stream).toMatchObject({ codec_name: 'h264', profile: 'High', width: rung?.width, height: rung?.height });
      } else {
        expect(stream).toMatchObject({ codec_name: 'aac', profile: 'LC' });
      }
      const decode = await runTool(tools.ffmpeg, [
        '-nostdin', '-v', 'error', '-seekable', '0', '-decryption_key', result.key.key, '-i', joined, '-f', 'null', '-',
      ]);
      expect(decode.stderr.trim(), `${streamDir} decodes cleanly`).toBe('');
    }
  }, 120_000); // decodes every rendition in full with ffmpeg: slow when the suite shares the cores

  it('aligns keyframes across rungs on 4 s segment boundaries', async () => {
    const keyframes: number[][] = [];
    for (const rung of result.ladder.video) {
      const files = hlsFiles.get(`video/${rung.name}`) ?? [];
      const joined = await joinStream(out, files, path.join(dir, `kf_${rung.name}.mp4`));
      const { stdout } = await runTool(
        tools.ffprobe,
        ['-v', 'quiet', '-seekable', '0', '-select_streams', 'v:0', '-show_entries', 'packet=pts_time,flags', '-of', 'csv=p=0', joined],
        { captureStdout: true },
      );
      keyframes.push(parseKeyframes(stdout));
    }
    const offset = keyframes[0]?.[0] ?? 0;
    for (const k of keyframes) {
      expect(k.map((t) => Number((t - offset).toFixed(3)))).toEqual([0, 4, 8, 12, 16, 20, 24, 28]);
    }
  });

  it('passes QC and records PSNR and SSIM of every rung against the source', async () => {
    expect(result.qc.passed).toBe(true);
    expect(result.qc.keyframesAligned).toBe(true);
    const video = result.qc.renditions.filter((r) => r.kind === 'video');
    expect(video).toHaveLength(4);
    for (const r of video) {
      expect(r.psnr?.average).toBeGreaterThan(25);
      expect(r.ssim).toBeGreaterThan(0.85);
      expect(r.decodedSeconds).toBeCloseTo(30, 1);
    }
    expect(video.at(-1)?.psnr?.average).toBeGreaterThan(video[0]?.psnr?.average ?? Infinity);
    const written = JSON.parse(await readFile(path.join(out, result.qcReport), 'utf8')) as { qc: { passed: boolean } };
    expect(written.qc.passed).toBe(true);
  });

  it('writes trickplay sprites with a WebVTT index, and a poster', async () => {
    const vtt = await readFile(path.join(out, result.trickplay.vtt), 'utf8');
    const cues = vtt.split('\n').filter((l) => l.includes('#xywh='));
    expect(cues).toHaveLength(15);
    expect(cues[14]).toBe('sprite_1.jpg#xywh=640,90,160,90');
    expect(result.trickplay.sprites).toEqual(['trickplay/sprite_1.jpg']);
    const probe = async (file: string): Promise<unknown> =>
      JSON.parse(
        (await runTool(tools.ffprobe, ['-v', 'error', '-show_entries', 'stream=codec_name,width,height', '-of', 'json', path.join(out, file)], { captureStdout: true })).stdout,
      );
    expect(await probe('trickplay/sprite_1.jpg')).toEqual({ programs: [], streams: [{ codec_name: 'mjpeg', width: 1600, height: 900 }] });
    expect(await probe(result.trickplay.poster)).toMatchObject({ streams: [{ codec_name: 'mjpeg', width: 1280, height: 720 }] });
  });

  it('keeps the content key out of everything it publishes, and leaves no scratch files', async () => {
    const key = Buffer.from(result.key.key, 'hex');
    const forms = [key, Buffer.from(result.key.key), Buffer.from(key.toString('base64')), Buffer.from(result.key.key.toUpperCase())];
    const files = await listFiles(out);
    expect(files.length).toBeGreaterThan(60);
    for (const f of files) {
      const bytes = await readFile(path.join(out, f));
      for (const form of forms) expect(bytes.includes(form), `${f} contains the key`).toBe(false);
    }
    expect(await readdir(path.join(dir, 'work'))).toEqual(['output']);
  });
});
