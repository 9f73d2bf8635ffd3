// `npm run bench:list`: authenticated GET /v1/profiles/:id/list against a listening server in its own
// process, driven by autocannon in this one. Every request picks a random member (token + profile).
import { load, report, startBenchServer } from './lib.js';

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
try {
  const row = await load({
    name: 'GET /v1/profiles/:id/list',
    url: server.url,
    connections,
    durationSeconds: duration,
    setup: (r) => {
      const target = pick();
      return { ...r, path: target.path, headers: { ...r.headers, authorization: target.authorization } };
    },
  });
  const met = report([row], { 'GET /v1/profiles/:id/list': { rps: 10_000, p99Ms: 10 } });
  process.exitCode = met ? 0 : 1;
} finally {
  await server.stop();
}
