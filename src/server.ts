import type { FastifyInstance } from 'fastify';
import pino, { type Logger } from 'pino';
import { Gauge } from 'prom-client';
import { createAccounts } from './accounts/index.js';
import { startActivityConsumers } from './activity/consumers.js';
import { EventIngest } from './activity/index.js';
import { resolveAdminToken } from './admin-token.js';
import { buildApp } from './api/app.js';
import { DatasetStore } from './recs/store/dataset-store.js';
import { registerDatasetStoreMetrics } from './recs/store/metrics.js';
import { createRecsJobs, lakeRootOf, type RecsJobs } from './recs/jobs/deployment.js';
import { createRegistry } from './api/metrics.js';
import { DEFAULT_WEB_ROOT } from './api/web.js';
import { seedDemoCatalog } from './catalog/seed.js';
import { CatalogService } from './catalog/service.js';
import type { Config } from './config.js';
import { createEdgeFleet } from './delivery/edges/index.js';
import { resolveMediaTokenKeys } from './delivery/media-token-keys.js';
import { demoScratchDir, runDemoMediaInBackground } from './media/demo-media.js';
import { createIngest, createIngestWorker } from './media/jobs/index.js';
import { locateTools, type MediaTools } from './media/tools.js';
import { demoCatalog } from './catalog/demo/generate.js';
import { allMigrations } from './migrations.js';
import { registerCacheMetrics } from './platform/cache/metrics.js';
import { migrate } from './platform/db/index.js';
import { openPlatform, type Platform } from './platform/index.js';
import { createPlayback } from './playback/index.js';

export interface RunningServer {
  app: FastifyInstance;
  platform: Platform;
  url: string;
  /** The recommendation datasets this node serves (polled from blobs). */
  recs: DatasetStore;
  /** The recommendation jobs of the jobs role, scheduled every MARQUEE_JOBS_INTERVAL_SECONDS. */
  jobs: RecsJobs;
  stop(): Promise<void>;
}

const CATALOG_POLL_MS = 2_000;

export function createLogger(config: Config): Logger {
  return pino({ level: config.logLevel, base: { service: 'marquee' } });
}

/** `marquee start`: opens the platform, migrates, seeds on first run, and serves every role's HTTP routes. */
export async function startServer(config: Config, logger: Logger = createLogger(config)): Promise<RunningServer> {
  const platform = await openPlatform(config);
  logger.info({ mode: platform.mode, db: platform.db.kind, cache: platform.cache.kind, blobs: platform.blobs.kind, log: platform.log.kind }, 'platform ready');
  const applied = await migrate(platform.db, allMigrations);
  if (applied.length > 0) logger.info({ applied }, 'migrations applied');

  const registry = createRegistry();
  const snapshotVersion = new Gauge({ name: 'marquee_catalog_snapshot_version', help: 'Catalog snapshot version in memory', registers: [registry] });
  const snapshotTitles = new Gauge({ name: 'marquee_catalog_titles', help: 'Titles in the catalog snapshot', registers: [registry] });
  const { cache } = platform;
  registerCacheMetrics(registry, cache);
  const catalog = new CatalogService(platform.db, {
    onSwap: (view, ms) => {
      snapshotVersion.set(view.snapshot.version);
      snapshotTitles.set(view.snapshot.titles.length);
      logger.info({ version: view.snapshot.version, titles: view.snapshot.titles.length, ms: Math.round(ms) }, 'catalog snapshot swapped');
    },
  });
  await catalog.refresh();
  if (config.seedDemo) {
    const seeded = await seedDemoCatalog(catalog);
    if (seeded > 0) logger.info({ titles: seeded }, 'demo catalog seeded');
  }

  const admin = await resolveAdminToken(config.adminToken, config.dataDir);
  const accounts = createAccounts({ db: platform.db, cache: platform.cache, catalog });
  const tokens = await resolveMediaTokenKeys(config.mediaTokenKeys, config.dataDir);
  const edges = createEdgeFleet({
    db: platform.db,
    metrics: registry,
    logger,
    options: { intervalMs: config.edgeCheckIntervalMs, timeoutMs: config.edgeCheckTimeoutMs, downAfter: config.edgeDownAfter, upAfter: config.edgeUpAfter },
  });
  const activity = new EventIngest({ log: platform.log, profiles: accounts.profiles });
  const playback = createPlayback({
    db: platform.db,
    cache: platform.cache,
    blobs: platform.blobs,
    catalog,
    accounts,
    tokens: tokens.ring,
    ranker: edges.ranker,
    positionSink: (caller, position) => activity.appendPlaybackHeartbeat(caller, position),
    options: { leaseTtlMs: config.streamLeaseSeconds * 1000, mediaTokenTtlMs: config.mediaTokenTtlSeconds * 1000 },
  });
  const ingest = createIngest(config, platform, catalog);
  // Recommendation datasets published by the jobs role; polled and swapped in without a restart.
  const recs = new DatasetStore(platform.blobs, {
    pollIntervalMs: config.recsPollSeconds * 1000,
    onSwap: (version, ms) => logger.info({ version, ms: Math.round(ms) }, 'recommendation datasets swapped'),
    onError: (err) => logger.warn({ err }, 'recommendation datasets failed to load; keeping the held version'),
  });
  registerDatasetStoreMetrics(registry, recs);
  const app = await buildApp({
    catalog,
    accounts,
    media: ingest,
    playback,
    activity,
    recs,
    homePagePlans: config.homePagePlans,
    mediaOrigin: { blobs: platform.blobs, ring: tokens.ring },
    edges,
    webRoot: DEFAULT_WEB_ROOT,
    ...(config.publicUrl ? { publicUrl: config.publicUrl } : {}),
    adminToken: admin.token,
    bodyLimitBytes: config.bodyLimitBytes,
    registry,
    logger,
    readiness: [
      { name: 'database', check: () => platform.db.ping() },
      { name: 'cache', check: () => platform.cache.ping() },
      { name: 'log', check: () => platform.log.ping() },
    ],
  });

  // Other api nodes write to the same database in services mode; pick up their catalog changes.
  const poll = platform.mode === 'services'
    ? setInterval(() => {
        catalog.refreshIfChanged().catch((err: unknown) => logger.warn({ err }, 'catalog refresh failed'));
      }, CATALOG_POLL_MS)
    : undefined;
  poll?.unref();

  const address = await app.listen({ port: config.port, host: config.host });
  // Edges are unchecked (never steered to: plays get this node's URL) until this first round ends; after listen()
  // so an edge whose /healthz goes through this very node can pass it.
  await edges.start();
  await recs.start();
  // `start` runs the worker role too; `marquee worker` runs it alone on other machines.
  const worker = createIngestWorker(config, platform, catalog, logger);
  worker.start();
  const consumers = startActivityConsumers({ log: platform.log, db: platform.db, watch: accounts.watch, logger, registry, lakeRoot: lakeRootOf(config.dataDir), lakeRollMs: config.lakeRollSeconds * 1000 });
  // And the jobs role: the first run one interval after start, when the lake has something in it.
  const jobs = await createRecsJobs({ db: platform.db, blobs: platform.blobs, catalog, dataDir: config.dataDir, memoryLimit: '1GB', registry });
  const scheduler = config.jobsIntervalSeconds > 0 ? jobs.schedule(config.jobsIntervalSeconds * 1000, logger, { delayFirst: true }) : undefined;
  logger.info({ url: address, adminTokenFrom: admin.source }, 'Marquee is listening');
  const demo = new AbortController();
  const demoMedia = config.seedDemo ? prepareDemoMedia(config, platform, catalog, ingest, logger, demo.signal) : Promise.resolve();
  return {
    app,
    platform,
    url: address,
    recs,
    jobs,
    async stop() {
      clearInterval(poll);
      await scheduler?.stop();
      await jobs.close();
      await edges.stop();
      await recs.stop();
      demo.abort();
      await demoMedia;
      await worker.stop();
      await consumers.stop();
      await app.close();
      await platform.close();
    },
  };
}

/** Videos for the demo catalog, in the background (needs ffmpeg; without it the catalog is served as is). */
async function prepareDemoMedia(
  config: Config,
  platform: Platform,
  catalog: CatalogService,
  ingest: ReturnType<typeof createIngest>,
  logger: Logger,
  signal: AbortSignal,
): Promise<void> {
  let tools: MediaTools;
  try {
    tools = await locateTools();
  } catch (err) {
    logger.warn({ err }, 'demo videos need ffmpeg (apt-get install ffmpeg); serving the catalog without them');
    return;
  }
  const titleIds = new Set(demoCatalog().titles.map((t) => t.id ?? ''));
  await runDemoMediaInBackground({ db: platform.db, catalog, ingest, tools, titleIds, scratchDir: demoScratchDir(config.dataDir), logger }, signal);
}
