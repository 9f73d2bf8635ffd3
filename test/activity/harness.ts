import { randomUUID } from 'node:crypto';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { createAccounts, type Accounts } from '../../src/accounts/index.js';
import { EventIngest } from '../../src/activity/index.js';
import { buildApp } from '../../src/api/app.js';
import { createRegistry } from '../../src/api/metrics.js';
import { CatalogService } from '../../src/catalog/service.js';
import { allMigrations } from '../../src/migrations.js';
import { openMemoryCache } from '../../src/platform/cache/memory.js';
import { migrate, openPglite, type Db } from '../../src/platform/db/index.js';
import { openSegmentLog, type SegmentLog } from '../../src/platform/log/index.js';
import { TEST_SCRYPT } from '../helpers/accounts-app.js';
import { smallCatalog } from '../helpers/titles.js';

export interface ActivityTestApp {
  app: FastifyInstance;
  db: Db;
  log: SegmentLog;
  accounts: Accounts;
  ingest: EventIngest;
  close(): Promise<void>;
}

/** The real app with accounts and event ingest, on in-memory PGlite and a segment log in a temp dir. */
export async function createActivityTestApp(): Promise<ActivityTestApp> {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'marquee-activity-'));
  const db = await openPglite(undefined);
  await migrate(db, allMigrations);
  const cache = openMemoryCache({});
  const catalog = new CatalogService(db);
  const { genres, titles } = smallCatalog();
  await catalog.importCatalog(genres, titles);
  const accounts = createAccounts({ db, cache, catalog, options: { scrypt: TEST_SCRYPT } });
  const log = await openSegmentLog({ dir, partitions: 4 });
  const ingest = new EventIngest({ log, profiles: accounts.profiles });
  const app = await buildApp({
    catalog,
    accounts,
    activity: ingest,
    adminToken: 'test-admin-token-0123456789',
    bodyLimitBytes: 64 * 1024,
    registry: createRegistry(),
    readiness: [],
  });
  return {
    app,
    db,
    log,
    accounts,
    ingest,
    async close() {
      await app.close();
      await log.close();
      await cache.close();
      await db.close();
      await fs.rm(dir, { recursive: true, force: true });
    },
  };
}

/** A valid heartbeat for a profile; override any field. */
export function heartbeat(profileId: string, fields: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    type: 'heartbeat',
    id: randomUUID(),
    clientTime: Date.now(),
    profileId,
    deviceId: 'device-1',
    titleId: 'mv-drama',
    playbackSessionId: 'ps-1',
    positionSec: 60,
    durationSec: 6000,
    bitrateKbps: 3000,
    bufferSec: 12,
    ...fields,
  };
}
