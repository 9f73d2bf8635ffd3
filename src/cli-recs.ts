import fs from 'node:fs/promises';
import path from 'node:path';
import { InvalidArgumentError, type Command } from 'commander';
import { Registry } from 'prom-client';
import { CatalogService } from './catalog/service.js';
import { loadConfig, type Config } from './config.js';
import { allMigrations } from './migrations.js';
import { migrate } from './platform/db/index.js';
import { openPlatform, type Platform } from './platform/index.js';
import { openSqlEngine } from './platform/sql/index.js';
import { DATASET_NAMES, type DatasetName } from './recs/datasets.js';
import { evalMarkdown, evaluateTopPicks } from './recs/eval/evaluate.js';
import { createRecsJobs, lakeRootOf } from './recs/jobs/deployment.js';
import type { RecsProgress, RecsRunResult } from './recs/jobs/runner.js';
import { rollback } from './recs/publish/versions.js';
import { createLogger } from './server.js';

/**
 * `marquee jobs` (the jobs role: scheduler loop until SIGTERM), `marquee jobs run [NAME]`,
 * `marquee jobs rollback` and `marquee recs eval`. The lake is `<dataDir>/lake`.
 */

async function withPlatform(body: (config: Config, platform: Platform) => Promise<void>): Promise<void> {
  try {
    const config = loadConfig();
    const platform = await openPlatform(config);
    try {
      await migrate(platform.db, allMigrations);
      await body(config, platform);
    } finally {
      await platform.close();
    }
  } catch (err) {
    process.stderr.write(`marquee: ${(err as Error).message}\n`);
    process.exitCode = 1;
  }
}

async function loadedCatalog(platform: Platform): Promise<CatalogService> {
  const catalog = new CatalogService(platform.db);
  await catalog.refresh();
  return catalog;
}

function printProgress(p: RecsProgress): void {
  if (p.state === 'start') process.stdout.write(`  ${p.stage} …\n`);
  else process.stdout.write(`  ${p.stage} done${p.seconds !== undefined ? ` in ${p.seconds} s` : ''}${p.rows !== undefined ? `, ${p.rows} rows` : ''}\n`);
}

function datasetName(value: string): DatasetName {
  if (!(DATASET_NAMES as readonly string[]).includes(value)) throw new InvalidArgumentError(`expected one of ${DATASET_NAMES.join(', ')}`);
  return value as DatasetName;
}

function positive(value: string): number {
  if (!/^\d{1,9}$/.test(value) || Number(value) === 0) throw new InvalidArgumentError('expected a positive whole number');
  return Number(value);
}


function summary(result: RecsRunResult): string {
  const { manifest } = result;
  const rows = Object.entries(manifest.rows).map(([name, n]) => `${name} ${n}`).join(', ');
  const total = Object.values(manifest.jobSeconds).reduce((a, b) => a + b, 0);
  return `published ${manifest.version}: ${manifest.eventsRead} events read; ${rows}; jobs ${total.toFixed(2)} s${result.pruned.length ? `; pruned ${result.pruned.length} old version(s)` : ''}\n`;
}

export function registerRecsCommands(program: Command): void {
  const jobs = program
    .command('jobs')
    .description('run the jobs role: recommendation jobs every interval, one process at a time under a lease, until SIGINT/SIGTERM')
    .option('--interval <seconds>', 'seconds between runs (default 600)', positive)
    .action((options: { interval?: number }) =>
      withPlatform(async (config, platform) => {
        const logger = createLogger(config);
        const intervalSeconds = options.interval ?? config.jobsIntervalSeconds;
        if (intervalSeconds === 0) throw new Error('MARQUEE_JOBS_INTERVAL_SECONDS is 0: give --interval SECONDS');
        const jobs = await createRecsJobs({ db: platform.db, blobs: platform.blobs, catalog: await loadedCatalog(platform), dataDir: config.dataDir, registry: new Registry() });
        const scheduler = jobs.schedule(intervalSeconds * 1000, logger);
        logger.info({ intervalSeconds }, 'jobs role started');
        const signal = await new Promise<string>((resolve) => {
          process.once('SIGINT', () => resolve('SIGINT'));
          process.once('SIGTERM', () => resolve('SIGTERM'));
        });
        logger.info({ signal }, 'jobs role stopping');
        await scheduler.stop();
        await jobs.close();
      }),
    );

  jobs
    .command('run')
    .description(`run the recommendation jobs once and publish a new dataset version (NAME: ${DATASET_NAMES.join(', ')}; all when omitted)`)
    .argument('[name]', 'one job; the other datasets are carried over from the published version', datasetName)
    .action((name: DatasetName | undefined) =>
      withPlatform(async (config, platform) => {
        const jobs = await createRecsJobs({ db: platform.db, blobs: platform.blobs, catalog: await loadedCatalog(platform), dataDir: config.dataDir });
        try {
          const outcome = await jobs.runOnce({ ...(name ? { only: [name] } : {}), onProgress: printProgress });
          if (!outcome.ran) throw new Error(`another jobs process (${outcome.holder ?? 'unknown'}) is running; try again when it is done`);
          process.stdout.write(summary(outcome.value));
        } finally {
          await jobs.close();
        }
      }),
    );

  jobs
    .command('rollback')
    .description('publish the dataset version before the current one')
    .action(() =>
      withPlatform(async (_config, platform) => {
        const { from, to } = await rollback(platform.blobs);
        process.stdout.write(`recommendation datasets rolled back: ${from} → ${to}\n`);
      }),
    );

  program
    .command('recs')
    .description('recommendation tools')
    .command('eval')
    .description('leave-last-out evaluation of Top Picks against popularity over the lake (recall@k, NDCG@k)')
    .option('--out <file>', 'report path (.md; the JSON goes next to it)', 'recs-eval.md')
    .option('--k <n>', 'cut-off (default 10)', positive)
    .option('--max-profiles <n>', 'evaluate at most this many profiles', positive)
    .option('--now <iso>', 'the clock the datasets are built at (default: now)')
    .action((options: { out: string; k?: number; maxProfiles?: number; now?: string }) =>
      withPlatform(async (config, platform) => {
        const now = options.now ? new Date(options.now) : new Date();
        if (Number.isNaN(now.getTime())) throw new Error(`--now: not a date: ${options.now}`);
        const catalog = new CatalogService(platform.db);
        await catalog.refresh();
        const sql = await openSqlEngine({ memoryLimit: '4GB' });
        try {
          const report = await evaluateTopPicks({
            sql,
            lakeRoot: lakeRootOf(config.dataDir),
            catalog: catalog.view().snapshot,
            now,
            ...(options.k ? { k: options.k } : {}),
            ...(options.maxProfiles ? { maxProfiles: options.maxProfiles } : {}),
            onProgress: printProgress,
          });
          await writeEvalReport(options.out, report);
          process.stdout.write(evalMarkdown(report));
          process.stdout.write(`report written to ${options.out}\n`);
        } finally {
          await sql.close();
        }
      }),
    );
}

/** Writes the Markdown report and its JSON twin (`.json` next to it). */
export async function writeEvalReport(out: string, report: Parameters<typeof evalMarkdown>[0]): Promise<void> {
  await fs.mkdir(path.dirname(path.resolve(out)), { recursive: true });
  await fs.writeFile(out, evalMarkdown(report));
  await fs.writeFile(out.replace(/\.md$/, '') + '.json', JSON.stringify(report, null, 2) + '\n');
}
