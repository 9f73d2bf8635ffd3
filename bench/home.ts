// `npm run bench:home`: authenticated GET /v1/home over BENCH_PROFILES (100 k) profiles with history,
// against a listening server in its own process (bench/home-server.ts), driven by autocannon here.
// Every request picks a random member: token `bench…<i>` (see home-server.ts) and profile `prof-<i>`.
import { load, report, startBenchServer } from './lib.js';

const profiles = Number(process.env.BENCH_PROFILES ?? 100_000);
const server = await startBenchServer('bench/home-server.ts', {
  BENCH_PROFILES: String(profiles),
  BENCH_HISTORY: process.env.BENCH_HISTORY ?? '8',
});
const duration = Number(process.env.BENCH_SECONDS ?? 15);
const connections = Number(process.env.BENCH_CONNECTIONS ?? 32);
console.log(`${String(server.info.profiles)} profiles, ${String(server.info.history)} titles of history each, ${String(server.info.titles)} titles`);

const NAME = 'GET /v1/home';
try {
  const row = await load({
    name: NAME,
    url: server.url,
    connections,
    durationSeconds: duration,
    setup: (r) => {
      const i = Math.floor(Math.random() * profiles);
      return { ...r, path: `/v1/home?profileId=prof-${i}`, headers: { ...r.headers, authorization: `Bearer bench${String(i).padStart(38, '0')}` } };
    },
  });
  const met = report([row], { [NAME]: { rps: 3_000, p99Ms: 15 } });
  process.exitCode = met ? 0 : 1;
} finally {
  await server.stop();
}
