import { randomBytes } from 'node:crypto';
import fs from 'node:fs/promises';
import os from 'node:os';
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
import { JobLease } from './recs/jobs/lease.js';
import { createRecsJobMetrics } from './recs/jobs/metrics.js';
import { runRecsJobs, type RecsProgress, type RecsRunResult } from './recs/jobs/runner.js';
import { startRecsScheduler } from './recs/jobs/scheduler.js';
import { rollback } from './recs/publish/versions.js';
import { createLogger } from './server.js';

/**
 * `marquee jobs` (the jobs role: scheduler loop until SIGTERM), `marquee jobs run [NAME]`,
 * `marquee jobs rollback` and `marquee recs eval`. The lake is `<dataDir>/lake`.
 */

const LEASE_TTL_MS = 60_000;

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

const owner = (): string => `${os.hostname()}-${process.pid}-${randomBytes(3).toString('hex')}`;

/** Binds runRecsJobs to this deployment: the catalog snapshot of the moment, the lake, the blob store. */
async function jobRunner(config: Config, platform: Platform, extra: { only?: DatasetName[]; onProgress?: (p: RecsProgress) => void; registry?: Registry }) {
  const catalog = new CatalogService(platform.db);
  await catalog.refresh();
  const sql = await openSqlEngine({ memoryLimit: '4GB' });
  const metrics = extra.registry ? createRecsJobMetrics(extra.registry) : undefined;
  return {
    run: async (): Promise<RecsRunResult> => {
      await catalog.refreshIfChanged();
      return runRecsJobs({
        sql,
        lakeRoot: path.join(config.dataDir, 'lake'),
        catalog: catalog.view().snapshot,
        blobs: platform.blobs,
        ...(extra.only ? { only: extra.only } : {}),
        ...(extra.onProgress ? { onProgress: extra.onProgress } : {}),
        ...(metrics ? { metrics } : {}),
        scratchDir: path.join(config.dataDir, 'tmp'),
      });
    },
    close: () => sql.close(),
  };
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
        const runner = await jobRunner(config, platform, { registry: new Registry() });
        const scheduler = startRecsScheduler({ intervalMs: (options.interval ?? 600) * 1000, lease: new JobLease(platform.db, owner(), LEASE_TTL_MS), run: runner.run, logger });
        logger.info({ intervalSeconds: options.interval ?? 600 }, 'jobs role started');
        const signal = await new Promise<string>((resolve) => {
          process.once('SIGINT', () => resolve('SIGINT'));
          process.once('SIGTERM', () => resolve('SIGTERM'));
        });
        logger.info({ signal }, 'jobs role stopping');
        await scheduler.stop();
        await runner.close();
      }),
    );

  jobs
    .command('run')
    .description(`run the recommendation jobs once and publish a new dataset version (NAME: ${DATASET_NAMES.join(', ')}; all when omitted)`)
    .argument('[name]', 'one job; the other datasets are carried over from the published version', datasetName)
    .action((name: DatasetName | undefined) =>
      withPlatform(async (config, platform) => {
        const runner = await jobRunner(config, platform, { ...(name ? { only: [name] } : {}), onProgress: printProgress });
        try {
          const outcome = await new JobLease(platform.db, owner(), LEASE_TTL_MS).runExclusive(runner.run);
          if (!outcome.ran) throw new Error(`another jobs process (${outcome.holder ?? 'unknown'}) is running; try again when it is done`);
          process.stdout.write(summary(outcome.value));
        } finally {
          await runner.close();
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
            lakeRoot: path.join(config.dataDir, 'lake'),
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
