import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrate, openPglite, type Db } from '../../src/platform/db/index.js';
import { JobLease } from '../../src/recs/jobs/lease.js';
import { recsJobMigrations } from '../../src/recs/jobs/migrations.js';
import { startRecsScheduler } from '../../src/recs/jobs/scheduler.js';
import type { RecsRunResult } from '../../src/recs/jobs/runner.js';

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));
const quiet = { info: () => undefined, warn: () => undefined, error: () => undefined };

describe('the jobs lease', () => {
  let db: Db;
  beforeAll(async () => {
    db = await openPglite(undefined);
    await migrate(db, recsJobMigrations);
  }, 180_000);
  afterAll(() => db.close());

  it('is held by one owner at a time, released, and taken over once expired', async () => {
    const a = new JobLease(db, 'a', 400, 'l1');
    const b = new JobLease(db, 'b', 400, 'l1');
    expect(await a.acquire()).toBe(true);
    expect(await b.acquire()).toBe(false);
    expect(await b.holder()).toBe('a');
    expect(await a.acquire()).toBe(true); // renewing its own lease
    await a.release();
    expect(await b.acquire()).toBe(true);
    await sleep(500); // b crashed without releasing: the lease lapses
    expect(await b.holder()).toBeUndefined();
    expect(await a.acquire()).toBe(true);
    expect(await b.renew()).toBe(false);
    await a.release();
  });

  it('lets only one of two concurrent runs work', async () => {
    const a = new JobLease(db, 'a', 5_000, 'l2');
    const b = new JobLease(db, 'b', 5_000, 'l2');
    let active = 0;
    let maxActive = 0;
    const work = async (): Promise<string> => {
      active++;
      maxActive = Math.max(maxActive, active);
      await sleep(300);
      active--;
      return 'done';
    };
    const outcomes = await Promise.all([a.runExclusive(work), b.runExclusive(work)]);
    expect(outcomes.filter((o) => o.ran)).toHaveLength(1);
    expect(outcomes.find((o) => !o.ran)).toMatchObject({ ran: false });
    expect(maxActive).toBe(1);
    expect(await a.holder()).toBeUndefined(); // released after the run
  });

  it('keeps a long run leased by renewing it', async () => {
    const a = new JobLease(db, 'a', 300, 'l3');
    const b = new JobLease(db, 'b', 300, 'l3');
    const outcome = await a.runExclusive(async () => {
      await sleep(800); // well past one TTL
      return b.acquire();
    });
    expect(outcome).toEqual({ ran: true, value: false });
  });

  it('two schedulers on one lease never run together', async () => {
    let active = 0;
    let maxActive = 0;
    let runs = 0;
    const run = async (): Promise<RecsRunResult> => {
      active++;
      runs++;
      maxActive = Math.max(maxActive, active);
      await sleep(150);
      active--;
      return { manifest: { version: `v${runs}`, createdAt: new Date().toISOString(), rows: { trending: 0, top10: 0, similar: 0, affinity: 0, popularity: 0, communities: 0 }, jobSeconds: {}, eventsRead: 0 }, pruned: [] };
    };
    const one = startRecsScheduler({ intervalMs: 20, lease: new JobLease(db, 'one', 2_000, 'l4'), run, logger: quiet });
    const two = startRecsScheduler({ intervalMs: 20, lease: new JobLease(db, 'two', 2_000, 'l4'), run, logger: quiet });
    await sleep(1_000);
    await Promise.all([one.stop(), two.stop()]);
    expect(runs).toBeGreaterThan(2);
    expect(maxActive).toBe(1);
  });
});
