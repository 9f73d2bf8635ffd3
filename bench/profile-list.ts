// `npm run bench:list`: authenticated GET /v1/profiles/:id/list against a listening server in its own
// process, driven by autocannon in this one. Every request picks a random member (token + profile).
import autocannon from 'autocannon';
import { report, startBenchServer, type LoadResult } from './lib.js';

interface Target {
  path: string;
  authorization: string;
}

const server = await startBenchServer('bench/profile-list-server.ts', {
  BENCH_MEMBERS: process.env.BENCH_MEMBERS ?? '200',
  BENCH_LIST_SIZE: process.env.BENCH_LIST_SIZE ?? '20',
});
const targets = server.info.targets as Target[];
const duration = Number(process.env.BENCH_SECONDS ?? 15);
const connections = Number(process.env.BENCH_CONNECTIONS ?? 32);
console.log(`${targets.length} members, ${String(server.info.listSize)} titles in each list, ${String(server.info.titles)} titles in the catalog`);

const pick = (): Target => targets[Math.floor(Math.random() * targets.length)]!;
const requests = [{ setupRequest: (r: autocannon.Request) => {
  const target = pick();
  return { ...r, path: target.path, headers: { ...r.headers, authorization: target.authorization } };
} }];

async function run(seconds: number): Promise<autocannon.Result> {
  return autocannon({ url: server.url, connections, duration: seconds, requests });
}

try {
  await run(3); // warm-up: JIT, caches
  const result = await run(duration);
  const row: LoadResult = {
    name: 'GET /v1/profiles/:id/list',
    requestsPerSecond: Math.round(result.requests.average),
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    errors: result.errors + result.timeouts,
    non2xx: result.non2xx,
    durationSeconds: duration,
    connections,
  };
  const met = report([row], { 'GET /v1/profiles/:id/list': { rps: 10_000, p99Ms: 10 } });
  process.exitCode = met ? 0 : 1;
} finally {
  await server.stop();
}
