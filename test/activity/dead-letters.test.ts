import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startConsumer, type ConsumerHandler } from '../../src/activity/consumer-runner.js';
import { listDeadLetters, replayDeadLetters } from '../../src/activity/dead-letters.js';
import { ACTIVITY_TOPIC } from '../../src/activity/schema.js';
import { openSegmentLog, type SegmentLog } from '../../src/platform/log/index.js';

let dir: string;
let log: SegmentLog;

beforeEach(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), 'marquee-dlq-'));
  log = await openSegmentLog({ dir, partitions: 2 });
});
afterEach(async () => {
  await log.close();
  await fs.rm(dir, { recursive: true, force: true });
});

/**
 * A consumer that rejects events of titles it does not know yet (as a consumer needing a catalog
 * entry would), and remembers what it handled: the condition a poison record waits on can be fixed.
 */
function titleConsumer(name: string, known: Set<string>, handled: string[]): ConsumerHandler {
  return {
    name,
    handle(records) {
      const failures = [];
      for (const record of records) {
        const event = JSON.parse(new TextDecoder().decode(record.value)) as { id: string; titleId: string };
        if (known.has(event.titleId)) handled.push(event.id);
        else failures.push({ record, error: `unknown title ${event.titleId}` });
      }
      return Promise.resolve(failures.length ? { failures } : undefined);
    },
  };
}

async function until(check: () => Promise<boolean>, ms = 10_000): Promise<void> {
  const end = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe('dead letters', () => {
  it('poison record → DLQ → list (without consuming) → fix → replay → gone', async () => {
    const known = new Set(['t1']);
    const handled: string[] = [];
    await log.append(ACTIVITY_TOPIC, ['t1', 'bad', 't1', 'bad2'].map((titleId, i) => ({ key: `p${i}`, value: JSON.stringify({ id: `e${i}`, titleId }) })));
    const running = startConsumer({ log, pollWaitMs: 20 }, titleConsumer('titles', known, handled));
    // A second consumer with its own letters, to show listing and replay keep consumers apart.
    const other = startConsumer({ log, pollWaitMs: 20 }, titleConsumer('other', new Set(['bad']), []));
    await until(async () => (await listDeadLetters(log)).length === 5);
    await running.stop();
    await other.stop();
    expect(handled.sort()).toEqual(['e0', 'e2']);

    const pending = await listDeadLetters(log, { consumer: 'titles' });
    expect(pending.map((l) => [l.consumer, l.key, l.error])).toEqual(expect.arrayContaining([
      ['titles', 'p1', 'unknown title bad'],
      ['titles', 'p3', 'unknown title bad2'],
    ]));
    expect(pending).toHaveLength(2);
    expect(JSON.parse(pending[0]?.value ?? '')).toMatchObject({ titleId: expect.stringMatching(/^bad/) });
    // Listing twice shows the same: nothing was consumed.
    expect(await listDeadLetters(log, { consumer: 'titles' })).toHaveLength(2);
    expect(await listDeadLetters(log, { limit: 1 })).toHaveLength(1);

    // Fix one condition only: one succeeds and leaves, the other fails again and stays.
    known.add('bad');
    expect(await replayDeadLetters(log, titleConsumer('titles', known, handled))).toEqual({ replayed: 2, succeeded: 1, failed: 1 });
    expect(handled).toContain('e1');
    const still = await listDeadLetters(log, { consumer: 'titles' });
    expect(still.map((l) => [l.key, l.error])).toEqual([['p3', 'unknown title bad2']]);

    known.add('bad2');
    expect(await replayDeadLetters(log, titleConsumer('titles', known, handled))).toEqual({ replayed: 1, succeeded: 1, failed: 0 });
    expect(await listDeadLetters(log, { consumer: 'titles' })).toEqual([]);
    expect(await replayDeadLetters(log, titleConsumer('titles', known, handled))).toEqual({ replayed: 0, succeeded: 0, failed: 0 });
    // The other consumer's letters are untouched by the replays of `titles`.
    expect((await listDeadLetters(log)).map((l) => l.consumer)).toEqual(['other', 'other', 'other']);
  });
});
