// `npm run bench:lake`: the lake sink draining the activity log into Parquet. Appends BENCH_EVENTS
// (300k) stored events of a realistic type mix to a segment log in a temp dir (BENCH_PARTITIONS, 8),
// then runs the sink through the real consumer runner and reports rows/s from the first poll to the
// last published file, plus the Parquet bytes and files written.
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { startConsumer } from '../src/activity/consumer-runner.js';
import { lakeEventsSource, lakeSinkHandler, type LandedFile } from '../src/activity/lake/index.js';
import { ACTIVITY_TOPIC } from '../src/activity/schema.js';
import { openSegmentLog } from '../src/platform/log/index.js';
import { openSqlEngine } from '../src/platform/sql/index.js';
import { mixedEvent } from '../test/activity/fixtures/lake-events.js';

const total = Number(process.env.BENCH_EVENTS ?? 300_000);
const partitions = Number(process.env.BENCH_PARTITIONS ?? 8);
const rollRows = Number(process.env.BENCH_ROLL_ROWS ?? 50_000);
const threads = Number(process.env.BENCH_THREADS ?? 2);
const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'marquee-bench-lake-'));
const lakeRoot = path.join(dir, 'lake');

try {
  const log = await openSegmentLog({ dir: path.join(dir, 'log'), partitions });
  // Receive times over the last two hours, in order, so flushes cross an hour boundary like a live log does.
  const start = Date.now() - 2 * 3_600_000;
  const step = (2 * 3_600_000) / total;
  let logBytes = 0;
  const appendStarted = performance.now();
  for (let i = 0; i < total; i += 5_000) {
    const batch = [];
    for (let j = i; j < Math.min(total, i + 5_000); j++) {
      const event = mixedEvent(j, { receivedAt: Math.floor(start + j * step), profileId: `pr-${j % 5_000}` });
      const value = JSON.stringify(event);
      logBytes += value.length;
      batch.push({ key: event.profileId, value, timestamp: event.receivedAt });
    }
    await log.append(ACTIVITY_TOPIC, batch);
  }
  console.log(`appended ${total} events (${(logBytes / 2 ** 20).toFixed(1)} MiB JSON) in ${((performance.now() - appendStarted) / 1000).toFixed(1)} s`);

  const sql = await openSqlEngine({ threads, memoryLimit: '1GB' });
  const files: LandedFile[] = [];
  let rows = 0;
  let resolveDone: () => void = () => undefined;
  const done = new Promise<void>((resolve) => (resolveDone = resolve));
  const handler = lakeSinkHandler({
    lakeRoot,
    sql,
    rollRows,
    rollMs: 500,
    onPublished(file) {
      files.push(file);
      rows += file.rows;
      if (rows >= total) resolveDone();
    },
  });
  const started = performance.now();
  const sink = startConsumer({ log, pollRecords: 5_000, pollWaitMs: 50 }, handler);
  await done;
  const seconds = (performance.now() - started) / 1000;
  await sink.stop();

  const [check] = await sql.all<{ n: number; ids: number }>(`SELECT count(*) AS n, count(DISTINCT event_id) AS ids FROM ${lakeEventsSource(lakeRoot)}`);
  const bytes = files.reduce((n, f) => n + f.bytes, 0);
  const cpus = os.cpus();
  console.log(`machine: ${cpus.length} × ${cpus[0]?.model ?? 'unknown cpu'}, node ${process.version}, DuckDB threads ${threads}`);
  console.log('| benchmark | events | rows/s | Parquet MiB | bytes/row | files | roll rows |');
  console.log('| --- | ---: | ---: | ---: | ---: | ---: | ---: |');
  console.log(
    `| lake sink (segment log → Parquet zstd) | ${total} | ${Math.round(total / seconds)} | ${(bytes / 2 ** 20).toFixed(1)} | ${(bytes / total).toFixed(1)} | ${files.length} | ${rollRows} |`,
  );
  if (check?.n !== total || check.ids !== total) {
    console.error(`lake holds ${check?.n} rows / ${check?.ids} ids, expected ${total}`);
    process.exitCode = 1;
  }
  await sql.close();
  await log.close();
} finally {
  await fs.rm(dir, { recursive: true, force: true });
}
