// Bench server for `npm run bench:list`: the real app with accounts on in-memory PGlite and the
// embedded (LRU) cache, BENCH_MEMBERS signed-in members each with one profile and a My List of
// BENCH_LIST_SIZE titles. Counts database queries so the run can show the hot path skips the database.
import type { KyselyPlugin } from 'kysely';
import { createAccounts } from '../src/accounts/index.js';
import { buildApp } from '../src/api/app.js';
import { createRegistry } from '../src/api/metrics.js';
import { generateCatalog } from '../src/catalog/demo/generate.js';
import { CatalogService } from '../src/catalog/service.js';
import { isVisible } from '../src/catalog/snapshot.js';
import { allMigrations } from '../src/migrations.js';
import { openMemoryCache } from '../src/platform/cache/memory.js';
import { migrate, openPglite, type Db } from '../src/platform/db/index.js';

const members = Number(process.env.BENCH_MEMBERS ?? 200);
const listSize = Number(process.env.BENCH_LIST_SIZE ?? 20);

let queries = 0;
const counting: KyselyPlugin = {
  transformQuery: (args) => {
    queries += 1;
    return args.node;
  },
  transformResult: async (args) => args.result,
};
const raw = await openPglite(undefined);
const db: Db = { ...raw, builder: <T>() => raw.builder<T>().withPlugin(counting) };
await migrate(db, allMigrations);

const catalog = new CatalogService(db);
const { genres, titles } = generateCatalog({ seed: 7, movies: 1800, shows: 200, now: new Date() });
await catalog.importCatalog(genres, titles);
const visible = catalog.view().snapshot.titles.filter((t) => isVisible(t, { maxMaturityLevel: 6, country: 'US' }, new Date()));

// Password hashing cost does not touch the measured path; a cheap N keeps start-up short.
const accounts = createAccounts({ db, cache: openMemoryCache({}), catalog, options: { scrypt: { N: 2 ** 12, r: 8, p: 1 } } });
const app = await buildApp({ catalog, accounts, adminToken: 'bench-admin-token-000000', bodyLimitBytes: 1 << 20, registry: createRegistry(), readiness: [] });

const targets: { path: string; authorization: string }[] = [];
for (let m = 0; m < members; m++) {
  const email = `bench.${m}@example.com`;
  const password = 'bench password 0123';
  await app.inject({ method: 'POST', url: '/v1/accounts', payload: { email, password, country: 'US' } });
  const { token } = (await app.inject({ method: 'POST', url: '/v1/sessions', payload: { email, password, deviceName: 'bench' } })).json<{ token: string }>();
  const authorization = `Bearer ${token}`;
  const profile = (await app.inject({ method: 'POST', url: '/v1/profiles', headers: { authorization }, payload: { name: 'Bench' } })).json<{ id: string }>();
  for (let i = 0; i < listSize; i++) {
    const title = visible[(m * 31 + i * 7) % visible.length]!;
    await app.inject({ method: 'PUT', url: `/v1/profiles/${profile.id}/list/${title.id}`, headers: { authorization } });
  }
  targets.push({ path: `/v1/profiles/${profile.id}/list`, authorization });
}

const url = await app.listen({ port: 0, host: '127.0.0.1' });
const queriesAtReady = queries;
// Server CPU per request is the figure that survives a busy machine (other processes share the cores).
let served = 0;
app.server.on('request', () => {
  served += 1;
});
const cpuAtReady = process.cpuUsage();
console.log(JSON.stringify({ benchReady: url, members, listSize, titles: titles.length, targets }));
process.on('SIGTERM', () => {
  const cpu = process.cpuUsage(cpuAtReady);
  const perRequest = served ? Math.round((cpu.user + cpu.system) / served) : 0;
  process.stderr.write(`bench server: ${served} requests, ${queries - queriesAtReady} database queries, ${perRequest} µs CPU per request (user+system)\n`);
  void app.close().then(() => db.close()).then(() => process.exit(0));
});
