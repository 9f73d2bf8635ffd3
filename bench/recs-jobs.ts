/**
 * `npm run bench:jobs`: every recommendation job over a simulated lake (default 10 M events,
 * 100 k profiles, 10 k titles; target ≤ 120 s), then the leave-last-out evaluation of Top Picks
 * against popularity on the same population (hidden genre and community tastes; target recall@10 ≥ 2×).
 *
 * The lake is written once with the viewer simulator's `toLake` under BENCH_LAKE_DIR (default
 * /tmp/marquee-bench-recs/sim<version>-s<seed>-<events>-<profiles>-<titles>-…) and reused by later runs.
 * Knobs: those of the lake (bench/recs-lake.ts), BENCH_EVAL_PROFILES (default 20000; 0 skips the
 * evaluation), BENCH_THREADS.
 */
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { openFsBlobStore } from '../src/platform/blobs/index.js';
import { openSqlEngine } from '../src/platform/sql/index.js';
import { evalMarkdown, prepareEvalSet, scoreEvalSet } from '../src/recs/eval/evaluate.js';
import { runRecsJobs } from '../src/recs/jobs/runner.js';
import { simCatalog } from './simulator/catalog.js';
import { generateEvents } from './simulator/generate.js';
import { toLake } from './simulator/lake.js';
import { oracleScores } from './simulator/oracle.js';
import { createPopulation } from './simulator/population.js';
import { catalogInput, DAYS, EVENTS, HEARTBEAT_SEC, int, lakeRoot, NOW, PROFILES, SEED, snapshot, TITLES } from './recs-lake.js';

const EVAL_PROFILES = int('BENCH_EVAL_PROFILES', 20_000);
const THREADS = int('BENCH_THREADS', os.availableParallelism());

const marker = path.join(lakeRoot, 'COMPLETE');
const sql = await openSqlEngine({ threads: THREADS, memoryLimit: process.env.BENCH_MEMORY ?? '6GB' });

if (!(await fs.stat(marker).catch(() => undefined))) {
  await fs.rm(lakeRoot, { recursive: true, force: true });
  const sim = simCatalog(catalogInput.titles);
  const profiles = createPopulation(sim, PROFILES, SEED);
  const started = performance.now();
  process.stdout.write(`writing the lake: ${EVENTS} events, ${PROFILES} profiles, ${TITLES} titles, heartbeats every ${HEARTBEAT_SEC} s, ${DAYS} days → ${lakeRoot}\n`);
  const events = generateEvents({ catalog: sim, profiles, events: EVENTS, seed: SEED, windowEndMs: NOW.getTime(), windowDays: DAYS, heartbeatSec: HEARTBEAT_SEC });
  await toLake(events, { sql, lakeRoot, onProgress: (p) => process.stdout.write(`  ${p.phase} ${p.events}\n`) });
  await fs.writeFile(marker, new Date().toISOString());
  process.stdout.write(`lake written in ${((performance.now() - started) / 1000).toFixed(1)} s\n`);
} else process.stdout.write(`reusing the lake in ${lakeRoot}\n`);

const blobDir = await fs.mkdtemp(path.join(os.tmpdir(), 'bench-recs-blobs-'));
const blobs = await openFsBlobStore(blobDir);
try {
  const started = performance.now();
  const { manifest } = await runRecsJobs({
    sql,
    lakeRoot,
    catalog: snapshot,
    blobs,
    now: NOW,
    onProgress: (p) => p.state === 'done' && process.stdout.write(`  ${p.stage}: ${p.seconds ?? 0} s${p.rows !== undefined ? `, ${p.rows} rows` : ''}\n`),
  });
  const seconds = (performance.now() - started) / 1000;
  process.stdout.write(`all jobs: ${seconds.toFixed(1)} s for ${manifest.eventsRead} playback events (target ≤ 120 s) ${seconds <= 120 ? 'OK' : 'MISSED'}\n`);
  process.stdout.write(`rows: ${JSON.stringify(manifest.rows)}\n`);

  if (EVAL_PROFILES > 0) {
    const set = await prepareEvalSet({ sql, lakeRoot, catalog: snapshot, now: NOW, k: 10, maxProfiles: EVAL_PROFILES });
    const report = scoreEvalSet(set);
    process.stdout.write(evalMarkdown(report));
    // The ceiling: the simulator's own pick probabilities with the hidden tastes.
    const oracle = oracleScores(set, simCatalog(catalogInput.titles), createPopulation(simCatalog(catalogInput.titles), PROFILES, SEED));
    const histories = [...set.histories.values()].map((h) => h.length).sort((a, b) => a - b);
    process.stdout.write(`Oracle (hidden tastes): recall@10 ${(oracle.recall * 100).toFixed(2)} %, NDCG@10 ${oracle.ndcg.toFixed(4)}; ${(oracle.recall / Math.max(report.popularity.recall, 1e-9)).toFixed(2)}× popularity\n`);
    process.stdout.write(`Top Picks reaches ${((report.topPicks.recall / Math.max(oracle.recall, 1e-9)) * 100).toFixed(0)} % of the oracle's recall; titles per evaluated history: median ${histories[histories.length >> 1] ?? 0}, p90 ${histories[Math.floor(histories.length * 0.9)] ?? 0}\n`);
    const lift = report.recallLift ?? 0;
    process.stdout.write(`Top Picks recall@10 lift over popularity: ${lift.toFixed(2)}× (target ≥ 2×) ${lift >= 2 ? 'OK' : 'MISSED'}\n`);
  }
} finally {
  await sql.close();
  await blobs.close();
  await fs.rm(blobDir, { recursive: true, force: true });
}
