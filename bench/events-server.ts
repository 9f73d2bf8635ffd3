// Bench server for `npm run bench:events`: the real app (buildApp) with accounts and event ingest on
// in-memory PGlite and the embedded segment log in a temp dir (fsync group commit, so every 202 is
// durable), BENCH_MEMBERS signed-in members with one profile each. Prints the members' tokens and profiles.
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { Session } from 'node:inspector/promises';
import os from 'node:os';
import path from 'node:path';
import { createAccounts } from '../src/accounts/index.js';
import { EventIngest } from '../src/activity/index.js';
import { startActivityConsumers } from '../src/activity/consumers.js';
import { buildApp } from '../src/api/app.js';
import { createRegistry } from '../src/api/metrics.js';
import { CatalogService } from '../src/catalog/service.js';
import { allMigrations } from '../src/migrations.js';
import { openMemoryCache } from '../src/platform/cache/memory.js';
import { migrate, openPglite } from '../src/platform/db/index.js';
import { openLog } from '../src/platform/log/index.js';

const members = Number(process.env.BENCH_MEMBERS ?? 50);
const dir = await mkdtemp(path.join(os.tmpdir(), 'marquee-bench-events-'));
const db = await openPglite(undefined);
await migrate(db, allMigrations);
const cache = openMemoryCache({});
const catalog = new CatalogService(db);
await catalog.refresh();
// MARQUEE_NATS_URL runs the same benchmark against JetStream.
const log = await openLog({ natsUrl: process.env.MARQUEE_NATS_URL, dataDir: dir });
const accounts = createAccounts({ db, cache, catalog, options: { scrypt: { N: 2 ** 12, r: 8, p: 1 } } });
const registry = createRegistry();
const app = await buildApp({
  catalog,
  accounts,
  activity: new EventIngest({ log, profiles: accounts.profiles }),
  adminToken: 'bench-admin-token-0123456789',
  bodyLimitBytes: 1024 * 1024,
  registry,
  readiness: [],
});
// BENCH_CONSUMERS=1: the activity consumers run in this process too, as in `npm start` (progress,
// counters, QoE, the lake sink into <tmp>/lake); their lag is in /metrics.
const consumers =
  process.env.BENCH_CONSUMERS === '1'
    ? startActivityConsumers({ log, db, watch: accounts.watch, registry, lakeRoot: path.join(dir, 'lake'), lakeRollMs: 10_000 })
    : undefined;

const targets: { authorization: string; profileId: string }[] = [];
for (let i = 0; i < members; i++) {
  const email = `bench.${i}@example.com`;
  const password = 'bench password 0123';
  await app.inject({ method: 'POST', url: '/v1/accounts', payload: { email, password, country: 'US' } });
  const { token } = (await app.inject({ method: 'POST', url: '/v1/sessions', payload: { email, password, deviceName: 'bench' } })).json<{ token: string }>();
  const authorization = `Bearer ${token}`;
  const profile = (await app.inject({ method: 'POST', url: '/v1/profiles', headers: { authorization }, payload: { name: 'Bench' } })).json<{ id: string }>();
  targets.push({ authorization, profileId: profile.id });
}

const url = await app.listen({ port: 0, host: '127.0.0.1' });
let served = 0;
app.server.on('request', () => {
  served += 1;
});
const cpuAtReady = process.cpuUsage();
// BENCH_CPU_PROF=DIR: a V8 CPU profile of the measured run (--cpu-prof is not allowed in NODE_OPTIONS).
const profileDir = process.env.BENCH_CPU_PROF;
const inspector = profileDir ? new Session() : undefined;
if (inspector) {
  inspector.connect();
  await inspector.post('Profiler.enable');
  await inspector.post('Profiler.start');
}
console.log(JSON.stringify({ benchReady: url, members, log: log.kind, targets }));
process.on('SIGTERM', () => {
  const cpu = process.cpuUsage(cpuAtReady);
  const perRequest = served ? Math.round((cpu.user + cpu.system) / served) : 0;
  process.stderr.write(`bench server: ${served} requests, ${perRequest} µs CPU per request (user+system)\n`);
  const saveProfile = async (): Promise<void> => {
    if (!inspector || !profileDir) return;
    const { profile } = await inspector.post('Profiler.stop');
    await mkdir(profileDir, { recursive: true });
    await writeFile(path.join(profileDir, `events-server-${Date.now()}.cpuprofile`), JSON.stringify(profile));
  };
  void saveProfile()
    .then(() => consumers?.stop())
    .then(() => app.close()).then(() => log.close()).then(() => db.close()).then(() => rm(dir, { recursive: true, force: true })).then(() => process.exit(0));
});
