import { spawn } from 'node:child_process';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CatalogService } from '../../../src/catalog/service.js';
import { IngestService } from '../../../src/media/jobs/ingest.js';
import { isRunning, type Job } from '../../../src/media/jobs/model.js';
import type { MediaJobTables } from '../../../src/media/jobs/tables.js';
import { IngestWorker, type JobEvent } from '../../../src/media/jobs/worker.js';
import { allMigrations } from '../../../src/migrations.js';
import { openFsBlobStore } from '../../../src/platform/blobs/index.js';
import { migrate, openPglite, type Db } from '../../../src/platform/db/index.js';
import { hasFfmpeg, makeClip, mediaTools, tempDir } from '../helpers.js';
import { eventually, mediaCatalog, waitForJob } from './harness.js';

const CHILD = fileURLToPath(new URL('./fixtures/worker-child.ts', import.meta.url));
const LEASE_MS = 2_000;

/** Runs the child worker until it reports `stage` for the job, then SIGKILLs it (and its ffmpeg) as a crash would. */
async function killChildDuring(dataDir: string, jobId: string, stage: string): Promise<JobEvent[]> {
  // Own process group, so the kill takes its ffmpeg too, like a machine or container dying.
  const child = spawn(process.execPath, ['--import', 'tsx', CHILD, JSON.stringify({ dataDir, leaseMs: LEASE_MS })], {
    detached: true,
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const exited = new Promise<NodeJS.Signals | null>((resolve) => child.once('exit', (_code, signal) => resolve(signal)));
  const events: JobEvent[] = [];
  for await (const line of createInterface({ input: child.stdout })) {
    const event = JSON.parse(line) as JobEvent | { started: string };
    if (!('jobId' in event)) continue;
    events.push(event);
    if (event.jobId === jobId && event.state === stage) {
      process.kill(-child.pid!, 'SIGKILL');
      break;
    }
    if (event.state === 'ready' || event.state === 'failed') break;
  }
  expect(await exited).toBe('SIGKILL');
  return events;
}

describe.skipIf(!hasFfmpeg)('a worker killed mid-encode (needs ffmpeg)', () => {
  let dataDir: string;
  let remove: () => Promise<void>;
  let db: Db | undefined;

  beforeAll(async () => {
    ({ dir: dataDir, remove } = await tempDir('crash'));
  });
  afterAll(async () => {
    await db?.close();
    await remove?.();
  });

  it('is retried by another worker once the lease expires, and published exactly once', async () => {
    // Queue the job, then let go of the database: PGlite is single-process, the child opens it next.
    const clipPath = path.join(dataDir, 'clip.mp4');
    await makeClip(clipPath, 4, '426x240');
    db = await openPglite(path.join(dataDir, 'db'));
    await migrate(db, allMigrations);
    const blobs = await openFsBlobStore(path.join(dataDir, 'blobs'));
    let catalog = new CatalogService(db);
    await catalog.refresh();
    await catalog.importCatalog(mediaCatalog.genres, mediaCatalog.titles);
    const queued = await new IngestService({ db, blobs, catalog, uploadLimitBytes: 1 << 30 }).submit('mv-killed', {}, (await import('node:fs')).createReadStream(clipPath));
    await db.close();
    db = undefined;

    const childEvents = await killChildDuring(dataDir, queued.id, 'encoding');
    expect([...new Set(childEvents.map((e) => e.state))]).toEqual(['probing', 'analysing', 'encoding']);
    expect(childEvents.every((e) => e.attempt === 1)).toBe(true);

    // The database survives the crash; the job still looks owned by the dead worker.
    db = await openPglite(path.join(dataDir, 'db'));
    const ingest = new IngestService({ db, blobs, catalog, uploadLimitBytes: 1 << 30 });
    const orphaned = (await ingest.jobs.get(queued.id)) as Job;
    expect(isRunning(orphaned.state)).toBe(true);
    expect(orphaned).toMatchObject({ attempts: 1, leaseOwner: expect.stringMatching(/^child-/) });

    catalog = new CatalogService(db);
    await catalog.refresh();
    const published: JobEvent[] = [];
    const worker = new IngestWorker({
      db,
      blobs,
      catalog,
      workRoot: path.join(dataDir, 'work'),
      leaseMs: LEASE_MS,
      pollMs: 100,
      processing: { tools: await mediaTools(), segmentSeconds: 2, ladder: { heights: [144, 240] } },
      onEvent: (e) => e.state === 'ready' && published.push(e),
    });
    const restartedAt = Date.now();
    worker.start();
    try {
      const done = await waitForJob(ingest, queued.id, 120_000);
      expect(done).toMatchObject({ state: 'ready', attempts: 2, reason: null, output: { prefix: `media/mv-killed/${queued.id}/2` } });
      // Taken over only after the dead worker's lease ran out.
      expect(new Date(orphaned.leaseExpiresAt!).getTime()).toBeLessThanOrEqual(restartedAt + LEASE_MS);
      await eventually(async () => (await readdir(path.join(dataDir, 'work'))).length === 0);
    } finally {
      await worker.stop();
    }

    // Exactly once: one publication event, one revision, one key, one attempt folder in blobs.
    expect(published).toHaveLength(1);
    const q = db.builder<MediaJobTables>();
    expect(await q.selectFrom('media_revisions').select(['title_id', 'job_id', 'prefix']).where('title_id', '=', 'mv-killed').execute())
      .toEqual([{ title_id: 'mv-killed', job_id: queued.id, prefix: `media/mv-killed/${queued.id}/2` }]);
    expect(await q.selectFrom('media_keys').select('job_id').where('job_id', '=', queued.id).execute()).toHaveLength(1);
    const folders = new Set<string>();
    for await (const info of blobs.list(`media/mv-killed/${queued.id}/`)) folders.add(info.key.split('/')[3] ?? '');
    expect([...folders]).toEqual(['2']);
    const master = await readFile(path.join(dataDir, 'blobs', `media/mv-killed/${queued.id}/2/master.m3u8`), 'utf8');
    expect(master).toContain('#EXT-X-STREAM-INF');
    expect(catalog.view().snapshot.byId.get('mv-killed')?.playable).toBe(true);
  }, 180_000);
});
