// `npm run bench:home`: authenticated GET /v1/home over BENCH_PROFILES (100 k) profiles with history,
// against a listening server in its own process (bench/home-server.ts), driven by autocannon here.
// A first pass visits every member once (cold: the database behind each), then the measured runs
// pick a random member per request: token `bench…<i>` (see home-server.ts) and profile `prof-<i>`.
// A closed loop (autocannon, 32 connections) finds the most pages per second; an open loop offers
// BENCH_RATE (3,000) pages per second and gives the latency the target is about, from a process of
// its own (bench/open-loop-process.ts) so that none of autocannon's garbage is collected during it.
import autocannon from 'autocannon';
import { load, report, startBenchServer, type LoadResult } from './lib.js';
import { measureFloor } from './floor-run.js';
import { memberToken as token, openLoopInFreshProcess, openLoopSettings, requestsFor, unansweredNote } from './open-loop.js';

const profiles = Number(process.env.BENCH_PROFILES ?? 100_000);
const server = await startBenchServer('bench/home-server.ts', {
  BENCH_PROFILES: String(profiles),
  BENCH_HISTORY: process.env.BENCH_HISTORY ?? '8',
});
const duration = Number(process.env.BENCH_SECONDS ?? 15);
const connections = Number(process.env.BENCH_CONNECTIONS ?? 32);
console.log(`${String(server.info.profiles)} profiles, ${String(server.info.history)} titles of history each, ${String(server.info.titles)} titles`);

// BENCH_ROW_SIZE: titles per row as the web app asks (40); the API's default is 20.
const rowSize = process.env.BENCH_ROW_SIZE ? `&rowSize=${process.env.BENCH_ROW_SIZE}` : '';
const COLD = 'GET /v1/home, first visit (cold)';
const WARM = 'GET /v1/home';
// BENCH_RATE: the open-loop run's offered rate (0 skips it); its warm-up and connections: openLoopSettings.
const rate = Number(process.env.BENCH_RATE ?? 3_000);
const { warmupSeconds, connections: openConnections } = openLoopSettings();
const OPEN = `GET /v1/home at ${String(rate)} req/s offered (open loop)`;
// BENCH_ACCEPT_ENCODING: what the clients accept; by default what browsers send, so pages go out in
// gzip as the web app gets them ('' asks for none: every page is inflated for the identity encoding).
const acceptEncoding = process.env.BENCH_ACCEPT_ENCODING ?? 'gzip, deflate, br, zstd';
const members = { kind: 'home-members', profiles, query: rowSize, acceptEncoding } as const;
const member = requestsFor(members);
console.log(`clients accept: ${acceptEncoding || '(no encoding)'}`);
try {
  // The first pass asks for every member's page once, in order: each pays the database for its
  // session, profile, list and history (the cold figure), and leaves them in the hot cache, as a
  // running service holds its active members. BENCH_WARM=0 skips it (the measured run is then cold).
  const rows: LoadResult[] = [];
  if (process.env.BENCH_WARM !== '0') {
    let next = 0;
    const started = performance.now();
    const pass = await autocannon({
      url: server.url,
      connections,
      amount: profiles,
      requests: [
        {
          setupRequest: (r) => {
            const i = next++ % profiles;
            return { ...r, path: `/v1/home?profileId=prof-${i}${rowSize}`, headers: { ...r.headers, authorization: token(i), ...(acceptEncoding ? { 'accept-encoding': acceptEncoding } : {}) } };
          },
        },
      ],
    });
    const seconds = (performance.now() - started) / 1000;
    rows.push({ name: COLD, requestsPerSecond: Math.round(pass.requests.total / seconds), p50Ms: pass.latency.p50, p99Ms: pass.latency.p99, bytesPerSecond: Math.round(pass.throughput.total / seconds), errors: pass.errors + pass.timeouts, non2xx: pass.non2xx, durationSeconds: Math.round(seconds), connections });
    console.log(`first pass over ${String(profiles)} members: ${seconds.toFixed(0)} s`);
    server.signal('SIGUSR2');
  }
  rows.push(
    await load({
      name: WARM,
      url: server.url,
      connections,
      durationSeconds: duration,
      setup: (r) => {
        const { path, headers } = member(0);
        return { ...r, path, headers: { ...r.headers, ...headers } };
      },
    }),
  );
  // The closed loop above finds the most pages per second (32 requests always outstanding, so its
  // latencies are those of a queue at saturation). The target's latency is read at its rate: requests
  // offered at 3,000 per second, each timed from when it was due.
  if (rate > 0) {
    server.signal('SIGUSR2'); // the server's figures so far are the closed loop's
    await new Promise((resolve) => setTimeout(resolve, 500));
    // In a process of its own: this one's heap holds what autocannon left (open-loop-process.ts).
    const open = await openLoopInFreshProcess({ url: server.url, rate, durationSeconds: duration, warmupSeconds, connections: openConnections, plan: members });
    console.log(`open loop at ${String(rate)}/s: ${String(open.ok)} of ${String(open.sent)} answered 2xx${unansweredNote(open)}; p50 ${open.p50Ms.toFixed(1)} ms, p90 ${open.p90Ms.toFixed(1)}, p99 ${open.p99Ms.toFixed(1)}, p99.9 ${open.p999Ms.toFixed(1)}, max ${open.maxMs.toFixed(1)}; the generator's own event-loop delay p99 ${open.generatorLagP99Ms.toFixed(1)} ms, max ${open.generatorLagMaxMs.toFixed(1)}; ${String(open.lateSends)} requests sent more than 5 ms late; its GC pauses ${String(open.generatorGc.count)}, the longest ${open.generatorGc.maxMs.toFixed(1)} ms`);
    // The seconds that made the tail (by when their requests were due), to set beside the server's GC trace.
    const slow = open.seconds.map((s, i) => ({ ...s, i })).filter((s) => s.slow > 0);
    if (slow.length) console.log(`slow seconds (requests over 15 ms, longest): ${slow.map((s) => `${String(s.i)}s ${String(s.slow)}/${s.maxMs.toFixed(0)}ms`).join(', ')}`);
    rows.push({ name: OPEN, requestsPerSecond: open.achievedRate, p50Ms: Math.round(open.p50Ms * 10) / 10, p99Ms: Math.round(open.p99Ms * 10) / 10, errors: open.errors, non2xx: open.non2xx, durationSeconds: duration, connections: openConnections });
  }
  const met = report(rows, { [rate > 0 ? OPEN : WARM]: { rps: 3_000, p99Ms: 15 } });
  process.exitCode = met ? 0 : 1;
} finally {
  await server.stop();
}
// The machine's floor right after, at the same rate and for as long (BENCH_FLOOR=0 skips it): a bare
// server costing what a reused page costs (bench/floor-server.ts). On a VM whose own stalls make the
// tail, this tells them from the service's.
if (rate > 0 && process.env.BENCH_FLOOR !== '0') console.log((await measureFloor({ rate, seconds: duration })).line);
