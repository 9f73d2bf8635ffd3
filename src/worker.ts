import { createAccounts } from './accounts/index.js';
import { startProgressConsumer } from './activity/index.js';
import { CatalogService } from './catalog/service.js';
import type { Config } from './config.js';
import { createIngestWorker } from './media/jobs/index.js';
import { allMigrations } from './migrations.js';
import { migrate } from './platform/db/index.js';
import { openPlatform } from './platform/index.js';
import { createLogger } from './server.js';

/**
 * `marquee worker`: the worker role alone (ingest jobs and log consumers) until SIGINT/SIGTERM.
 * `marquee start` runs the same pieces in-process (src/server.ts).
 */
export async function workerRoleCommand(config: Config): Promise<void> {
  const logger = createLogger(config);
  const platform = await openPlatform(config);
  try {
    await migrate(platform.db, allMigrations);
    const catalog = new CatalogService(platform.db);
    await catalog.refresh();
    const worker = createIngestWorker(config, platform, catalog, logger);
    worker.start();
    const accounts = createAccounts({ db: platform.db, cache: platform.cache, catalog });
    const progress = startProgressConsumer({ log: platform.log, watch: accounts.watch, logger });
    logger.info({ owner: worker.owner, concurrency: config.workerConcurrency, log: platform.log.kind }, 'worker started: ingest jobs, progress consumer');
    const signal = await new Promise<string>((resolve) => {
      process.once('SIGINT', () => resolve('SIGINT'));
      process.once('SIGTERM', () => resolve('SIGTERM'));
    });
    logger.info({ signal }, 'worker stopping');
    await worker.stop();
    await progress.stop();
  } finally {
    await platform.close();
  }
}
