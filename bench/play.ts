// `npm run bench:play`: authenticated POST /v1/play against a listening server in its own process
// (bench/play-server.ts), driven by autocannon in this one. Every request picks a random member and title.
import { load, report, startBenchServer } from './lib.js';

interface Target {
  authorization: string;
  body: string[];
}

const server = await startBenchServer('bench/play-server.ts', {
  BENCH_MEMBERS: process.env.BENCH_MEMBERS ?? '200',
  BENCH_PUBLISHED: process.env.BENCH_PUBLISHED ?? '50',
});
const targets = server.info.targets as Target[];
const duration = Number(process.env.BENCH_SECONDS ?? 15);
const connections = Number(process.env.BENCH_CONNECTIONS ?? 32);
console.log(`${targets.length} members, ${String(server.info.published)} published titles`);

const pick = <T>(items: readonly T[]): T => items[Math.floor(Math.random() * items.length)]!;
try {
  const row = await load({
    name: 'POST /v1/play',
    url: server.url,
    method: 'POST',
    connections,
    durationSeconds: duration,
    setup: (r) => {
      const target = pick(targets);
      return { ...r, path: '/v1/play', body: pick(target.body), headers: { ...r.headers, 'content-type': 'application/json', authorization: target.authorization } };
    },
  });
  const met = report([row], { 'POST /v1/play': { rps: 3_000, p99Ms: 20 } });
  process.exitCode = met ? 0 : 1;
} finally {
  await server.stop();
}
