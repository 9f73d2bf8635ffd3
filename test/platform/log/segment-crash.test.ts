import { spawn } from 'node:child_process';
import fs from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { openSegmentLog } from '../../../src/platform/log/index.js';
import { drain, tempDir, text } from './helpers.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const repoRoot = path.resolve(here, '../../..');
const dirs: string[] = [];
afterAll(() => Promise.all(dirs.map((dir) => fs.rm(dir, { recursive: true, force: true }))));

/** Runs the writer until it has acked at least `target` records, then SIGKILLs it. */
function runAndKill(dir: string, target: number): Promise<string[]> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', path.join(here, 'fixtures/crash-writer.ts'), dir], {
      cwd: repoRoot,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    let acked = 0;
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      out += chunk;
      acked += chunk.split('\n').length - 1;
      if (acked >= target && child.exitCode === null) child.kill('SIGKILL');
    });
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (err += chunk));
    child.on('error', reject);
    child.on('exit', (_code, signal) => {
      if (signal !== 'SIGKILL') reject(new Error(`writer exited on its own: ${err}`));
      // A line cut by the kill was never fully printed, so it does not count as acknowledged.
      else resolve(out.split('\n').slice(0, -1));
    });
  });
}

describe('segment log crash durability', () => {
  it('keeps every acknowledged record when the writer is SIGKILLed mid-stream', async () => {
    const dir = await tempDir();
    dirs.push(dir);
    const lines = await runAndKill(dir, 5000);
    expect(lines.length).toBeGreaterThanOrEqual(5000);

    const log = await openSegmentLog({ dir, partitions: 4, segmentBytes: 32 * 1024 });
    const stored = await drain(await log.consumer('activity', 'verify'));
    const byPosition = new Map(stored.map((r) => [`${r.partition} ${r.offset}`, r]));
    for (const line of lines) {
      const [partition, offset, key, value] = line.split(' ');
      const record = byPosition.get(`${partition} ${offset}`);
      expect(record, `acked record ${partition}/${offset} missing`).toBeDefined();
      expect(record?.key).toBe(key);
      expect(text(record as NonNullable<typeof record>)).toBe(value);
    }
    // Offsets are dense per partition after recovery, and appends continue after the last one.
    for (let p = 0; p < 4; p++) {
      const offsets = stored.filter((r) => r.partition === p).map((r) => r.offset);
      expect(offsets).toEqual(offsets.map((_, i) => i));
    }
    const [next] = await log.append('activity', [{ key: 'profile-0', value: 'after-crash' }]);
    const partitionSize = stored.filter((r) => r.partition === next?.partition).length;
    expect(next?.offset).toBe(partitionSize);
    await log.close();
  });
});
