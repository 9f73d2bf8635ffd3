import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { startConsumer } from '../../src/activity/consumer-runner.js';
import { DEAD_LETTER_TOPIC } from '../../src/activity/consumer-runner.js';
import { lakeEventsSource, lakeSinkHandler } from '../../src/activity/lake/index.js';
import { ACTIVITY_TOPIC } from '../../src/activity/schema.js';
import { openJetStreamLog, openSegmentLog, type Log } from '../../src/platform/log/index.js';
import { openSqlEngine } from '../../src/platform/sql/index.js';
import { drain, text } from '../platform/log/helpers.js';
import { eventFiles } from './fixtures/lake-harness.js';

/**
 * The lake sink killed with SIGKILL while it writes (and while events are appended), on the segment
 * log always and on JetStream when MARQUEE_NATS_URL is set (a unique namespace per run, streams
 * deleted afterwards). After a restart drains the log, the lake holds every acknowledged id, and
 * every record of the log exactly once.
 */
const here = path.dirname(fileURLToPath(import.meta.url));
const repoRoot = path.resolve(here, '../..');
const natsUrl = process.env.MARQUEE_NATS_URL;
const runId = `${Date.now().toString(36)}${Math.floor(Math.random() * 1e6).toString(36)}`;
const children: ChildProcess[] = [];
const dirs: string[] = [];
afterAll(async () => {
  for (const child of children) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  await Promise.all(dirs.map((dir) => fs.rm(dir, { recursive: true, force: true })));
});

type LogSpec = { dir: string } | { url: string; namespace: string };

const openLogFor = (spec: LogSpec): Promise<Log> =>
  'dir' in spec ? openSegmentLog({ dir: spec.dir, partitions: 4 }) : openJetStreamLog({ ...spec, partitions: 4 });

/** Runs the appending child until `ackTarget` ids are acknowledged and some files landed, then SIGKILLs it. */
function runAndKill(lakeRoot: string, log: LogSpec, ackTarget: number): Promise<Set<string>> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', path.join(here, 'fixtures/lake-crash-child.ts'), JSON.stringify({ lakeRoot, log })], {
      cwd: repoRoot,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    children.push(child);
    const acked = new Set<string>();
    let buffer = '';
    let err = '';
    let killing = false;
    child.stderr?.setEncoding('utf8').on('data', (chunk: string) => (err += chunk));
    child.stdout?.setEncoding('utf8').on('data', (chunk: string) => {
      buffer += chunk;
      const lines = buffer.split('\n');
      buffer = lines.pop() ?? '';
      for (const line of lines) if (line.startsWith('ACK ')) for (const id of line.slice(4).split(',')) acked.add(id);
      if (!killing && acked.size >= ackTarget) {
        void eventFiles(lakeRoot).then((files) => {
          if (files.length < 2 || killing) return;
          killing = true;
          child.kill('SIGKILL');
        });
      }
    });
    child.on('exit', (code, signal) => {
      if (signal === 'SIGKILL') resolve(acked);
      else reject(new Error(`lake crash child exited (${code ?? signal}): ${err}`));
    });
  });
}

async function crashAndVerify(log: LogSpec, workDir: string): Promise<void> {
  const lakeRoot = path.join(workDir, 'lake');
  const acked = await runAndKill(lakeRoot, log, 1200);
  expect(acked.size).toBeGreaterThanOrEqual(1200);

  // Restart: the sink drains what the group had not committed, skipping what had landed already.
  const reopened = await openLogFor(log);
  const sql = await openSqlEngine({ threads: 1, memoryLimit: '256MB' });
  try {
    const inLog = new Map<string, number>();
    for (const record of await drain(await reopened.consumer(ACTIVITY_TOPIC, `verify-${runId}`))) {
      const id = (JSON.parse(text(record)) as { id: string }).id;
      inLog.set(id, (inLog.get(id) ?? 0) + 1);
    }
    expect([...inLog.values()].every((n) => n === 1)).toBe(true);
    const stats = async () =>
      (await sql.all<{ n: number; ids: number }>(`SELECT count(*) AS n, count(DISTINCT event_id) AS ids FROM ${lakeEventsSource(lakeRoot)}`))[0];
    const sink = startConsumer({ log: reopened, pollWaitMs: 50, retryMs: 100 }, lakeSinkHandler({ lakeRoot, sql, rollMs: 0 }));
    const deadline = Date.now() + 30_000;
    while (((await stats())?.ids ?? 0) < inLog.size && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 100));
    await sink.stop();

    const final = await stats();
    expect(final).toEqual({ n: inLog.size, ids: inLog.size });
    const lakeIds = new Set((await sql.all<{ event_id: string }>(`SELECT event_id FROM ${lakeEventsSource(lakeRoot)}`)).map((r) => r.event_id));
    expect([...acked].filter((id) => !lakeIds.has(id))).toEqual([]);
    expect([...lakeIds].filter((id) => !inLog.has(id))).toEqual([]);
    // Staging leftovers of the killed writer never show under events/.
    expect((await eventFiles(lakeRoot)).every((f) => f.endsWith('.parquet') && f.includes('/part-p'))).toBe(true);
  } finally {
    await sql.close();
    if ('url' in log) {
      for (const topic of [ACTIVITY_TOPIC, DEAD_LETTER_TOPIC]) await (reopened as Awaited<ReturnType<typeof openJetStreamLog>>).deleteTopic(topic).catch(() => undefined);
    }
    await reopened.close();
  }
}

describe('lake sink crash (SIGKILL while writing)', () => {
  it('segment log: the lake holds every acknowledged id exactly once after a restart', async () => {
    const workDir = await fs.mkdtemp(path.join(os.tmpdir(), 'marquee-lake-crash-'));
    dirs.push(workDir);
    await crashAndVerify({ dir: path.join(workDir, 'log') }, workDir);
  }, 120_000);

  it.skipIf(!natsUrl)('JetStream: the lake holds every acknowledged id exactly once after a restart (needs MARQUEE_NATS_URL)', async () => {
    const workDir = await fs.mkdtemp(path.join(os.tmpdir(), 'marquee-lake-crash-js-'));
    dirs.push(workDir);
    await crashAndVerify({ url: natsUrl ?? '', namespace: `mqlake${runId}` }, workDir);
  }, 120_000);
});
