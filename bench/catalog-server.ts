// Bench server: the real app on in-memory PGlite with a generated catalog of BENCH_TITLES titles.
import { buildApp } from '../src/api/app.js';
import { createRegistry } from '../src/api/metrics.js';
import { generateCatalog } from '../src/catalog/demo/generate.js';
import { ANYONE } from '../src/catalog/model.js';
import { CatalogService } from '../src/catalog/service.js';
import { isVisible } from '../src/catalog/snapshot.js';
import { allMigrations } from '../src/migrations.js';
import { migrate, openPglite } from '../src/platform/db/index.js';

const count = Number(process.env.BENCH_TITLES ?? 10_000);
const db = await openPglite(undefined);
await migrate(db, allMigrations);
const catalog = new CatalogService(db);
const shows = Math.round(count * 0.12);
const { genres, titles } = generateCatalog({ seed: 42, movies: count - shows, shows, now: new Date() });
const started = performance.now();
await catalog.importCatalog(genres, titles);
const importMs = Math.round(performance.now() - started);
const app = await buildApp({ catalog, adminToken: 'bench-admin-token-000000', bodyLimitBytes: 1 << 20, registry: createRegistry(), readiness: [] });
const url = await app.listen({ port: 0, host: '127.0.0.1' });
// Only titles an anonymous reader may see: a coming-soon title answers 404 by design.
const ids = catalog.view().snapshot.titles.filter((t) => isVisible(t, ANYONE, new Date())).map((t) => t.id);
console.log(JSON.stringify({ benchReady: url, titles: ids.length, importMs, ids }));
process.on('SIGTERM', () => {
  void app.close().then(() => db.close()).then(() => process.exit(0));
});
