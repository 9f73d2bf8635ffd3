import path from 'node:path';
import Fastify, { type FastifyInstance } from 'fastify';
import type { Registry } from 'prom-client';
import { createAccounts } from './accounts/index.js';
import { startActivityConsumers } from './activity/consumers.js';
import { createRegistry } from './api/metrics.js';
import { CatalogService } from './catalog/service.js';
import type { Config } from './config.js';
import { createIngestWorker } from './media/jobs/index.js';
import { allMigrations } from './migrations.js';
import { migrate } from './platform/db/index.js';
import { openPlatform, type Platform } from './platform/index.js';
import { createLogger } from './server.js';

/** The worker's own small HTTP surface: Prometheus metrics (consumer lag, QoE) and a health check. */
export function buildWorkerApp(registry: Registry, platform: Pick<Platform, 'db' | 'log'>): FastifyInstance {
  const app = Fastify({ logger: false });
  app.get('/metrics', async (_request, reply) => {
    reply.header('content-type', registry.contentType);
    return registry.metrics();
  });
  app.get('/healthz', async (_request, reply) => {
    const checks = await Promise.allSettled([platform.db.ping(), platform.log.ping()]);
    const ok = checks.every((c) => c.status === 'fulfilled');
    return reply.code(ok ? 200 : 503).send({ status: ok ? 'ok' : 'unavailable', database: checks[0].status === 'fulfilled', log: checks[1].status === 'fulfilled' });
  });
  return app;
}

/**
 * `marquee worker`: the worker role alone (ingest jobs and activity log consumers) until SIGINT/SIGTERM,
 * with /metrics and /healthz on MARQUEE_WORKER_PORT. `marquee start` runs the same pieces in-process
 * (src/server.ts), where the api's /metrics carries the same metrics.
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
    const registry = createRegistry();
    const consumers = startActivityConsumers({ log: platform.log, db: platform.db, watch: accounts.watch, registry, logger, lakeRoot: path.join(config.dataDir, 'lake'), lakeRollMs: config.lakeRollSeconds * 1000 });
    const http = buildWorkerApp(registry, platform);
    const url = await http.listen({ port: config.workerPort, host: config.host });
    logger.info({ owner: worker.owner, concurrency: config.workerConcurrency, log: platform.log.kind, consumers: consumers.names, metrics: `${url}/metrics` }, 'worker started');
    const signal = await new Promise<string>((resolve) => {
      process.once('SIGINT', () => resolve('SIGINT'));
      process.once('SIGTERM', () => resolve('SIGTERM'));
    });
    logger.info({ signal }, 'worker stopping');
    await worker.stop();
    await consumers.stop();
    await http.close();
  } finally {
    await platform.close();
  }
}
