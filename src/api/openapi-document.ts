import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { createAccounts } from '../accounts/index.js';
import { EventIngest } from '../activity/index.js';
import { CatalogService } from '../catalog/service.js';
import { createEdgeFleet } from '../delivery/edges/index.js';
import { keyRing } from '../delivery/media-token.js';
import { createIngest } from '../media/jobs/index.js';
import { allMigrations } from '../migrations.js';
import { openFsBlobStore } from '../platform/blobs/index.js';
import { openMemoryCache } from '../platform/cache/memory.js';
import { migrate, openPglite } from '../platform/db/index.js';
import { openSegmentLog } from '../platform/log/index.js';
import { createPlayback } from '../playback/index.js';
import { buildApp } from './app.js';
import { createRegistry } from './metrics.js';

/**
 * The OpenAPI document of every route, from an app wired like `marquee start` on throwaway adapters:
 * the document depends on routes, not data, so an in-memory database and a scratch blob dir suffice.
 */
export async function buildOpenApiDocument(): Promise<string> {
  const db = await openPglite(undefined);
  const scratch = await fs.mkdtemp(path.join(os.tmpdir(), 'marquee-openapi-'));
  try {
    await migrate(db, allMigrations);
    const catalog = new CatalogService(db);
    await catalog.refresh();
    const cache = openMemoryCache({});
    const blobs = await openFsBlobStore(scratch);
    const accounts = createAccounts({ db, cache, catalog });
    const media = createIngest({ uploadLimitBytes: 1024 }, { db, blobs }, catalog);
    const ring = keyRing([{ id: 'doc', secret: 'x'.repeat(32) }]);
    const playback = createPlayback({ db, cache, blobs, catalog, accounts, tokens: ring });
    const log = await openSegmentLog({ dir: path.join(scratch, 'log') });
    const activity = new EventIngest({ log, profiles: accounts.profiles });
    const app = await buildApp({
      catalog, accounts, media, playback, activity, mediaOrigin: { blobs, ring }, edges: createEdgeFleet({ db }),
      adminToken: 'x'.repeat(16), bodyLimitBytes: 1024, registry: createRegistry(), readiness: [],
    });
    const json = `${JSON.stringify(app.swagger(), null, 2)}\n`;
    await app.close();
    await log.close();
    return json;
  } finally {
    await db.close();
    await fs.rm(scratch, { recursive: true, force: true });
  }
}
