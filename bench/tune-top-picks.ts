/**
 * `npx tsx bench/tune-top-picks.ts`: scores Top Picks settings by leave-last-out recall@10 on a
 * simulated lake written by `npm run bench:jobs` (BENCH_LAKE_DIR, or the same knobs and seed), so
 * settings can be chosen on one population (say BENCH_SEED=7) and reported on another (the default
 * seed). TUNE_SIMILAR, TUNE_COMMUNITIES and TUNE_TOP_PICKS: JSON arrays of settings of the similar
 * job, of the communities job and of Top Picks, every combination scored. Prints one line per
 * combination, best first.
 */
import os from 'node:os';
import { openSqlEngine } from '../src/platform/sql/index.js';
import { prepareEvalSet, scoreEvalSet } from '../src/recs/eval/evaluate.js';
import { DEFAULT_JOB_OPTIONS, type RecsJobOptions } from '../src/recs/jobs/compute.js';
import type { SimilarOptions } from '../src/recs/sql/similar.js';
import type { TopPicksOptions } from '../src/recs/top-picks.js';
import { int, lakeRoot, NOW, snapshot } from './recs-lake.js';

const sql = await openSqlEngine({ threads: os.availableParallelism(), memoryLimit: '6GB' });
try {
  // Settings of the similar and communities jobs (each pair rebuilds the datasets), then of Top Picks on each.
  const similarGrid = JSON.parse(process.env.TUNE_SIMILAR ?? '[{}]') as Partial<SimilarOptions>[];
  const communitiesGrid = JSON.parse(process.env.TUNE_COMMUNITIES ?? '[{}]') as Partial<RecsJobOptions['communities']>[];
  const picksGrid = JSON.parse(process.env.TUNE_TOP_PICKS ?? '[{}]') as Partial<TopPicksOptions>[];
  const results: { jobs: object; options: Partial<TopPicksOptions>; report: ReturnType<typeof scoreEvalSet> }[] = [];
  for (const similar of similarGrid) {
    for (const communities of communitiesGrid) {
      const jobOptions = { ...DEFAULT_JOB_OPTIONS, similar: { ...DEFAULT_JOB_OPTIONS.similar, ...similar }, communities: { ...DEFAULT_JOB_OPTIONS.communities, ...communities } };
      const set = await prepareEvalSet({ sql, lakeRoot, catalog: snapshot, now: NOW, k: 10, maxProfiles: int('BENCH_EVAL_PROFILES', 20_000), jobOptions });
      process.stdout.write(`${JSON.stringify({ similar, communities })}: ${Object.keys(set.datasets.communities).length} communities\n`);
      for (const options of picksGrid) results.push({ jobs: { similar, communities }, options, report: scoreEvalSet(set, options) });
    }
  }
  results.sort((a, b) => b.report.topPicks.recall - a.report.topPicks.recall);
  for (const { jobs, options, report } of results) {
    process.stdout.write(`${JSON.stringify(jobs)} ${JSON.stringify(options)} recall ${(report.topPicks.recall * 100).toFixed(2)} % NDCG ${report.topPicks.ndcg.toFixed(4)} lift ${(report.recallLift ?? 0).toFixed(2)}×\n`);
  }
} finally {
  await sql.close();
}
