// Bench server for `npm run bench:home`: the real app (accounts on PGlite in a directory, the embedded LRU
// cache, a filesystem blob store) with BENCH_PROFILES members bulk-loaded in SQL (one profile each,
// a session, BENCH_HISTORY titles of history with progress) and synthetic published datasets.
// BENCH_DATABASE_URL and BENCH_REDIS_URL run it as the api role is deployed instead: accounts in
// PostgreSQL (a schema of this run's, dropped at the end) and members' state in Redis (keys under
// this run's prefix, expiring with the hot cache's TTL) rather than in the api process's own cache,
// read through the api's near cache as deployed (BENCH_NEAR_CACHE_ENTRIES, default 1,000,000; 0: none).
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { Session } from 'node:inspector/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { constants, createHistogram, monitorEventLoopDelay, PerformanceObserver } from 'node:perf_hooks';
import os from 'node:os';
import v8 from 'node:v8';
import path from 'node:path';
import { createAccounts } from '../src/accounts/index.js';
import { buildApp } from '../src/api/app.js';
import { createRegistry } from '../src/api/metrics.js';
import { generateCatalog } from '../src/catalog/demo/generate.js';
import { CatalogService } from '../src/catalog/service.js';
import { allMigrations } from '../src/migrations.js';
import { openFsBlobStore, type BlobStore } from '../src/platform/blobs/index.js';
import { openMemoryCache, openRedisCache } from '../src/platform/cache/index.js';
import { NearCache } from '../src/platform/cache/near.js';
import { migrate, openPglite, openPostgres } from '../src/platform/db/index.js';
import { CURRENT_KEY, DATASET_NAMES, datasetKey, GLOBAL, type RecsDatasets, type ScoredTitle } from '../src/recs/datasets.js';
import { DatasetStore } from '../src/recs/store/dataset-store.js';

const profiles = Number(process.env.BENCH_PROFILES ?? 100_000);
const history = Number(process.env.BENCH_HISTORY ?? 8);
const movies = Number(process.env.BENCH_MOVIES ?? 4000);
const shows = Number(process.env.BENCH_SHOWS ?? 1000);
const COUNTRIES = ['US', 'GB', 'DE', 'FR', 'BR'];
const BATCH = 5_000;

const started = Date.now();
const dir = await mkdtemp(path.join(os.tmpdir(), 'marquee-bench-home-'));
const databaseUrl = process.env.BENCH_DATABASE_URL;
const redisUrl = process.env.BENCH_REDIS_URL;
const runId = `bench_home_${String(Date.now())}`;
// Embedded, the database lives in a directory as `npm start` keeps it (its files in the page cache),
// not in PGlite's WebAssembly memory; BENCH_PGLITE_IN_MEMORY=1 keeps it there as earlier runs did.
const db = databaseUrl
  ? await openPostgres({ url: databaseUrl, schema: runId })
  : await openPglite(process.env.BENCH_PGLITE_IN_MEMORY === '1' ? undefined : path.join(dir, 'pglite'));
await migrate(db, allMigrations);
const catalog = new CatalogService(db);
// The generated inputs are not kept: the catalog holds what it read back (a second copy would be
// ~20 MB of the server's old generation that no api node holds).
const genres = await (async () => {
  const generated = generateCatalog({ seed: 7, movies, shows, now: new Date() });
  await catalog.importCatalog(generated.genres, generated.titles);
  return generated.genres;
})();
const snapshot = catalog.view().snapshot;
const ids = snapshot.titles.map((t) => t.id);
const log = (what: string) => process.stderr.write(`bench server: ${what} (${Math.round((Date.now() - started) / 1000)} s)\n`);
log(`${ids.length} titles imported`);

// Members in bulk, in SQL: account i has profile i and the session token `bench…i` (43 characters,
// the shape of an issued token), its hash computed by the database. Batches keep statements small.
const idArray = `array[${ids.map((id) => `'${id}'`).join(',')}]`;
for (let from = 0; from < profiles; from += BATCH) {
  const to = Math.min(profiles, from + BATCH) - 1;
  await db.exec(`
    insert into accounts (id, email, password_hash, country, plan, created_at, updated_at)
      select 'acc-' || i, 'bench.' || i || '@example.com', 'unused', (array['US','GB','DE','FR','BR'])[1 + i % 5], 'premium', now(), now()
      from generate_series(${from}, ${to}) i;
    insert into profiles (id, account_id, name, avatar, language, kids, maturity_rating, pin_hash, created_at, updated_at)
      select 'prof-' || i, 'acc-' || i, 'Viewer ' || i, 'a1', 'en', i % 10 = 9, case when i % 10 = 9 then 'G' else 'NC-17' end, null, now(), now()
      from generate_series(${from}, ${to}) i;
    insert into sessions (id, account_id, token_hash, device_name, ip, user_agent, created_at, last_seen_at, expires_at, revoked_at)
      select 'ses-' || i, 'acc-' || i, encode(sha256(convert_to('bench' || lpad(i::text, 38, '0'), 'UTF8')), 'hex'), 'bench', null, null, now(), now(), now() + interval '30 days', null
      from generate_series(${from}, ${to}) i;
    insert into progress (profile_id, title_id, episode_id, position_sec, duration_sec, completed, updated_at)
      select distinct on (1, 2) 'prof-' || i, (${idArray})[1 + (i * 7 + k * 131) % ${ids.length}], '', case when k % 3 = 0 then 3000 else 900 end, 3000, k % 3 = 0, now() - (k || ' hours')::interval
      from generate_series(${from}, ${to}) i, generate_series(1, ${history}) k;
    insert into viewing_history (profile_id, title_id, last_episode_id, last_watched_at, hidden_at)
      select profile_id, title_id, null, updated_at, null from progress where profile_id in (select 'prof-' || i from generate_series(${from}, ${to}) i);
  `);
}
// PGlite runs no autovacuum: without fresh statistics the planner joins history by full scans.
await db.exec('analyze');
log(`${profiles} members, profiles, sessions and histories loaded`);

// Synthetic datasets of the published shape, written as the jobs publish them: neighbours within a
// title's first genre, per-country trending and Top 10, affinity for every profile, popularity over
// every title. Built in a function so none of its objects outlive it: the server's heap holds only
// what its DatasetStore loads, as an api node's does.
async function publishSyntheticDatasets(blobs: BlobStore): Promise<string> {
  const scored = (list: readonly string[]): ScoredTitle[] => list.map((titleId, i) => ({ titleId, score: Math.round((1000 * (list.length - i)) / list.length) / 1000 }));
  const similar: Record<string, ScoredTitle[]> = {};
  for (const title of snapshot.titles) {
    const pool = snapshot.byGenre.get(title.genres[0] ?? '') ?? [];
    const at = pool.indexOf(title);
    similar[title.id] = scored(Array.from({ length: Math.min(50, pool.length - 1) }, (_, k) => pool[(at + 1 + k * 3) % pool.length]!.id).filter((id) => id !== title.id));
  }
  const trending: Record<string, ScoredTitle[]> = {};
  const top10: RecsDatasets['top10'] = {};
  COUNTRIES.concat(GLOBAL).forEach((country, c) => {
    trending[country] = scored(Array.from({ length: 100 }, (_, k) => ids[(k * 17 + c * 101) % ids.length]!));
    const m = snapshot.titles.filter((t) => t.kind === 'movie');
    const s = snapshot.titles.filter((t) => t.kind === 'show');
    top10[country] = { movies: scored(m.slice(c * 10, c * 10 + 10).map((t) => t.id)), shows: scored(s.slice(c * 10, c * 10 + 10).map((t) => t.id)) };
  });
  // Taste communities: every 40 titles of a genre in catalog order, shares falling with rank.
  const communities: Record<string, ScoredTitle[]> = {};
  const placed = new Set<string>();
  for (const [genre, pool] of snapshot.byGenre) {
    const free = pool.filter((t) => !placed.has(t.id));
    for (let from = 0; from < free.length; from += 40) {
      const members = free.slice(from, from + 40).map((t) => t.id);
      members.forEach((id) => placed.add(id));
      const total = (members.length * (members.length + 1)) / 2;
      communities[`c-${genre}-${from / 40}`] = members.map((titleId, i) => ({ titleId, score: Math.round(((members.length - i) / total) * 1e6) / 1e6 }));
    }
  }
  const affinity: Record<string, Record<string, number>> = {};
  for (let i = 0; i < profiles; i++) {
    affinity[`prof-${i}`] = { [genres[i % genres.length]!.id]: 1, [genres[(i * 7) % genres.length]!.id]: 0.5 };
  }
  const version = 'v20260101T000000Z-bench';
  const datasets: RecsDatasets = {
    manifest: { version, createdAt: new Date().toISOString(), rows: { trending: 6, top10: 6, similar: ids.length, affinity: profiles, popularity: ids.length, communities: Object.keys(communities).length }, jobSeconds: {}, eventsRead: 0 },
    trending,
    top10,
    similar,
    affinity,
    popularity: scored(ids),
    communities,
  };
  await blobs.put(datasetKey(version, 'manifest'), Buffer.from(JSON.stringify(datasets.manifest)));
  for (const name of DATASET_NAMES) await blobs.put(datasetKey(version, name), Buffer.from(JSON.stringify(datasets[name])));
  await blobs.put(CURRENT_KEY, Buffer.from(version));
  return version;
}
const blobs = await openFsBlobStore(path.join(dir, 'blobs'));
const version = await publishSyntheticDatasets(blobs);
const store = new DatasetStore(blobs);
await store.start();
if (store.current()?.version !== version) throw new Error(`datasets did not load: ${String(store.status().lastError)}`);
log('datasets published and loaded');

// The first pass over 100 k members takes minutes; a TTL longer than that keeps the measured run
// from meeting every entry expiring at once (a herd no running service sees: its members' entries
// were filled at different times). Production default: 10 minutes (src/accounts/options.ts).
const hotCacheTtlMs = Number(process.env.BENCH_CACHE_TTL_MINUTES ?? 30) * 60_000;
const nearMaxEntries = Number(process.env.BENCH_NEAR_CACHE_ENTRIES ?? 1_000_000);
const cache = redisUrl ? await openRedisCache({ url: redisUrl, prefix: `${runId}:`, nearMaxEntries }) : openMemoryCache({ maxEntries: 1_000_000 });
const accounts = createAccounts({ db, cache, catalog, options: { hotCacheTtlMs } });
const registry = createRegistry();
// BENCH_PAGE_PLANS: profiles whose page plan is kept (MARQUEE_HOME_PAGE_PLANS); 0 assembles every page.
const plans = process.env.BENCH_PAGE_PLANS === undefined ? {} : { homePagePlans: Number(process.env.BENCH_PAGE_PLANS) };
const app = await buildApp({ catalog, accounts, recs: store, adminToken: 'bench-admin-token-000000', bodyLimitBytes: 1 << 20, registry, readiness: [], ...plans });
/** Pages served so far, by `page` label (reused from a plan, or assembled). */
const pagesByKind = async (): Promise<Record<string, number>> => {
  const out: Record<string, number> = {};
  const metric = await registry.getSingleMetric('marquee_home_pages_total')?.get();
  for (const value of metric?.values ?? []) out[String(value.labels.page)] = (out[String(value.labels.page)] ?? 0) + value.value;
  return out;
};
let pagesAtReady: Record<string, number> = {};
const url = await app.listen({ port: 0, host: '127.0.0.1' });
let served = 0;
// Each request's time inside the server (its 'request' event to the response's 'finish'): set beside
// the open loop's latencies, it tells the server's share of a tail from the machine's and the generator's.
const inServer = createHistogram();
let over15Ms = 0;
// BENCH_TRACE=DIR: each open-loop request's arrival and finish (ms on the monotonic clock the
// generator stamps its own with), written to DIR/server.txt at the end: bench/trace-report.ts.
const traceDir = process.env.BENCH_TRACE;
const monoOffset = Number(process.hrtime.bigint()) / 1e6 - performance.now();
const trace: string[] = [];
app.server.on('request', (request: IncomingMessage, response: ServerResponse) => {
  served += 1;
  const at = process.hrtime.bigint();
  const arrived = monoOffset + performance.now();
  response.once('finish', () => {
    const ns = process.hrtime.bigint() - at;
    inServer.record(ns > 0n ? ns : 1n);
    if (ns > 15_000_000n) over15Ms += 1;
    const seq = request.headers['x-bench-seq'];
    if (traceDir && typeof seq === 'string') trace.push(`${seq} ${arrived.toFixed(3)} ${(monoOffset + performance.now()).toFixed(3)}`);
  });
});
let cpuAtReady = process.cpuUsage();
// Garbage-collection pauses of the measured run: what a p99 of tens of ms is usually made of.
const gc = { count: 0, totalMs: 0, maxMs: 0, major: 0, majorMs: 0 };
new PerformanceObserver((list) => {
  for (const entry of list.getEntries()) {
    gc.count += 1;
    gc.totalMs += entry.duration;
    gc.maxMs = Math.max(gc.maxMs, entry.duration);
    if ((entry as PerformanceEntry & { detail?: { kind?: number } }).detail?.kind === constants.NODE_PERFORMANCE_GC_MAJOR) {
      gc.major += 1;
      gc.majorMs += entry.duration;
    }
  }
}).observe({ entryTypes: ['gc'] });
// Event-loop delay of the measured run: GC pauses and any other stall of the server's one thread.
const loopDelay = monitorEventLoopDelay({ resolution: 5 });
loopDelay.enable();
// BENCH_CPU_PROF=DIR: a V8 CPU profile of the measured run (--cpu-prof is not allowed in NODE_OPTIONS).
const profileDir = process.env.BENCH_CPU_PROF;
// BENCH_HEAP_PROF=DIR: a sampling heap profile of the measured run: where the objects it allocated and
// that are still alive at its end come from (what survives scavenges and fills the old generation);
// with BENCH_HEAP_PROF_ALL=1, every allocation, collected or not (what fills the young generation);
// with BENCH_HEAP_PROF_PROMOTED=1, those alive at the end or collected by a full collection: what
// outlived the young generation (what fills the old generation and brings on full collections).
const heapProfileDir = process.env.BENCH_HEAP_PROF;
const heapProfileAll = process.env.BENCH_HEAP_PROF_ALL === '1';
const heapProfilePromoted = process.env.BENCH_HEAP_PROF_PROMOTED === '1';
const inspector = profileDir || heapProfileDir ? new Session() : undefined;
/** What the server did since the last SIGUSR2: one line per measured run. */
const printStats = async (): Promise<void> => {
  const cpu = process.cpuUsage(cpuAtReady);
  const perRequest = served ? Math.round((cpu.user + cpu.system) / served) : 0;
  const pages = await pagesByKind();
  const reused = (pages.reused ?? 0) - (pagesAtReady.reused ?? 0);
  const assembled = (pages.assembled ?? 0) - (pagesAtReady.assembled ?? 0);
  const memory = process.memoryUsage();
  const mb = (bytes: number) => Math.round(bytes / 2 ** 20);
  const ms = (ns: number) => (ns / 1e6).toFixed(1);
  process.stderr.write(`bench server: time in the server per request p50 ${ms(inServer.percentile(50))} ms, p99 ${ms(inServer.percentile(99))}, p99.9 ${ms(inServer.percentile(99.9))}, max ${ms(inServer.max)}; ${over15Ms} over 15 ms\n`);
  process.stderr.write(`bench server: ${served} requests (${reused} pages reused from plans, ${assembled} assembled), ${perRequest} µs CPU per request (user+system); heap ${mb(memory.heapUsed)} MB, outside the heap ${mb(memory.external)} MB, rss ${mb(memory.rss)} MB; ${gc.count} GC pauses, ${Math.round(gc.totalMs)} ms in all (${gc.major} major: ${Math.round(gc.majorMs)} ms), longest ${Math.round(gc.maxMs)} ms; event-loop delay p50 ${ms(loopDelay.percentile(50))} ms, p99 ${ms(loopDelay.percentile(99))}, max ${ms(loopDelay.max)}\n`);
  if (cache.near instanceof NearCache) {
    const near = cache.near.stats();
    process.stderr.write(`bench server: near cache ${near.hits} hits, ${near.misses} misses since the start, ${near.entries} entries, ${mb(near.bytesHeld)} MB\n`);
  }
};
const resetCounters = async (): Promise<void> => {
  served = 0;
  inServer.reset();
  over15Ms = 0;
  pagesAtReady = await pagesByKind();
  Object.assign(gc, { count: 0, totalMs: 0, maxMs: 0, major: 0, majorMs: 0 });
  loopDelay.reset();
  cpuAtReady = process.cpuUsage();
};
/** (Re)starts the profiles asked for: they cover everything after the first pass. */
const startProfiles = async (): Promise<void> => {
  if (heapProfileDir && inspector) {
    await inspector.post('HeapProfiler.stopSampling').catch(() => undefined);
    await inspector.post('HeapProfiler.startSampling', {
      samplingInterval: 16_384,
      ...(heapProfileAll || heapProfilePromoted ? { includeObjectsCollectedByMajorGC: true } : {}),
      ...(heapProfileAll ? { includeObjectsCollectedByMinorGC: true } : {}),
    });
  }
  if (!inspector || !profileDir) return;
  await inspector.post('Profiler.stop').catch(() => undefined);
  await inspector.post('Profiler.start');
};
if (inspector) {
  inspector.connect();
  if (profileDir) await inspector.post('Profiler.enable');
  if (heapProfileDir) await inspector.post('HeapProfiler.enable');
}
await resetCounters();
await startProfiles();
// The bench sends SIGUSR2 after its first (cold) pass, then between measured runs: the figures
// printed at each later signal (and at the end) cover the run that just ended.
let firstPassOver = false;
// BENCH_HEAP_SNAPSHOT=DIR: a heap snapshot after the first pass (every member's state and plan held).
const heapSnapshotDir = process.env.BENCH_HEAP_SNAPSHOT;
process.on('SIGUSR2', () => {
  void (async () => {
    if (firstPassOver) await printStats();
    else {
      if (heapSnapshotDir) {
        await mkdir(heapSnapshotDir, { recursive: true });
        process.stderr.write(`bench server: heap snapshot ${v8.writeHeapSnapshot(path.join(heapSnapshotDir, `home-server-${Date.now()}.heapsnapshot`))}\n`);
      }
      await startProfiles();
    }
    firstPassOver = true;
    await resetCounters();
    // The time --trace-gc lines are stamped with (ms since start), to place a run's slow seconds.
    process.stderr.write(`bench server: measuring from ${Math.round(performance.now())} ms\n`);
  })();
});
const state = redisUrl ? `Redis${nearMaxEntries > 0 ? ` through a near cache of ${nearMaxEntries} entries` : ''}` : 'the in-process cache';
log(`accounts in ${databaseUrl ? 'PostgreSQL' : 'PGlite'}, members' state in ${state}`);
console.log(JSON.stringify({ benchReady: url, profiles, titles: ids.length, history }));
process.on('SIGTERM', async () => {
  await printStats();
  if (traceDir) await writeFile(path.join(traceDir, 'server.txt'), trace.join('\n'));
  const saveProfile = async (): Promise<void> => {
    if (inspector && heapProfileDir) {
      await inspector.post('HeapProfiler.collectGarbage'); // what is left is retained, not young garbage
      const { profile } = await inspector.post('HeapProfiler.stopSampling');
      await mkdir(heapProfileDir, { recursive: true });
      await writeFile(path.join(heapProfileDir, `home-server-${Date.now()}.heapprofile`), JSON.stringify(profile));
    }
    if (!inspector || !profileDir) return;
    const { profile } = await inspector.post('Profiler.stop');
    await mkdir(profileDir, { recursive: true });
    await writeFile(path.join(profileDir, `home-server-${Date.now()}.cpuprofile`), JSON.stringify(profile));
  };
  // PostgreSQL: this run's schema goes with it (Redis keys expire by themselves).
  const dropSchema = async (): Promise<void> => {
    if (databaseUrl) await db.exec(`drop schema ${runId} cascade`);
  };
  void saveProfile()
    .then(() => store.stop())
    .then(() => app.close())
    .then(dropSchema)
    .then(() => Promise.all([db.close(), cache.close()]))
    .then(() => rm(dir, { recursive: true, force: true }))
    .then(() => process.exit(0));
});
