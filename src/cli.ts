#!/usr/bin/env node
import fs from 'node:fs/promises';
import path from 'node:path';
import { Command, InvalidArgumentError } from 'commander';
import { buildOpenApiDocument } from './api/openapi-document.js';
import { seedDemoCatalog } from './catalog/seed.js';
import { CatalogService } from './catalog/service.js';
import { ConfigError, loadConfig, type Config } from './config.js';
import { allMigrations } from './migrations.js';
import { migrate } from './platform/db/index.js';
import { openPlatform } from './platform/index.js';
import { createLogger, startServer } from './server.js';
import { edgeConfigCommand, fillCommand } from './delivery/edge-cli.js';
import { runOrigin } from './delivery/origin-role.js';
import { seedDemoMediaCommand } from './media/demo-cli.js';
import { ingestCommand } from './media/jobs/cli.js';
import { workerRoleCommand } from './worker.js';
import { registerEventsCommands } from './cli-events.js';
import { registerRecsCommands } from './cli-recs.js';

/** Runs a command body with the config, turning known failures into one clear line and exit code 1. */
async function withConfig(body: (config: Config) => Promise<void>): Promise<void> {
  try {
    await body(loadConfig());
  } catch (err) {
    const message = err instanceof ConfigError ? `configuration error: ${err.message}` : (err as Error).message;
    process.stderr.write(`marquee: ${message}\n`);
    process.exitCode = 1;
  }
}

function wholeNumber(value: string): number {
  if (!/^\d{1,5}$/.test(value)) throw new InvalidArgumentError('expected a whole number');
  return Number(value);
}

const program = new Command()
  .name('marquee')
  .description('Marquee: an open-source streaming platform. Configuration comes from environment variables (see README).')
  .showHelpAfterError();

program
  .command('start')
  .description('run every role in one process: API, web app, origin, workers and jobs')
  .action(() =>
    withConfig(async (config) => {
      const logger = createLogger(config);
      const server = await startServer(config, logger);
      const shutdown = (signal: string) => {
        logger.info({ signal }, 'shutting down');
        server.stop().then(
          () => process.exit(0),
          (err: unknown) => {
            logger.error({ err }, 'shutdown failed');
            process.exit(1);
          },
        );
      };
      process.once('SIGINT', () => shutdown('SIGINT'));
      process.once('SIGTERM', () => shutdown('SIGTERM'));
    }),
  );

program
  .command('migrate')
  .description('apply pending database migrations and exit')
  .action(() =>
    withConfig(async (config) => {
      const platform = await openPlatform(config);
      try {
        const applied = await migrate(platform.db, allMigrations);
        process.stdout.write(applied.length ? `applied: ${applied.join(', ')}\n` : 'database is up to date\n');
      } finally {
        await platform.close();
      }
    }),
  );

program
  .command('seed-demo')
  .description('load the generated demo catalog and encode its videos (a few clips shared by every title)')
  .option('--force', 'write the demo titles even when the catalog is not empty')
  .option('--no-media', 'only the catalog, no videos')
  .action((options: { force?: boolean; media: boolean }) =>
    withConfig(async (config) => {
      const platform = await openPlatform(config);
      try {
        await migrate(platform.db, allMigrations);
        const catalog = new CatalogService(platform.db);
        const count = await seedDemoCatalog(catalog, { force: options.force ?? false });
        process.stdout.write(count ? `seeded ${count} titles\n` : 'catalog not empty; titles left as they are (use --force)\n');
        if (options.media) await seedDemoMediaCommand(config, platform, catalog);
      } finally {
        await platform.close();
      }
    }),
  );

program
  .command('ingest')
  .description('queue a source file for a title (or episode) and, in embedded mode, process it here with a progress bar')
  .argument('<file>', 'source video file')
  .requiredOption('--title <id>', 'title id')
  .option('--season <n>', 'season number (shows)', wholeNumber)
  .option('--episode <m>', 'episode number (shows)', wholeNumber)
  .option('--episode-id <id>', 'episode id, instead of --season/--episode')
  .option('--detach', 'only queue the job; print its id and exit')
  .action((file: string, options: { title: string; season?: number; episode?: number; episodeId?: string; detach?: boolean }) =>
    withConfig((config) => ingestCommand(config, file, options)),
  );

program
  .command('origin')
  .description('run the origin role alone: serve signed media paths from blob storage on PORT for edges')
  .action(() =>
    withConfig(async (config) => {
      const logger = createLogger(config);
      const origin = await runOrigin(config, logger);
      const stop = (): void => void origin.stop().then(() => process.exit(0));
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
    }),
  );

program
  .command('edge-config')
  .description('write the nginx configuration of an edge appliance (cache, byte-range slices, token check at the edge)')
  .requiredOption('--edge <id>', 'edge id in the registry')
  .option('--out <file>', 'nginx.conf to write; edge-token.js and media-token-keys.conf go next to it', 'edge/nginx.conf')
  .option('--listen <port>', 'PORT or ADDRESS:PORT (default: the port of the edge base URL)')
  .option('--origin <url>', 'origin to fill from, http://host:port (default: this host on PORT)')
  .option('--user <name>', 'nginx worker user (e.g. www-data)')
  .option('--base-url <url>', 'describe the edge here instead of reading the registry')
  .option('--country <cc>', 'with --base-url: the edge country')
  .option('--cache-size <size>', 'cache size (nginx size, e.g. 10g); overrides the registry')
  .action((options: { edge: string; out: string; listen?: string; origin?: string; user?: string; baseUrl?: string; country?: string; cacheSize?: string }) =>
    withConfig((config) => edgeConfigCommand(config, options)),
  );

program
  .command('fill')
  .description("pre-position the most popular titles' media on an edge by fetching it through the edge")
  .requiredOption('--edge <id>', 'edge id in the registry')
  .requiredOption('--top <n>', 'how many of the most popular titles', wholeNumber)
  .option('--concurrency <n>', 'parallel fetches (default 4)', wholeNumber)
  .option('--base-url <url>', 'the edge URL, instead of reading the registry')
  .action((options: { edge: string; top: number; concurrency?: number; baseUrl?: string }) => withConfig((config) => fillCommand(config, options)));

program
  .command('worker')
  .description('run the worker role alone: ingest jobs and activity log consumers (progress, counters, QoE) until SIGINT/SIGTERM, /metrics on MARQUEE_WORKER_PORT')
  .action(() => withConfig((config) => workerRoleCommand(config)));

program
  .command('openapi')
  .description('print the OpenAPI document (or write it with --out)')
  .option('--out <file>', 'write to this file instead of stdout')
  .action((options: { out?: string }) =>
    withConfig(async () => {
      const json = await buildOpenApiDocument();
      if (options.out) {
        await fs.mkdir(path.dirname(options.out), { recursive: true });
        await fs.writeFile(options.out, json);
      } else process.stdout.write(json);
    }),
  );

registerRecsCommands(program);

registerEventsCommands(program, withConfig);

await program.parseAsync(process.argv);
