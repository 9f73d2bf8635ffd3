import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Job } from '../../../src/media/jobs/model.js';
import { currentContentKey } from '../../../src/media/jobs/revisions.js';
import { adminHeaders } from '../../helpers/app.js';
import { hasFfmpeg, makeClip, mediaTools, patchMvhdDuration, tempDir } from '../helpers.js';
import { eventually, mediaHarness, waitForJob, type MediaHarness } from './harness.js';

const LIMIT = 1024 * 1024;

describe.skipIf(!hasFfmpeg)('ingest through the API (needs ffmpeg)', () => {
  let h: MediaHarness;
  let clip: Buffer;
  let removeClips: () => Promise<void>;

  beforeAll(async () => {
    const { dir, remove } = await tempDir('ingest-api');
    removeClips = remove;
    await makeClip(path.join(dir, 'clip.mp4'), 5, '320x180');
    clip = await readFile(path.join(dir, 'clip.mp4'));
    h = await mediaHarness({ uploadLimitBytes: LIMIT });
    // Small and fast: 2 s segments, at most two rungs.
    h.worker({ processing: { tools: await mediaTools(), segmentSeconds: 2, ladder: { heights: [144, 180] } } }).start();
  }, 120_000);

  afterAll(async () => {
    await h?.close();
    await removeClips?.();
  });

  const upload = (titleId: string, body: Buffer | string, query = '', type = 'video/mp4') =>
    h.app.inject({ method: 'POST', url: `/v1/admin/titles/${titleId}/source${query}`, headers: { ...adminHeaders, 'content-type': type }, payload: body });

  /** Uploads, expects 202, waits for the end; then checks that a failed job left no blob behind. */
  async function ingest(titleId: string, body: Buffer | string): Promise<Job> {
    const res = await upload(titleId, body);
    expect(res.statusCode).toBe(202);
    expect(res.headers.location).toBe(`/v1/admin/jobs/${res.json<Job>().id}`);
    const done = await waitForJob(h.ingest, res.json<Job>().id, 120_000);
    if (done.state === 'failed') {
      await eventually(async () => (await h.blobKeys(`sources/${done.id}`)).length === 0);
      expect(await h.blobKeys(`media/${titleId}/`)).toEqual([]);
    }
    return done;
  }

  it('turns an uploaded clip into a published, playable title with its key kept server-side', async () => {
    const done = await ingest('mv-ingest', clip);
    expect(done).toMatchObject({ state: 'ready', attempts: 1, progress: 1, reason: null });
    const res = await h.app.inject({ method: 'GET', url: `/v1/admin/jobs/${done.id}`, headers: adminHeaders });
    expect(res.statusCode).toBe(200);
    const prefix = `media/mv-ingest/${done.id}/1`;
    expect(res.json()).toMatchObject({ state: 'ready', stage: null, output: { prefix, hls: `${prefix}/master.m3u8`, dash: `${prefix}/manifest.mpd` } });

    const keys = await h.blobKeys(`${prefix}/`);
    expect(keys).toEqual(expect.arrayContaining([`${prefix}/master.m3u8`, `${prefix}/manifest.mpd`, `${prefix}/video/180p/init.mp4`, `${prefix}/trickplay/thumbnails.vtt`]));
    const key = await currentContentKey(h.db, 'mv-ingest');
    expect(key).toMatchObject({ jobId: done.id, key: expect.stringMatching(/^[0-9a-f]{32}$/) });
    // The key never lands in a published file.
    for (const k of keys.filter((name) => /\.(m3u8|mpd|json|vtt)$/.test(name))) {
      const read = await h.blobs.get(k);
      const chunks: Buffer[] = [];
      for await (const chunk of read!.body) chunks.push(chunk as Buffer);
      expect(Buffer.concat(chunks).toString('utf8')).not.toContain(key!.key);
    }

    await eventually(() => h.catalog.view().snapshot.byId.get('mv-ingest')?.playable === true);
    const title = await h.app.inject({ method: 'GET', url: '/v1/titles/mv-ingest' });
    expect(title.json()).toMatchObject({ playable: true });
    const list = await h.app.inject({ method: 'GET', url: '/v1/admin/jobs?titleId=mv-ingest', headers: adminHeaders });
    expect(list.json<{ items: Job[] }>().items.map((j) => j.id)).toEqual([done.id]);
  }, 120_000);

  it('fails a text file renamed .mp4 with the reason, and keeps nothing', async () => {
    const done = await ingest('mv-bad', 'Shopping list\n- milk\n- eggs\n'.repeat(20));
    expect(done).toMatchObject({ state: 'failed', attempts: 1, reason: { code: 'MEDIA_NOT_VIDEO', message: expect.stringMatching(/^The file is not a media file/) } });
  });

  it('fails a corrupt file (index lost) as MEDIA_CORRUPT', async () => {
    const done = await ingest('mv-bad', clip.subarray(0, Math.floor(clip.length * 0.6)));
    expect(done).toMatchObject({ state: 'failed', reason: { code: 'MEDIA_CORRUPT', message: expect.stringMatching(/moov atom not found/) } });
  });

  it('fails a tiny file declaring 10 hours as implausible', async () => {
    const done = await ingest('mv-bad', patchMvhdDuration(clip, 36_000));
    expect(done).toMatchObject({ state: 'failed', reason: { code: 'MEDIA_DURATION_IMPLAUSIBLE' } });
  });

  it('refuses a zero-length upload with 400 and stores nothing', async () => {
    const res = await upload('mv-bad', Buffer.alloc(0));
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe('MEDIA_UPLOAD_EMPTY');
    const bare = await h.app.inject({ method: 'POST', url: '/v1/admin/titles/mv-bad/source', headers: adminHeaders });
    expect(bare.json().error.code).toBe('MEDIA_UPLOAD_EMPTY');
  });

  it('refuses an upload over the limit with 413, declared or streamed, and stores nothing', async () => {
    const big = Buffer.alloc(LIMIT + 1, 7);
    const declared = await upload('mv-bad', big);
    expect(declared.statusCode).toBe(413);
    expect(declared.json().error).toMatchObject({ code: 'MEDIA_UPLOAD_TOO_LARGE', details: { limitBytes: LIMIT } });
    // Chunked: no Content-Length, so the limit is hit while copying.
    const { Readable } = await import('node:stream');
    const streamed = await h.app.inject({
      method: 'POST',
      url: '/v1/admin/titles/mv-bad/source',
      headers: { ...adminHeaders, 'content-type': 'application/octet-stream', 'transfer-encoding': 'chunked' },
      payload: Readable.from([big.subarray(0, LIMIT / 2), big.subarray(LIMIT / 2)]),
    });
    expect(streamed.statusCode).toBe(413);
    expect(streamed.json().error.code).toBe('MEDIA_UPLOAD_TOO_LARGE');
  });

  it('answers 404 for an unknown title, episode or job, 401 without the token, 415 for other types', async () => {
    expect((await upload('nope', clip)).json().error.code).toBe('TITLE_NOT_FOUND');
    expect((await upload('sh-ingest', clip, '?season=9&episode=9')).json().error.code).toBe('EPISODE_NOT_FOUND');
    expect((await upload('sh-ingest', clip)).statusCode).toBe(400);
    const job = await h.app.inject({ method: 'GET', url: '/v1/admin/jobs/job-nope', headers: adminHeaders });
    expect([job.statusCode, job.json().error.code]).toEqual([404, 'JOB_NOT_FOUND']);
    const anonymous = await h.app.inject({ method: 'POST', url: '/v1/admin/titles/mv-bad/source', headers: { 'content-type': 'video/mp4' }, payload: clip });
    expect(anonymous.statusCode).toBe(401);
    expect((await upload('mv-bad', 'x', '', 'text/plain')).statusCode).toBe(415);
  });

  it('left no stray source or media blobs for any refused or failed upload', async () => {
    const sources = await h.blobKeys('sources/');
    const jobs = await h.ingest.jobs.list({ limit: 200 });
    const ready = jobs.filter((j) => j.state === 'ready').map((j) => `sources/${j.id}`);
    expect(sources).toEqual(ready);
    expect(await h.blobKeys('media/mv-bad/')).toEqual([]);
  });
});
