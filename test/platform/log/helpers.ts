import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { LogConsumer, LogRecord } from '../../../src/platform/log/index.js';

/** A fresh temporary directory for one test's log. */
export function tempDir(): Promise<string> {
  return fs.mkdtemp(path.join(os.tmpdir(), 'marquee-seglog-'));
}

/** Segment files of a partition, oldest first. */
export async function segmentFiles(dir: string, topic: string, partition = 0): Promise<string[]> {
  const partitionDir = path.join(dir, topic, String(partition));
  const names = (await fs.readdir(partitionDir)).filter((name) => name.endsWith('.log')).sort();
  return names.map((name) => path.join(partitionDir, name));
}

/** Everything the consumer can read now (stops after a short quiet period). */
export async function drain(consumer: LogConsumer): Promise<LogRecord[]> {
  const out: LogRecord[] = [];
  for (;;) {
    const batch = await consumer.poll(1000, 100);
    if (batch.length === 0) return out;
    out.push(...batch);
  }
}

export const text = (record: LogRecord): string => new TextDecoder().decode(record.value);
