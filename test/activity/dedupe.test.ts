import { describe, expect, it } from 'vitest';
import { EventIngest, RecentEventIds } from '../../src/activity/index.js';
import type { ProfileAccess } from '../../src/accounts/profiles.js';
import type { AppendResult, Log, LogRecordInput } from '../../src/platform/log/index.js';
import { heartbeat } from './harness.js';

const auth = { accountId: 'acct-1', sessionId: 's-1' };
const profiles = { access: async () => ({ viewer: { country: 'US', maxMaturityLevel: 9 } }) as unknown as ProfileAccess };

/** A log whose appends the test settles by hand. */
function manualLog() {
  const pending: { records: readonly LogRecordInput[]; resolve(r: AppendResult[]): void; reject(e: unknown): void }[] = [];
  const log = {
    append: (_topic: string, records: readonly LogRecordInput[]) =>
      new Promise<AppendResult[]>((resolve, reject) => pending.push({ records, resolve, reject })),
  } as unknown as Log;
  return { log, pending };
}

/** A fresh copy per call, as each HTTP request parses its own (ingest adds server fields in place). */
const copy = <T>(value: T): T => structuredClone(value);
const tick = () => new Promise((resolve) => setTimeout(resolve, 5));

describe('duplicate window', () => {
  it('makes a repeat wait until the first copy is durable, and counts it as a duplicate', async () => {
    const { log, pending } = manualLog();
    const ingest = new EventIngest({ log, profiles, dedupe: new RecentEventIds(100) });
    const events = [heartbeat('p1'), heartbeat('p1')];
    const first = ingest.ingest(auth, copy(events));
    await tick();
    let secondDone = false;
    const second = ingest.ingest(auth, copy(events)).then((r) => ((secondDone = true), r));
    await tick();
    expect(pending).toHaveLength(1);
    expect(secondDone).toBe(false);
    pending[0]?.resolve([{ partition: 0, offset: 0 }, { partition: 0, offset: 1 }]);
    expect(await first).toMatchObject({ accepted: 2, duplicates: 0 });
    expect(await second).toMatchObject({ accepted: 0, duplicates: 2 });
  });

  it('forgets the ids of a failed append so the retry is stored', async () => {
    const { log, pending } = manualLog();
    const ingest = new EventIngest({ log, profiles, dedupe: new RecentEventIds(100) });
    const events = [heartbeat('p1')];
    const first = ingest.ingest(auth, copy(events));
    await tick();
    pending[0]?.reject(new Error('disk full'));
    await expect(first).rejects.toThrow('disk full');
    const retry = ingest.ingest(auth, copy(events));
    await tick();
    expect(pending).toHaveLength(2);
    pending[1]?.resolve([{ partition: 0, offset: 0 }]);
    expect(await retry).toMatchObject({ accepted: 1, duplicates: 0 });
  });

  it('keeps between half and all of its capacity, per profile and in profiles', () => {
    const recent = new RecentEventIds(16, 4);
    const done = Promise.resolve();
    const window = recent.windowFor('p1');
    for (const id of ['a', 'b', 'c', 'd', 'e']) window.add(id, done);
    expect(['a', 'b', 'c', 'd', 'e'].filter((id) => window.get(id))).toEqual(['c', 'd', 'e']);
    // 16 ids at 4 per profile: windows of 2 to 4 profiles; the one in use survives a rotation.
    for (const p of ['p2', 'p3', 'p1', 'p4', 'p5']) recent.windowFor(p);
    expect(recent.windowFor('p1')).toBe(window);
    expect(recent.profileCount).toBeLessThanOrEqual(4);
  });
});
