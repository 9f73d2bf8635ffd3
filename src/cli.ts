#!/usr/bin/env node
import fs from 'node:fs/promises';
import path from 'node:path';
import { Command } from 'commander';
import { createAccounts } from './accounts/index.js';
import { buildApp } from './api/app.js';
import { createRegistry } from './api/metrics.js';
import { seedDemoCatalog } from './catalog/seed.js';
import { CatalogService } from './catalog/service.js';
import { ConfigError, loadConfig, type Config } from './config.js';
import { allMigrations } from './migrations.js';
import { openMemoryCache } from './platform/cache/memory.js';
import { migrate, openPglite } from './platform/db/index.js';
import { openPlatform } from './platform/index.js';
import { createLogger, startServer } from './server.js';

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
  .description('load the generated demo catalog (movies, shows, genres, cast, availability)')
  .option('--force', 'write the demo titles even when the catalog is not empty')
  .action((options: { force?: boolean }) =>
    withConfig(async (config) => {
      const platform = await openPlatform(config);
      try {
        await migrate(platform.db, allMigrations);
        const catalog = new CatalogService(platform.db);
        const count = await seedDemoCatalog(catalog, { force: options.force ?? false });
        process.stdout.write(count ? `seeded ${count} titles\n` : 'catalog not empty; nothing to do (use --force)\n');
      } finally {
        await platform.close();
      }
    }),
  );

program
  .command('openapi')
  .description('print the OpenAPI document (or write it with --out)')
  .option('--out <file>', 'write to this file instead of stdout')
  .action((options: { out?: string }) =>
    withConfig(async () => {
      // An in-memory database is enough: the document depends on routes, not data.
      const db = await openPglite(undefined);
      try {
        await migrate(db, allMigrations);
        const catalog = new CatalogService(db);
        await catalog.refresh();
        const accounts = createAccounts({ db, cache: openMemoryCache({}), catalog });
        const app = await buildApp({ catalog, accounts, adminToken: 'x'.repeat(16), bodyLimitBytes: 1024, registry: createRegistry(), readiness: [] });
        const json = `${JSON.stringify(app.swagger(), null, 2)}\n`;
        await app.close();
        if (options.out) {
          await fs.mkdir(path.dirname(options.out), { recursive: true });
          await fs.writeFile(options.out, json);
        } else process.stdout.write(json);
      } finally {
        await db.close();
      }
    }),
  );

await program.parseAsync(process.argv);
