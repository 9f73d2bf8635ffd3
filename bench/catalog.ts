// `npm run bench:catalog`: title details and search suggestions on a 10,000-title catalog.
import { load, randomPath, report, startBenchServer } from './lib.js';

const server = await startBenchServer('bench/catalog-server.ts', { BENCH_TITLES: process.env.BENCH_TITLES ?? '10000' });
const ids = server.info.ids as string[];
console.log(`catalog: ${ids.length} titles imported in ${String(server.info.importMs)} ms`);
const letters = 'abcdefghijklmnopqrstuvwxyz';
const randomPrefix = () => {
  const length = 2 + Math.floor(Math.random() * 3);
  let prefix = '';
  for (let i = 0; i < length; i++) prefix += letters[Math.floor(Math.random() * letters.length)];
  return prefix;
};
const duration = Number(process.env.BENCH_SECONDS ?? 15);
try {
  const results = [
    await load({ name: 'GET /v1/titles/:id', url: server.url, durationSeconds: duration, setup: randomPath(() => `/v1/titles/${ids[Math.floor(Math.random() * ids.length)]}`) }),
    await load({ name: 'GET /v1/search/suggest', url: server.url, durationSeconds: duration, setup: randomPath(() => `/v1/search/suggest?q=${randomPrefix()}`) }),
  ];
  const met = report(results, {
    'GET /v1/titles/:id': { rps: 15_000, p99Ms: 10 },
    'GET /v1/search/suggest': { rps: 8_000, p99Ms: 10 },
  });
  process.exitCode = met ? 0 : 1;
} finally {
  await server.stop();
}
