import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  openJetStreamLog,
  openLog,
  openSegmentLog,
  partitionFor,
  type Log,
  type LogConsumer,
  type LogRecord,
  type LogRetention,
} from '../../src/platform/log/index.js';

/**
 * One contract for every Log adapter: the segment log always, JetStream when MARQUEE_NATS_URL
 * is set (unique namespace per run, streams deleted afterwards).
 */
interface Harness {
  open(options?: { retention?: LogRetention }): Promise<Log>;
  cleanup(): Promise<void>;
}

const natsUrl = process.env.MARQUEE_NATS_URL;
const runId = `${Date.now().toString(36)}${Math.floor(Math.random() * 1e6).toString(36)}`;
let topicCounter = 0;
const topicsUsed: string[] = [];

function newTopic(): string {
  const topic = `t${runId}_${topicCounter++}`;
  topicsUsed.push(topic);
  return topic;
}

function segmentHarness(): Harness {
  let dir = '';
  return {
    async open(options = {}) {
      dir ||= await fs.mkdtemp(path.join(os.tmpdir(), 'marquee-log-contract-'));
      // Small segments and index spacing so every test crosses segment and index boundaries.
      return openSegmentLog({ dir, segmentBytes: 2048, indexIntervalBytes: 256, retentionCheckMs: 200, ...options });
    },
    async cleanup() {
      if (dir) await fs.rm(dir, { recursive: true, force: true });
    },
  };
}

function jetStreamHarness(url: string): Harness {
  const namespace = `mq${runId}`;
  return {
    open: (options = {}) => openJetStreamLog({ url, namespace, ...options }),
    async cleanup() {
      const log = await openJetStreamLog({ url, namespace });
      for (const topic of topicsUsed) await log.deleteTopic(topic);
      await log.close();
    },
  };
}

const text = (record: LogRecord): string => new TextDecoder().decode(record.value);
const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** Polls until `count` records arrived (or 10 s), then checks briefly that no more come. */
async function pollAll(consumer: LogConsumer, count: number): Promise<LogRecord[]> {
  const records: LogRecord[] = [];
  const deadline = Date.now() + 10_000;
  while (records.length < count && Date.now() < deadline) records.push(...(await consumer.poll(100, 200)));
  records.push(...(await consumer.poll(100, 150)));
  return records;
}

async function withLog<T>(harness: Harness, fn: (log: Log) => Promise<T>, options?: { retention?: LogRetention }): Promise<T> {
  const log = await harness.open(options);
  try {
    return await fn(log);
  } finally {
    await log.close();
  }
}

function records(key: string, count: number, prefix = 'v'): { key: string; value: string }[] {
  return Array.from({ length: count }, (_, i) => ({ key, value: `${prefix}${i}` }));
}

function logContract(name: string, harness: Harness): void {
  describe(`Log contract: ${name}`, () => {
    afterAll(() => harness.cleanup());

    it('appends durably and polls back keys, values, timestamps and positions', async () => {
      await withLog(harness, async (log) => {
        const topic = newTopic();
        const results = await log.append(topic, [
          { key: 'profile-1', value: 'hello', timestamp: 1_700_000_000_000 },
          { key: 'profile-2', value: new Uint8Array([0, 1, 2, 255]) },
          { key: 'prófile-ü', value: '' },
        ]);
        expect(results.map((r) => r.partition)).toEqual(['profile-1', 'profile-2', 'prófile-ü'].map((k) => partitionFor(k, log.partitions)));
        const consumer = await log.consumer(topic, 'g');
        const got = await pollAll(consumer, 3);
        expect(got).toHaveLength(3);
        const byKey = new Map(got.map((r) => [r.key, r]));
        expect(byKey.get('profile-1')).toMatchObject({ topic, timestamp: 1_700_000_000_000, ...results[0] });
        expect(text(byKey.get('profile-1') as LogRecord)).toBe('hello');
        expect([...(byKey.get('profile-2')?.value ?? [])]).toEqual([0, 1, 2, 255]);
        expect(byKey.get('profile-2')?.timestamp).toBeGreaterThan(Date.now() - 60_000);
        expect(byKey.get('prófile-ü')?.value.length).toBe(0);
      });
    });

    it('keeps per-key order across batches, with stable partitions per key', async () => {
      await withLog(harness, async (log) => {
        const topic = newTopic();
        const keys = Array.from({ length: 12 }, (_, i) => `profile-${i}`);
        const partitionsSeen = new Map<string, Set<number>>();
        for (let batch = 0; batch < 5; batch++) {
          const input = keys.flatMap((key) => records(key, 4, `${batch}-`));
          const results = await log.append(topic, input);
          results.forEach((r, i) => {
            const key = input[i]?.key as string;
            partitionsSeen.set(key, (partitionsSeen.get(key) ?? new Set()).add(r.partition));
          });
        }
        for (const [key, seen] of partitionsSeen) expect([...seen]).toEqual([partitionFor(key, log.partitions)]);
        expect(new Set([...partitionsSeen.values()].map((s) => [...s][0])).size).toBeGreaterThan(1);
        const got = await pollAll(await log.consumer(topic, 'g'), 240);
        expect(got).toHaveLength(240);
        for (const key of keys) {
          const mine = got.filter((r) => r.key === key);
          expect(mine.map(text)).toEqual([0, 1, 2, 3, 4].flatMap((b) => [0, 1, 2, 3].map((i) => `${b}-${i}`)));
          const offsets = mine.map((r) => r.offset);
          expect(offsets).toEqual([...offsets].sort((a, b) => a - b));
        }
      });
    });

    it('gives each group every record and keeps their commits apart', async () => {
      await withLog(harness, async (log) => {
        const topic = newTopic();
        await log.append(topic, records('k', 5));
        const a = await log.consumer(topic, 'group-a');
        const gotA = await pollAll(a, 5);
        await a.commit(gotA);
        const b = await log.consumer(topic, 'group-b');
        expect((await pollAll(b, 5)).map(text)).toEqual(gotA.map(text));
        await log.append(topic, records('k', 1, 'new'));
        expect((await pollAll(a, 1)).map(text)).toEqual(['new0']);
      });
    });

    it('assigns a subset of partitions to a consumer', async () => {
      await withLog(harness, async (log) => {
        const topic = newTopic();
        const input = Array.from({ length: 40 }, (_, i) => ({ key: `p${i}`, value: `${i}` }));
        const results = await log.append(topic, input);
        const target = results[0]?.partition as number;
        const got = await pollAll(await log.consumer(topic, 'g', { partitions: [target] }), results.filter((r) => r.partition === target).length);
        expect(got.length).toBe(results.filter((r) => r.partition === target).length);
        expect(got.every((r) => r.partition === target)).toBe(true);
      });
    });

    it('redelivers uncommitted records to the next consumer of the group', async () => {
      await withLog(harness, async (log) => {
        const topic = newTopic();
        await log.append(topic, records('k', 5));
        const first = await log.consumer(topic, 'g');
        const got = await pollAll(first, 5);
        await first.commit(got.slice(0, 2));
        await first.close();
        const second = await log.consumer(topic, 'g');
        expect((await pollAll(second, 3)).map(text)).toEqual(['v2', 'v3', 'v4']);
      });
    });

    it('keeps committed positions across a restart of the whole log', async () => {
      const topic = newTopic();
      await withLog(harness, async (log) => {
        await log.append(topic, records('k', 10));
        const consumer = await log.consumer(topic, 'g');
        await consumer.commit(await pollAll(consumer, 10));
      });
      await withLog(harness, async (log) => {
        await log.append(topic, records('k', 2, 'after'));
        expect((await pollAll(await log.consumer(topic, 'g'), 2)).map(text)).toEqual(['after0', 'after1']);
      });
    });

    it('replays from an offset, a time, the earliest and the latest position', async () => {
      await withLog(harness, async (log) => {
        const topic = newTopic();
        const early = await log.append(topic, records('k', 10, 'a'));
        await sleep(50);
        const cut = Date.now();
        await sleep(50);
        await log.append(topic, records('k', 3, 'b'));
        const consumer = await log.consumer(topic, 'g');
        await consumer.commit(await pollAll(consumer, 13));
        const { partition, offset } = early[4] as { partition: number; offset: number };
        await consumer.seek({ offsets: { [partition]: offset } });
        const fromOffset = await pollAll(consumer, 9);
        expect(fromOffset[0]?.offset).toBe(offset);
        expect(fromOffset.map(text)).toEqual(['a4', 'a5', 'a6', 'a7', 'a8', 'a9', 'b0', 'b1', 'b2']);
        await consumer.seek({ time: cut });
        expect((await pollAll(consumer, 3)).map(text)).toEqual(['b0', 'b1', 'b2']);
        await consumer.seek({ at: 'earliest' });
        expect(await pollAll(consumer, 13)).toHaveLength(13);
        await consumer.seek({ at: 'latest' });
        await log.append(topic, records('k', 1, 'c'));
        expect((await pollAll(consumer, 1)).map(text)).toEqual(['c0']);
        // The seek is the group's position: a new consumer of the group starts there too.
        await consumer.close();
        expect((await pollAll(await log.consumer(topic, 'g'), 1)).map(text)).toEqual(['c0']);
      });
    });

    it('appends a batch of 500 records in one call, all readable', async () => {
      await withLog(harness, async (log) => {
        const topic = newTopic();
        const input = Array.from({ length: 500 }, (_, i) => ({ key: `profile-${i % 37}`, value: `event-${i}` }));
        const results = await log.append(topic, input);
        expect(results).toHaveLength(500);
        expect(new Set(results.map((r) => `${r.partition}:${r.offset}`)).size).toBe(500);
        const got = await pollAll(await log.consumer(topic, 'g'), 500);
        expect(new Set(got.map(text))).toEqual(new Set(input.map((r) => r.value)));
      });
    });

    it('deletes the oldest records past the size limit', async () => {
      await withLog(harness, async (log) => {
        const topic = newTopic();
        const value = 'x'.repeat(100);
        const results = [];
        for (let i = 0; i < 12; i++) results.push(...(await log.append(topic, Array.from({ length: 50 }, () => ({ key: 'k', value })))));
        await sleep(400);
        const got = await pollAll(await log.consumer(topic, 'g'), 1);
        expect(got[0]?.offset).toBeGreaterThan(results[0]?.offset as number);
        expect(got.at(-1)?.offset).toBeLessThanOrEqual(results.at(-1)?.offset as number);
      }, { retention: { maxBytes: 4096 } });
    });

    it('deletes records older than the age limit', async () => {
      await withLog(harness, async (log) => {
        const topic = newTopic();
        await log.append(topic, records('k', 30, 'old'));
        const consumer = await log.consumer(topic, 'g');
        const deadline = Date.now() + 8_000;
        let remaining = 30;
        while (remaining > 0 && Date.now() < deadline) {
          await sleep(250);
          await consumer.seek({ at: 'earliest' });
          remaining = (await consumer.poll(100, 100)).length;
        }
        expect(remaining).toBe(0);
        await log.append(topic, records('k', 1, 'new'));
        expect((await pollAll(consumer, 1)).map(text)).toEqual(['new0']);
      }, { retention: { maxAgeMs: 1000 } });
    });
  });
}

logContract('segment', segmentHarness());
if (natsUrl) logContract('jetstream', jetStreamHarness(natsUrl));
else describe.skip('Log contract: jetstream (set MARQUEE_NATS_URL to run)', () => it('needs NATS', () => {}));

describe('openLog', () => {
  let dataDir = '';
  beforeAll(async () => {
    dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'marquee-log-open-'));
  });
  afterAll(() => fs.rm(dataDir, { recursive: true, force: true }));

  it('fails fast, naming the variable, when NATS is unreachable', async () => {
    const started = Date.now();
    await expect(openLog({ natsUrl: 'nats://127.0.0.1:1', dataDir })).rejects.toThrow(
      /^MARQUEE_NATS_URL: cannot reach NATS at nats:\/\/127\.0\.0\.1:1/,
    );
    expect(Date.now() - started).toBeLessThan(5_000);
  });

  it('opens the segment log under the data dir without a NATS URL', async () => {
    const log = await openLog({ natsUrl: undefined, dataDir });
    expect(log.kind).toBe('segment');
    await log.close();
    await expect(fs.stat(path.join(dataDir, 'log'))).resolves.toBeTruthy();
  });
});
