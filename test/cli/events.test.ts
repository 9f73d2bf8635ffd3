import { execFile } from 'node:child_process';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deadLetters } from '../../src/activity/consumer-runner.js';
import { openSegmentLog } from '../../src/platform/log/index.js';

const run = promisify(execFile);
let dataDir: string;

/** Runs `marquee events …` as a user would, with the data dir at a temp dir. */
async function marquee(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run(process.execPath, ['--import', 'tsx', 'src/cli.ts', 'events', ...args], {
      env: { ...process.env, MARQUEE_DATA_DIR: dataDir, MARQUEE_DATABASE_URL: '', MARQUEE_NATS_URL: '', MARQUEE_REDIS_URL: '', LOG_LEVEL: 'warn' },
      timeout: 400_000, // tsx start-up is slow on a loaded machine
    });
    return { code: 0, stdout, stderr };
  } catch (err) {
    const e = err as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

beforeAll(async () => {
  dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'marquee-cli-events-'));
  const log = await openSegmentLog({ dir: path.join(dataDir, 'log') });
  const record = { topic: 'activity', partition: 3, offset: 7, key: 'p1', value: new TextEncoder().encode('{"type":"heartbeat"'), timestamp: 1_700_000_000_000 };
  const [letter] = deadLetters('counters', [{ record, error: 'value is not JSON' }]);
  await log.append('activity-dlq', [{ key: 'p1', value: JSON.stringify(letter) }]);
  await log.close();
});
afterAll(async () => fs.rm(dataDir, { recursive: true, force: true }));

describe('marquee events', () => {
  it('lists dead letters as text and JSON, twice (listing consumes nothing)', async () => {
    const text = await marquee('dlq', 'list');
    expect(text.stderr).toBe('');
    expect(text.stdout).toMatch(/counters {2}activity\/3@7 {2}key=p1 {2}value is not JSON\n1 pending\n$/);
    const json = await marquee('dlq', 'list', '--consumer', 'counters', '--json');
    expect(JSON.parse(json.stdout)).toMatchObject({ letters: [{ consumer: 'counters', partition: 3, offset: 7, value: '{"type":"heartbeat"' }] });
  }, 900_000);

  it('fails clearly while another process holds the log, and on bad arguments', async () => {
    // This test process is alive: its pid in the lock file is a running marquee as far as the CLI knows.
    await fs.writeFile(path.join(dataDir, 'log', 'LOCK'), String(process.pid));
    try {
      const locked = await marquee('replay', '--consumer', 'counters', '--from', '2h');
      expect(locked.code).toBe(1);
      expect(locked.stderr).toBe(`marquee: the activity log at ${path.join(dataDir, 'log')} is in use by pid ${process.pid}; stop marquee first\n`);
    } finally {
      await fs.rm(path.join(dataDir, 'log', 'LOCK'));
    }
    const unknown = await marquee('replay', '--consumer', 'nope', '--from', '2h');
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain('unknown consumer "nope"; one of: progress, counters, qoe');
  }, 900_000);
});
