import { randomBytes } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { DummyDriver, Kysely, PostgresAdapter, PostgresIntrospector, PostgresQueryCompiler } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MediaError } from '../../../src/media/errors.js';
import { canTransition, classifyFailure, JOB_STATES, predecessors, stageOf, type JobState } from '../../../src/media/jobs/model.js';
import { commitPublication } from '../../../src/media/jobs/publish.js';
import { currentContentKey, currentRevision, jobContentKey } from '../../../src/media/jobs/revisions.js';
import { claimQuery, JobStore } from '../../../src/media/jobs/store.js';
import type { MediaJobTables } from '../../../src/media/jobs/tables.js';
import { allMigrations } from '../../../src/migrations.js';
import { migrate, openPglite, openPostgres, type Db } from '../../../src/platform/db/index.js';

describe('job state machine', () => {
  it('allows exactly the documented transitions', () => {
    const allowed = (from: JobState): JobState[] => JOB_STATES.filter((to) => canTransition(from, to));
    expect(allowed('queued')).toEqual(['probing', 'failed']);
    expect(allowed('analysing')).toEqual(['queued', 'probing', 'analysing', 'encoding', 'packaging', 'trickplay', 'qc', 'failed']);
    expect(allowed('qc')).toEqual(['queued', 'probing', 'qc', 'ready', 'failed']);
    expect(allowed('ready')).toEqual([]);
    expect(allowed('failed')).toEqual([]);
    expect(predecessors('ready')).toEqual(['qc']);
  });

  it('numbers the running stages for "encoding 3/6"', () => {
    expect(stageOf('encoding')).toEqual({ index: 3, count: 6 });
    expect(stageOf('queued')).toBeNull();
  });

  it('fails bad sources and QC for good, retries our own failures', () => {
    expect(classifyFailure(new MediaError('MEDIA_NOT_VIDEO'))).toMatchObject({ code: 'MEDIA_NOT_VIDEO', permanent: true });
    expect(classifyFailure(new MediaError('MEDIA_QC_FAILED'))).toMatchObject({ permanent: true });
    expect(classifyFailure(new MediaError('MEDIA_TOOL_FAILED'))).toMatchObject({ permanent: false });
    expect(classifyFailure(new Error('disk full'))).toEqual({ code: 'JOB_INTERNAL', message: 'disk full', permanent: false });
  });
});

describe('claim query', () => {
  it('is one UPDATE over a SKIP LOCKED sub-select', async () => {
    // Compiling needs no database: a PostgreSQL dialect over a dummy driver.
    const builder = new Kysely<MediaJobTables>({
      dialect: {
        createAdapter: () => new PostgresAdapter(),
        createDriver: () => new DummyDriver(),
        createIntrospector: (k) => new PostgresIntrospector(k),
        createQueryCompiler: () => new PostgresQueryCompiler(),
      },
    });
    {
      const { sql: text, parameters } = claimQuery(builder, 'w1', 30_000).compile();
      expect(text).toBe(
        'update "media_jobs" set "state" = $1, "progress" = $2, "attempts" = attempts + 1, "lease_owner" = $3, ' +
          '"lease_expires_at" = now() + make_interval(secs => $4), "updated_at" = now() ' +
          'where "id" = (select "id" from "media_jobs" where ("state" = $5 or ("state" in ($6, $7, $8, $9, $10, $11) ' +
          'and "lease_expires_at" < now() and "attempts" < "max_attempts")) order by "created_at" limit $12 for update skip locked) returning *',
      );
      expect(parameters).toEqual(['probing', 0, 'w1', 30, 'queued', 'probing', 'analysing', 'encoding', 'packaging', 'trickplay', 'qc', 1]);
    }
  });
});

// PGlite always; PostgreSQL too when MARQUEE_DATABASE_URL is set (a fresh schema, dropped afterwards).
const targets: Array<{ name: string; open: () => Promise<{ db: Db; close: () => Promise<void> }> }> = [
  { name: 'pglite', open: async () => { const db = await openPglite(undefined); return { db, close: () => db.close() }; } },
];
const databaseUrl = process.env.MARQUEE_DATABASE_URL;
if (databaseUrl) {
  targets.push({
    name: 'postgres',
    open: async () => {
      const schema = `marquee_jobs_${randomBytes(5).toString('hex')}`;
      const db = await openPostgres({ url: databaseUrl, schema, poolSize: 4 });
      return { db, close: async () => { await db.exec(`drop schema ${schema} cascade`); await db.close(); } };
    },
  });
}

describe.each(targets)('job store on $name', ({ open }) => {
  let db: Db;
  let close: () => Promise<void>;
  let store: JobStore;
  const key = { keyId: '0'.repeat(32), key: '1'.repeat(32) };

  beforeAll(async () => {
    ({ db, close } = await open());
    await migrate(db, allMigrations);
    store = new JobStore(db);
  });
  afterAll(async () => close?.());

  const enqueue = (titleId: string, maxAttempts?: number) => store.enqueue({ titleId, sourceKey: `sources/${titleId}`, maxAttempts });
  /** Claims until `id` comes up (other tests' jobs may be queued ahead); the others are failed out of the way. */
  async function claimJob(id: string, owner: string, leaseMs = 30_000) {
    for (;;) {
      const claimed = await store.claim(owner, leaseMs);
      if (!claimed) throw new Error(`job ${id} was not claimable`);
      if (claimed.job.id === id) return claimed;
      await store.fail(claimed.lease, 'JOB_INTERNAL', 'cleared by the test');
    }
  }

  it('claims a queued job once, under a lease, and moves it through the stages', async () => {
    const job = await enqueue('t-claim');
    expect(job).toMatchObject({ state: 'queued', attempts: 0, maxAttempts: 3, progress: 0, leaseOwner: null });
    const { lease, job: claimed } = await claimJob(job.id, 'w1');
    expect(claimed).toMatchObject({ state: 'probing', attempts: 1, leaseOwner: 'w1' });
    expect(new Date(claimed.leaseExpiresAt ?? 0).getTime()).toBeGreaterThan(Date.now() + 20_000);
    expect(await store.claim('w2', 30_000)).toBeUndefined();

    expect(await store.progress(lease, 'encoding', 0.4, 30_000)).toBe(true);
    expect(await store.get(job.id)).toMatchObject({ state: 'encoding', progress: 0.4, stage: { index: 3, count: 6 } });
    // Backwards, or by someone else's lease: no row matches.
    expect(await store.progress(lease, 'probing', 0.1, 30_000)).toBe(false);
    expect(await store.progress({ ...lease, owner: 'w2' }, 'qc', 0.9, 30_000)).toBe(false);
    expect(await store.progress({ ...lease, attempt: 2 }, 'qc', 0.9, 30_000)).toBe(false);
    expect(await store.progress(lease, 'qc', 0.9, 30_000)).toBe(true);
    expect(await commitPublication(db, lease, { titleId: 't-claim', episodeId: null, prefix: 'media/t-claim/x/1', hls: 'media/t-claim/x/1/master.m3u8', dash: 'media/t-claim/x/1/manifest.mpd', key })).toBe(true);
    expect(await store.get(job.id)).toMatchObject({ state: 'ready', progress: 1, leaseOwner: null, output: { hls: 'media/t-claim/x/1/master.m3u8' } });
    expect(await currentContentKey(db, 't-claim')).toEqual({ ...key, jobId: job.id });
    expect(await currentRevision(db, 't-claim', null)).toEqual({
      titleId: 't-claim', episodeId: null, jobId: job.id, prefix: 'media/t-claim/x/1',
      hlsKey: 'media/t-claim/x/1/master.m3u8', dashKey: 'media/t-claim/x/1/manifest.mpd', ...key,
    });
    expect(await jobContentKey(db, job.id)).toEqual(key);
    // Published once: the same lease cannot commit again, and a finished job takes no more writes.
    expect(await commitPublication(db, lease, { titleId: 't-claim', episodeId: null, prefix: 'p', hls: 'h', dash: 'd', key })).toBe(false);
    expect(await store.heartbeat(lease, 30_000)).toBe(false);
    expect(await store.fail(lease, 'JOB_INTERNAL', 'too late')).toBe(false);
  });

  it('hands a job whose lease expired to another worker, fencing the first one out', async () => {
    const job = await enqueue('t-expire');
    const first = await claimJob(job.id, 'w1', 150);
    expect(await store.claim('w2', 150)).toBeUndefined();
    await sleep(300);
    const second = await store.claim('w2', 30_000);
    expect(second?.job).toMatchObject({ id: job.id, state: 'probing', attempts: 2, leaseOwner: 'w2' });
    expect(await store.heartbeat(first.lease, 30_000)).toBe(false);
    expect(await store.progress(first.lease, 'qc', 1, 30_000)).toBe(false);
    expect(await commitPublication(db, first.lease, { titleId: 't-expire', episodeId: null, prefix: 'p', hls: 'h', dash: 'd', key })).toBe(false);
    expect(await currentContentKey(db, 't-expire')).toBeUndefined();
    expect(await store.heartbeat(second!.lease, 30_000)).toBe(true);
    await store.fail(second!.lease, 'JOB_INTERNAL', 'done with it');
  });

  it('fails a job whose worker died on its last attempt, instead of claiming it again', async () => {
    const job = await enqueue('t-dead', 1);
    await claimJob(job.id, 'w1', 100);
    await sleep(250);
    expect(await store.claim('w2', 30_000)).toBeUndefined();
    const dead = await store.failExhausted();
    expect(dead.map((d) => d.id)).toEqual([job.id]);
    expect(dead[0]).toMatchObject({ sourceKey: 'sources/t-dead', state: 'failed', reason: { code: 'JOB_ATTEMPTS_EXHAUSTED' } });
    expect(await store.failExhausted()).toEqual([]);
  });

  it('releases on shutdown without spending the attempt, and on a retryable error with the reason kept', async () => {
    const job = await enqueue('t-release');
    const a = await claimJob(job.id, 'w1');
    expect(await store.release(a.lease, { countAttempt: false })).toBe(true);
    expect(await store.get(job.id)).toMatchObject({ state: 'queued', attempts: 0, leaseOwner: null });
    const b = await claimJob(job.id, 'w1');
    expect(b.lease.attempt).toBe(1);
    await store.release(b.lease, { countAttempt: true, reason: { code: 'MEDIA_TOOL_FAILED', message: 'ffmpeg crashed' } });
    expect(await store.get(job.id)).toMatchObject({ state: 'queued', attempts: 1, reason: { code: 'MEDIA_TOOL_FAILED' } });
    const c = await claimJob(job.id, 'w1');
    expect(c.lease.attempt).toBe(2);
    await store.fail(c.lease, 'MEDIA_NOT_VIDEO', 'not a video');
    expect(await store.list({ titleId: 't-release' })).toMatchObject([{ state: 'failed', reason: { code: 'MEDIA_NOT_VIDEO', message: 'not a video' } }]);
  });

  it('gives concurrent claimers different jobs', async () => {
    const jobs = await Promise.all(['c1', 'c2', 'c3', 'c4'].map((t) => enqueue(`t-${t}`)));
    const claims = await Promise.all(['a', 'b', 'c', 'd', 'e'].map((owner) => store.claim(owner, 30_000)));
    const ids = claims.flatMap((c) => (c ? [c.job.id] : []));
    expect(ids.sort()).toEqual(jobs.map((j) => j.id).sort());
    expect(claims.filter((c) => c === undefined)).toHaveLength(1);
  });
});
