/**
 * `npx tsx bench/tune-top-picks.ts`: scores Top Picks settings by leave-last-out recall@10 on a
 * simulated lake written by `npm run bench:jobs` (BENCH_LAKE_DIR, or the same knobs and seed), so
 * settings can be chosen on one population (say BENCH_SEED=7) and reported on another (the default
 * seed). TUNE_SIMILAR and TUNE_TOP_PICKS: JSON arrays of settings of the similar job and of Top
 * Picks, every pair scored. Prints one line per pair, best first.
 */
import os from 'node:os';
import { openSqlEngine } from '../src/platform/sql/index.js';
import { prepareEvalSet, scoreEvalSet } from '../src/recs/eval/evaluate.js';
import { DEFAULT_JOB_OPTIONS } from '../src/recs/jobs/compute.js';
import type { SimilarOptions } from '../src/recs/sql/similar.js';
import type { TopPicksOptions } from '../src/recs/top-picks.js';
import { int, lakeRoot, NOW, snapshot } from './recs-lake.js';

const sql = await openSqlEngine({ threads: os.availableParallelism(), memoryLimit: '6GB' });
try {
  // Settings of the similar job (each rebuilds the datasets), then of Top Picks on each.
  const similarGrid: Partial<SimilarOptions>[] = JSON.parse(process.env.TUNE_SIMILAR ?? '[{}]') as Partial<SimilarOptions>[];
  const picksGrid: Partial<TopPicksOptions>[] = JSON.parse(process.env.TUNE_TOP_PICKS ?? '[{}]') as Partial<TopPicksOptions>[];
  const results: { similar: Partial<SimilarOptions>; options: Partial<TopPicksOptions>; report: ReturnType<typeof scoreEvalSet> }[] = [];
  for (const similar of similarGrid) {
    const jobOptions = { ...DEFAULT_JOB_OPTIONS, similar: { ...DEFAULT_JOB_OPTIONS.similar, ...similar } };
    const set = await prepareEvalSet({ sql, lakeRoot, catalog: snapshot, now: NOW, k: 10, maxProfiles: int('BENCH_EVAL_PROFILES', 20_000), jobOptions });
    for (const options of picksGrid) results.push({ similar, options, report: scoreEvalSet(set, options) });
  }
  results.sort((a, b) => b.report.topPicks.recall - a.report.topPicks.recall);
  for (const { similar, options, report } of results) {
    process.stdout.write(`${JSON.stringify(similar)} ${JSON.stringify(options)} recall ${(report.topPicks.recall * 100).toFixed(2)} % NDCG ${report.topPicks.ndcg.toFixed(4)} lift ${(report.recallLift ?? 0).toFixed(2)}×\n`);
  }
} finally {
  await sql.close();
}
