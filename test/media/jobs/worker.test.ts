import { mkdir, readdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { Readable } from 'node:stream';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { MediaError } from '../../../src/media/errors.js';
import { currentContentKey } from '../../../src/media/jobs/revisions.js';
import type { JobEvent, Pipeline } from '../../../src/media/jobs/worker.js';
import { PIPELINE_STAGES } from '../../../src/media/pipeline.js';
import { eventually, mediaHarness, waitForJob, type MediaHarness } from './harness.js';

/** Stands in for processSource: walks the stages and writes a tiny "packaged" output. */
function fakePipeline(behaviour: { failWith?: () => Error; holdInEncoding?: Promise<void> } = {}): Pipeline & { calls: number } {
  const fake = Object.assign(
    async (_source: string, workDir: string, options: { signal?: AbortSignal }, onProgress: Parameters<Pipeline>[3]) => {
      fake.calls += 1;
      for (const stage of PIPELINE_STAGES) {
        onProgress({ stage, fraction: 0, overall: PIPELINE_STAGES.indexOf(stage) / PIPELINE_STAGES.length });
        if (stage === 'encoding' && behaviour.holdInEncoding) {
          await Promise.race([behaviour.holdInEncoding, new Promise((_, reject) => options.signal?.addEventListener('abort', () => reject(new MediaError('MEDIA_CANCELLED'))))]);
        }
        if (stage === 'analysing' && behaviour.failWith) throw behaviour.failWith();
      }
      const outputDir = path.join(workDir, 'output');
      await mkdir(path.join(outputDir, 'video'), { recursive: true });
      await writeFile(path.join(outputDir, 'master.m3u8'), '#EXTM3U\n');
      await writeFile(path.join(outputDir, 'manifest.mpd'), '<MPD/>\n');
      await writeFile(path.join(outputDir, 'video', 'seg-1.m4s'), Buffer.alloc(100));
      return { outputDir, manifests: { hls: 'master.m3u8', dash: 'manifest.mpd' }, key: { keyId: 'a'.repeat(32), key: 'b'.repeat(32) } };
    },
    { calls: 0 },
  );
  return fake;
}

describe('IngestWorker (fake pipeline)', () => {
  let h: MediaHarness;
  // One database for the file (PGlite starts slowly); each test uses its own title and job.
  beforeAll(async () => {
    h = await mediaHarness();
  });
  afterAll(async () => h?.close());
  afterEach(async () => h.stopWorkers());
  const idle = (): Promise<void> => eventually(async () => (await readdir(path.join(h.dir, 'work')).catch(() => [])).length === 0);
  const playable = (id: string): boolean | undefined => h.catalog.view().snapshot.byId.get(id)?.playable;

  const submit = (titleId = 'mv-ingest', selector = {}) => h.ingest.submit(titleId, selector, Readable.from([Buffer.from('source bytes')]));

  it('publishes under a per-job folder, keeps the key in the database and makes the title playable', async () => {
    const job = await submit();
    const events: JobEvent[] = [];
    h.worker({ pipeline: fakePipeline(), onEvent: (e) => events.push(e) }).start();
    const done = await waitForJob(h.ingest, job.id);
    const prefix = `media/mv-ingest/${job.id}/1`;
    expect(done).toMatchObject({ state: 'ready', progress: 1, attempts: 1, reason: null, output: { prefix, hls: `${prefix}/master.m3u8`, dash: `${prefix}/manifest.mpd` } });
    await idle();
    expect(await h.blobKeys('media/mv-ingest/')).toEqual([`${prefix}/manifest.mpd`, `${prefix}/master.m3u8`, `${prefix}/video/seg-1.m4s`]);
    expect(await h.blobKeys(`sources/${job.id}`)).toEqual([`sources/${job.id}`]);
    expect(await currentContentKey(h.db, 'mv-ingest')).toEqual({ keyId: 'a'.repeat(32), key: 'b'.repeat(32), jobId: job.id });
    expect(playable('mv-ingest')).toBe(true);
    expect(events.map((e) => e.state)).toEqual(['probing', ...PIPELINE_STAGES, 'ready']);
  });

  it('publishes an episode under its own folder and makes only that episode playable', async () => {
    const job = await submit('sh-ingest', { season: 1, episode: 2 });
    h.worker({ pipeline: fakePipeline() }).start();
    const done = await waitForJob(h.ingest, job.id);
    expect(done.episodeId).toBe('sh-ingest-s01e02');
    expect(done.output?.prefix).toBe(`media/sh-ingest/sh-ingest-s01e02/${job.id}/1`);
    await idle();
    const show = h.catalog.view().snapshot.byId.get('sh-ingest');
    expect(show?.seasons[0]?.episodes.map((e) => e.playable)).toEqual([false, true]);
    expect(show?.playable).toBe(true);
  });

  it('fails a bad source at once, with the reason, and leaves no files', async () => {
    const job = await submit('mv-bad');
    const pipeline = fakePipeline({ failWith: () => new MediaError('MEDIA_NOT_VIDEO', 'The file is not a playable video: no video stream') });
    h.worker({ pipeline }).start();
    const done = await waitForJob(h.ingest, job.id);
    expect(done).toMatchObject({ state: 'failed', attempts: 1, reason: { code: 'MEDIA_NOT_VIDEO', message: 'The file is not a playable video: no video stream' } });
    expect(pipeline.calls).toBe(1);
    await idle();
    expect(await h.blobKeys('media/mv-bad/')).toEqual([]);
    expect(await h.blobKeys(`sources/${job.id}`)).toEqual([]);
    expect(playable('mv-bad')).toBe(false);
  });

  it('retries our own failures, then gives up with the last reason', async () => {
    const job = await h.ingest.jobs.enqueue({ titleId: 'mv-retry', sourceKey: 'sources/x', maxAttempts: 2 });
    await h.blobs.put('sources/x', Buffer.from('x'));
    const pipeline = fakePipeline({ failWith: () => new MediaError('MEDIA_TOOL_FAILED', 'ffmpeg exited with code 1') });
    h.worker({ pipeline }).start();
    const done = await waitForJob(h.ingest, job.id);
    expect(done).toMatchObject({ state: 'failed', attempts: 2, reason: { code: 'JOB_ATTEMPTS_EXHAUSTED', message: 'Failed on every one of 2 attempts; last: ffmpeg exited with code 1' } });
    expect(pipeline.calls).toBe(2);
    await idle();
    expect(await h.blobKeys('media/mv-retry/')).toEqual([]);
    expect(await h.blobKeys('sources/x')).toEqual([]);
  });

  it('gives a running job back to the queue on stop, without spending an attempt', async () => {
    const job = await submit('mv-stop');
    let release = (): void => undefined;
    const hold = new Promise<void>((resolve) => (release = resolve));
    const events: JobEvent[] = [];
    const worker = h.worker({ pipeline: fakePipeline({ holdInEncoding: hold }), onEvent: (e) => events.push(e) });
    worker.start();
    while (!events.some((e) => e.state === 'encoding')) await new Promise((r) => setTimeout(r, 20));
    await worker.stop();
    release();
    expect(await h.ingest.jobs.get(job.id)).toMatchObject({ state: 'queued', attempts: 0, leaseOwner: null });
    expect(await h.blobKeys('media/mv-stop/')).toEqual([]);
    expect(await h.blobKeys(`sources/${job.id}`)).toEqual([`sources/${job.id}`]);
    h.worker({ pipeline: fakePipeline() }).start();
    expect(await waitForJob(h.ingest, job.id)).toMatchObject({ state: 'ready', attempts: 1 });
  });

  it('takes over a job whose worker died mid-upload and removes that attempt\'s files', async () => {
    const job = await submit('mv-ghost');
    // A worker that claimed it, uploaded one file and died (its lease runs out after 100 ms).
    const ghost = await h.ingest.jobs.claim('ghost', 100);
    expect(ghost?.job.id).toBe(job.id);
    await h.blobs.put(`media/mv-ghost/${job.id}/1/video/seg-1.m4s`, Buffer.from('half an upload'));
    await new Promise((r) => setTimeout(r, 200));
    h.worker({ pipeline: fakePipeline() }).start();
    expect(await waitForJob(h.ingest, job.id)).toMatchObject({ state: 'ready', attempts: 2 });
    await idle();
    expect((await h.blobKeys(`media/mv-ghost/${job.id}/`)).map((k) => k.split('/')[3])).toEqual(['2', '2', '2']);
  });

  it('runs no more jobs at once than its concurrency limit', async () => {
    const jobs = await Promise.all([submit('mv-many'), submit('mv-many'), submit('mv-many')]);
    let running = 0;
    let peak = 0;
    const inner = fakePipeline();
    const pipeline: Pipeline = async (...args) => {
      running += 1;
      peak = Math.max(peak, running);
      await new Promise((r) => setTimeout(r, 100));
      try {
        return await inner(...args);
      } finally {
        running -= 1;
      }
    };
    h.worker({ pipeline, concurrency: 2 }).start();
    for (const job of jobs) expect((await waitForJob(h.ingest, job.id)).state).toBe('ready');
    expect(peak).toBe(2);
    // The last one published wins the title's current revision; every job kept its own folder.
    expect(await currentContentKey(h.db, 'mv-many')).toMatchObject({ keyId: 'a'.repeat(32) });
    for (const job of jobs) expect(await h.blobKeys(`media/mv-many/${job.id}/`)).toHaveLength(3);
  });
});
