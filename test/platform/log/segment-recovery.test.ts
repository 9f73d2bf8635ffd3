import fs from 'node:fs/promises';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openSegmentLog, type SegmentLog, type SegmentLogOptions } from '../../../src/platform/log/index.js';
import { drain, segmentFiles, tempDir, text } from './helpers.js';

// Embedded-only: what the segment log does with damaged files, which JetStream handles itself.
const opened: SegmentLog[] = [];
const dirs: string[] = [];

async function open(dir: string, options: Partial<SegmentLogOptions> = {}): Promise<SegmentLog> {
  const log = await openSegmentLog({ dir, partitions: 1, segmentBytes: 1024, indexIntervalBytes: 128, ...options });
  opened.push(log);
  return log;
}

async function withRecords(count: number, options: Partial<SegmentLogOptions> = {}): Promise<{ dir: string; last: string }> {
  const dir = await tempDir();
  dirs.push(dir);
  const log = await open(dir, options);
  for (let i = 0; i < count; i++) await log.append('t', [{ key: 'k', value: `record-${i}`, timestamp: 1000 + i }]);
  await log.close();
  return { dir, last: (await segmentFiles(dir, 't')).at(-1) as string };
}

async function readAll(log: SegmentLog): Promise<string[]> {
  const consumer = await log.consumer('t', `reader-${Math.random().toString(36).slice(2)}`);
  return (await drain(consumer)).map(text);
}

const expected = (count: number): string[] => Array.from({ length: count }, (_, i) => `record-${i}`);

afterEach(async () => {
  await Promise.all(opened.splice(0).map((log) => log.close()));
  await Promise.all(dirs.splice(0).map((dir) => fs.rm(dir, { recursive: true, force: true })));
});

describe('segment log recovery', () => {
  it('truncates a record torn mid-write and keeps appending after it', async () => {
    const { dir, last } = await withRecords(40);
    const size = (await fs.stat(last)).size;
    await fs.truncate(last, size - 5);
    const log = await open(dir);
    expect(await readAll(log)).toEqual(expected(39));
    expect((await log.topic('t')).partitions[0]?.truncatedBytes).toBeGreaterThan(0);
    expect(await log.append('t', [{ key: 'k', value: 'record-39' }])).toEqual([{ partition: 0, offset: 39 }]);
    await log.close();
    expect(await readAll(await open(dir))).toEqual(expected(40));
  });

  it('drops garbage after the last complete record', async () => {
    const { dir, last } = await withRecords(10);
    await fs.appendFile(last, Buffer.alloc(37, 0xab));
    const log = await open(dir);
    expect(await readAll(log)).toEqual(expected(10));
    expect((await log.append('t', [{ key: 'k', value: 'next' }]))[0]?.offset).toBe(10);
  });

  it('drops a zero-filled tail (blocks allocated but never written)', async () => {
    const { dir, last } = await withRecords(10);
    await fs.appendFile(last, Buffer.alloc(512));
    expect(await readAll(await open(dir))).toEqual(expected(10));
  });

  it('detects a CRC mismatch in the tail record and cuts it off', async () => {
    const { dir, last } = await withRecords(10);
    const bytes = await fs.readFile(last);
    bytes.writeUInt8(bytes.readUInt8(bytes.length - 2) ^ 0xff, bytes.length - 2);
    await fs.writeFile(last, bytes);
    const log = await open(dir);
    expect(await readAll(log)).toEqual(expected(9));
    expect((await log.append('t', [{ key: 'k', value: 'record-9' }]))[0]?.offset).toBe(9);
  });

  it('reports corruption inside a sealed segment on read instead of skipping data', async () => {
    const { dir } = await withRecords(60);
    const first = (await segmentFiles(dir, 't'))[0] as string;
    const bytes = await fs.readFile(first);
    bytes.writeUInt8(bytes.readUInt8(40) ^ 0xff, 40);
    await fs.writeFile(first, bytes);
    const log = await open(dir);
    await expect(readAll(log)).rejects.toThrow(/corrupt record/);
  });

  it('saves sparse indexes of sealed segments and rebuilds missing or stale ones', async () => {
    const { dir } = await withRecords(80);
    const segments = await segmentFiles(dir, 't');
    expect(segments.length).toBeGreaterThanOrEqual(3);
    for (const segment of segments.slice(0, -1)) await expect(fs.stat(segment.replace(/\.log$/, '.idx'))).resolves.toBeTruthy();
    await fs.rm((segments[0] as string).replace(/\.log$/, '.idx'));
    await fs.writeFile((segments[1] as string).replace(/\.log$/, '.idx'), 'not an index');
    const log = await open(dir);
    expect(await readAll(log)).toEqual(expected(80));
    const consumer = await log.consumer('t', 'seeker');
    for (const offset of [0, 13, 37, 52, 79]) {
      await consumer.seek({ offsets: { 0: offset } });
      expect((await consumer.poll(1, 0)).map(text)).toEqual([`record-${offset}`]);
    }
    for (const time of [1000, 1021, 1066, 1079]) {
      await consumer.seek({ time });
      expect((await consumer.poll(1, 0))[0]?.timestamp).toBe(time);
    }
    await consumer.seek({ time: 5000 });
    expect(await consumer.poll(1, 0)).toEqual([]);
  });

  it('refuses a second open of the same directory and a changed partition count', async () => {
    const dir = await tempDir();
    dirs.push(dir);
    const log = await open(dir);
    await log.append('t', [{ key: 'k', value: 'v' }]);
    await expect(open(dir)).rejects.toThrow(/already open/);
    await log.close();
    const resized = await open(dir, { partitions: 4 });
    await expect(resized.append('t', [{ key: 'k', value: 'v' }])).rejects.toThrow(/has 1 partitions, configured 4/);
  });
});

describe('segment log group commit', () => {
  it('makes a 500-record batch durable with one commit', async () => {
    const dir = await tempDir();
    dirs.push(dir);
    const log = await open(dir, { partitions: 8 });
    await log.append('t', [{ key: 'warm-up', value: 'x' }]);
    const before = log.commits;
    const results = await log.append('t', Array.from({ length: 500 }, (_, i) => ({ key: `p${i % 50}`, value: `v${i}` })));
    expect(results).toHaveLength(500);
    expect(log.commits - before).toBe(1);
  });

  it('shares one fsync between appends issued together', async () => {
    const dir = await tempDir();
    dirs.push(dir);
    const log = await open(dir, { partitions: 4 });
    const before = log.commits;
    await Promise.all(Array.from({ length: 50 }, (_, i) => log.append('t', [{ key: `p${i}`, value: 'v' }])));
    expect(log.commits - before).toBeLessThanOrEqual(2);
    expect(await readAll(log)).toHaveLength(50);
    expect(path.basename((await segmentFiles(dir, 't'))[0] as string)).toBe('00000000000000000000.log');
  });
});
