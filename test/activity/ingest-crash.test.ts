import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { startConsumer } from '../../src/activity/consumer-runner.js';
import { lakeEventsSource, lakeSinkHandler } from '../../src/activity/lake/index.js';
import { openSegmentLog, partitionFor } from '../../src/platform/log/index.js';
import { openSqlEngine } from '../../src/platform/sql/index.js';
import { drain, segmentFiles, text } from '../platform/log/helpers.js';
import { batchesOf, createPopulation, demoSimCatalog, generateEvents, registerPopulation, sendBatches } from '../../bench/simulator/index.js';
import { heartbeat } from './harness.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const repoRoot = path.resolve(here, '../..');
const children: ChildProcess[] = [];
const dirs: string[] = [];
afterAll(async () => {
  for (const child of children) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  await Promise.all(dirs.map((dir) => fs.rm(dir, { recursive: true, force: true })));
});

/** Starts the real server on `dataDir` in a child process and resolves with it and its URL. */
function startChild(dataDir: string): Promise<{ child: ChildProcess; url: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', path.join(here, 'fixtures/crash-server.ts'), dataDir], {
      cwd: repoRoot,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    children.push(child);
    let out = '';
    let err = '';
    child.stdout?.setEncoding('utf8').on('data', (chunk: string) => {
      out += chunk;
      const ready = /READY (\S+)/.exec(out);
      if (ready?.[1]) resolve({ child, url: ready[1] });
    });
    child.stderr?.setEncoding('utf8').on('data', (chunk: string) => (err += chunk));
    child.on('exit', (code, signal) => reject(new Error(`server exited (${code ?? signal}) before READY: ${err}`)));
  });
}

function killed(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    child.once('exit', () => resolve());
    child.kill('SIGKILL');
  });
}

async function post(url: string, body: unknown, headers: Record<string, string> = {}): Promise<{ status: number; json: Record<string, unknown> }> {
  const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });
  return { status: res.status, json: (await res.json()) as Record<string, unknown> };
}

describe('event ingest crash durability', () => {
  it('keeps every event that got a 202, exactly once, in the log and in the lake, across a SIGKILL and a torn tail', async () => {
    const dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'marquee-ingest-crash-'));
    dirs.push(dataDir);
    const first = await startChild(dataDir);
    // The viewer simulator's population signs up through the API and sends its events (play starts,
    // heartbeats, pauses, seeks, ratings, searches, QoE…) in batches on four connections; the server is
    // killed mid-stream once 2,000 events are acknowledged.
    const catalog = demoSimCatalog(60);
    const population = createPopulation(catalog, 6, 'crash');
    const registered = await registerPopulation(first.url, population, `crash${Date.now()}`);
    const acked = new Set<string>();
    const stopped = new AbortController();
    let killing: Promise<void> | undefined;
    const stats = await sendBatches(batchesOf(generateEvents({ catalog, profiles: population, events: 20_000, seed: 'crash' }), registered, 50), {
      url: first.url,
      rate: 20_000,
      concurrency: 4,
      // No retries: a batch the dead server never acknowledged stays unacknowledged.
      attempts: 1,
      signal: stopped.signal,
      onAcked: (ids) => {
        for (const id of ids) acked.add(id);
        if (acked.size >= 2000 && !killing) {
          stopped.abort();
          killing = killed(first.child);
        }
      },
    });
    await killing;
    expect(acked.size).toBeGreaterThanOrEqual(2000);
    expect(stats.rejected).toBe(0);
    const profileId = registered.profileIds.get(population[0]!.id)!;
    const auth = { authorization: `Bearer ${registered.tokens.get(population[0]!.accountId)!}` };

    // A torn write at the tail of the profile's partition, as if the kill had cut a record in half;
    // the events sent after the restart land behind it, so they are only readable if it was cut off.
    const partition = partitionFor(profileId, 8);
    const [segment] = (await segmentFiles(path.join(dataDir, 'log'), 'activity', partition)).slice(-1);
    expect(segment).toBeDefined();
    if (segment) await fs.appendFile(segment, Buffer.from([0x00, 0x00, 0x01, 0x20, 0xde, 0xad, 0xbe, 0xef, 0x42]));

    // The restarted server recovers the log and keeps taking events.
    const second = await startChild(dataDir);
    const after = Array.from({ length: 10 }, () => heartbeat(profileId));
    const res = await post(`${second.url}/v1/events`, { events: after }, auth);
    expect(res.status).toBe(202);
    for (const e of after) acked.add(String(e.id));
    await new Promise<void>((resolve) => {
      second.child.once('exit', () => resolve());
      second.child.kill('SIGTERM');
    });

    const log = await openSegmentLog({ dir: path.join(dataDir, 'log') });
    const counts = new Map<string, number>();
    for (const record of await drain(await log.consumer('activity', 'verify'))) {
      const id = (JSON.parse(text(record)) as { id: string }).id;
      counts.set(id, (counts.get(id) ?? 0) + 1);
    }
    const missing = [...acked].filter((id) => !counts.has(id));
    const repeated = [...counts].filter(([, n]) => n > 1);
    expect(missing).toEqual([]);
    expect(repeated).toEqual([]);

    // The lake: both children ran the sink (the first was killed mid-stream, the second stopped
    // after landing its buffers without a commit). Restarted once more here, it drains the rest;
    // then the lake holds every record of the log exactly once, so every 202'd id too.
    const lakeRoot = path.join(dataDir, 'lake');
    const sql = await openSqlEngine({ threads: 1, memoryLimit: '256MB' });
    try {
      const lakeStats = async () =>
        (await sql.all<{ n: number; ids: number }>(`SELECT count(*) AS n, count(DISTINCT event_id) AS ids FROM ${lakeEventsSource(lakeRoot)}`))[0];
      const sink = startConsumer({ log, pollWaitMs: 50, retryMs: 100 }, lakeSinkHandler({ lakeRoot, sql, rollMs: 0 }));
      const deadline = Date.now() + 30_000;
      while (((await lakeStats())?.ids ?? 0) < counts.size && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 100));
      await sink.stop();
      const stats = await lakeStats();
      expect(stats?.n).toBe(counts.size);
      expect(stats?.ids).toBe(counts.size);
      const lakeIds = new Set((await sql.all<{ event_id: string }>(`SELECT event_id FROM ${lakeEventsSource(lakeRoot)}`)).map((r) => r.event_id));
      expect([...acked].filter((id) => !lakeIds.has(id))).toEqual([]);
      expect([...lakeIds].filter((id) => !counts.has(id))).toEqual([]);
    } finally {
      await sql.close();
      await log.close();
    }
  }, 300_000);
});
