// Bench server for `npm run bench:play`: the api's account and playback routes on in-memory PGlite, the
// embedded (LRU) cache and a filesystem blob store, BENCH_MEMBERS signed-in members each with one profile,
// BENCH_PUBLISHED titles with published media (real Shaka manifests, so plan-limited copies are made).
import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import Fastify from 'fastify';
import { createAccounts } from '../src/accounts/index.js';
import { accountsHttp } from '../src/api/accounts-http.js';
import { installAuth } from '../src/api/auth.js';
import { installErrorHandling } from '../src/api/error-handler.js';
import { playbackRoutes } from '../src/api/routes/playback.js';
import { generateCatalog } from '../src/catalog/demo/generate.js';
import { CatalogService } from '../src/catalog/service.js';
import { isVisible } from '../src/catalog/snapshot.js';
import { keyRing } from '../src/delivery/media-token.js';
import type { MediaJobTables } from '../src/media/jobs/tables.js';
import { allMigrations } from '../src/migrations.js';
import { openFsBlobStore } from '../src/platform/blobs/index.js';
import { openMemoryCache } from '../src/platform/cache/memory.js';
import { migrate, openPglite } from '../src/platform/db/index.js';
import { createPlayback } from '../src/playback/index.js';
import { KEY, KEY_ID, SHAKA_DASH_MPD, SHAKA_HLS_MASTER } from '../test/playback/fixtures.js';

const members = Number(process.env.BENCH_MEMBERS ?? 200);
const published = Number(process.env.BENCH_PUBLISHED ?? 50);

const dir = await mkdtemp(path.join(os.tmpdir(), 'marquee-bench-play-'));
const db = await openPglite(undefined);
await migrate(db, allMigrations);
const cache = openMemoryCache({});
const blobs = await openFsBlobStore(path.join(dir, 'blobs'));
const catalog = new CatalogService(db);
const { genres, titles } = generateCatalog({ seed: 7, movies: 1800, shows: 200, now: new Date() });
await catalog.importCatalog(genres, titles);
const movies = catalog.view().snapshot.titles
  .filter((t) => t.kind === 'movie' && isVisible(t, { maxMaturityLevel: 6, country: 'US' }, new Date()))
  .slice(0, published);

const q = db.builder<MediaJobTables>();
for (const title of movies) {
  const jobId = randomUUID();
  const prefix = `media/${title.id}/${jobId}/1`;
  await q.insertInto('media_jobs').values({ id: jobId, title_id: title.id, episode_id: null, source_key: `sources/${jobId}`, state: 'ready' }).execute();
  await q.insertInto('media_keys').values({ job_id: jobId, key_id: KEY_ID, key: KEY }).execute();
  await q.insertInto('media_revisions').values({ title_id: title.id, job_id: jobId, prefix, hls_path: `${prefix}/master.m3u8`, dash_path: `${prefix}/manifest.mpd` }).execute();
  await blobs.put(`${prefix}/master.m3u8`, Buffer.from(SHAKA_HLS_MASTER));
  await blobs.put(`${prefix}/manifest.mpd`, Buffer.from(SHAKA_DASH_MPD));
}

const accounts = createAccounts({ db, cache, catalog, options: { scrypt: { N: 2 ** 12, r: 8, p: 1 } } });
const playback = createPlayback({ db, cache, blobs, catalog, accounts, tokens: keyRing([{ id: 'bench', secret: 'b'.repeat(43) }]) });
const app = Fastify({ logger: false, ajv: { customOptions: { coerceTypes: 'array', removeAdditional: false, useDefaults: true } } });
installErrorHandling(app);
installAuth(app);
const http = accountsHttp(accounts);
await app.register(async (scope) => {
  await http.register(scope, () => new Date());
  await playbackRoutes(scope, { playback, auth: http.auth, publicUrl: 'http://bench.test' });
});

const targets: { authorization: string; body: string[] }[] = [];
const plans = ['basic', 'standard', 'premium'];
for (let i = 0; i < members; i++) {
  const email = `bench.${i}@example.com`;
  const password = 'bench password 0123';
  await app.inject({ method: 'POST', url: '/v1/accounts', payload: { email, password, country: 'US', plan: plans[i % 3] } });
  const { token } = (await app.inject({ method: 'POST', url: '/v1/sessions', payload: { email, password, deviceName: 'bench' } })).json<{ token: string }>();
  const authorization = `Bearer ${token}`;
  const profile = (await app.inject({ method: 'POST', url: '/v1/profiles', headers: { authorization }, payload: { name: 'Bench' } })).json<{ id: string }>();
  // One device per member: each play takes over the member's own slot, as a viewer zapping between titles does.
  const body = movies.map((t) => JSON.stringify({ profileId: profile.id, titleId: t.id, device: { id: `device-${i}` } }));
  targets.push({ authorization, body });
}

const url = await app.listen({ port: 0, host: '127.0.0.1' });
let served = 0;
app.server.on('request', () => {
  served += 1;
});
const cpuAtReady = process.cpuUsage();
console.log(JSON.stringify({ benchReady: url, members, published: movies.length, targets }));
process.on('SIGTERM', () => {
  const cpu = process.cpuUsage(cpuAtReady);
  const perRequest = served ? Math.round((cpu.user + cpu.system) / served) : 0;
  process.stderr.write(`bench server: ${served} requests, ${perRequest} µs CPU per request (user+system)\n`);
  void app.close().then(() => db.close()).then(() => rm(dir, { recursive: true, force: true })).then(() => process.exit(0));
});
