import type { FastifyInstance } from 'fastify';
import { buildApp, type AppDeps } from '../../src/api/app.js';
import { createRegistry } from '../../src/api/metrics.js';
import type { Genre, TitleInput } from '../../src/catalog/model.js';
import { CatalogService } from '../../src/catalog/service.js';
import { allMigrations } from '../../src/migrations.js';
import { openMemoryCache } from '../../src/platform/cache/memory.js';
import type { Cache } from '../../src/platform/cache/types.js';
import { migrate, openPglite, type Db } from '../../src/platform/db/index.js';

export const ADMIN_TOKEN = 'test-admin-token-0123456789';

export interface TestApp {
  app: FastifyInstance;
  db: Db;
  cache: Cache;
  catalog: CatalogService;
  close(): Promise<void>;
}

/** An app on in-memory PGlite and an in-process cache, with the given catalog imported. */
export async function createTestApp(
  catalogData: { genres: Genre[]; titles: TitleInput[] } = { genres: [], titles: [] },
  overrides: Partial<AppDeps> = {},
): Promise<TestApp> {
  const db = await openPglite(undefined);
  await migrate(db, allMigrations);
  const cache = openMemoryCache({});
  const catalog = new CatalogService(db);
  await catalog.refresh();
  if (catalogData.titles.length > 0 || catalogData.genres.length > 0) {
    await catalog.importCatalog(catalogData.genres, catalogData.titles);
  }
  const app = await buildApp({
    catalog,
    adminToken: ADMIN_TOKEN,
    bodyLimitBytes: 64 * 1024,
    registry: createRegistry(),
    readiness: [{ name: 'database', check: () => db.ping() }],
    ...overrides,
  });
  return {
    app,
    db,
    cache,
    catalog,
    async close() {
      await app.close();
      await db.close();
    },
  };
}

export const adminHeaders = { authorization: `Bearer ${ADMIN_TOKEN}` };
