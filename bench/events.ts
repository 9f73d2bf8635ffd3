// `npm run bench:events`: sustained ingest over HTTP with durable acknowledgements. autocannon sends
// batches of BENCH_BATCH (500) small heartbeat events with fresh ids over BENCH_CONNECTIONS connections
// to bench/events-server.ts (its own process); reports events/s and the p99 latency of the 202s.
import { randomUUID } from 'node:crypto';
import { load, report, startBenchServer } from './lib.js';

interface Target {
  authorization: string;
  profileId: string;
}

// BENCH_CPU_PROF=DIR writes a V8 CPU profile of the server there (open it in Chrome DevTools).
const profileDir = process.env.BENCH_CPU_PROF;
const server = await startBenchServer('bench/events-server.ts', {
  BENCH_MEMBERS: process.env.BENCH_MEMBERS ?? '50',
  ...(profileDir ? { BENCH_CPU_PROF: profileDir } : {}),
  ...(process.env.BENCH_CONSUMERS ? { BENCH_CONSUMERS: process.env.BENCH_CONSUMERS } : {}),
});
const targets = server.info.targets as Target[];
const duration = Number(process.env.BENCH_SECONDS ?? 15);
const connections = Number(process.env.BENCH_CONNECTIONS ?? 8);
const batch = Number(process.env.BENCH_BATCH ?? 500);
console.log(`${targets.length} members, batches of ${batch}, ${connections} connections, log: ${String(server.info.log)}`);

/** One batch body, built by string concatenation: the load generator shares the machine's cores. */
function body(profileId: string): string {
  const now = Date.now();
  const parts: string[] = [];
  for (let i = 0; i < batch; i++) {
    parts.push(
      `{"type":"heartbeat","id":"${randomUUID()}","clientTime":${now},"profileId":"${profileId}","deviceId":"d1",` +
        `"titleId":"mv-${i % 5}","playbackSessionId":"ps-1","positionSec":${i * 10},"durationSec":6000,"bitrateKbps":3000,"bufferSec":20}`,
    );
  }
  return `{"events":[${parts.join(',')}]}`;
}

/** Consumer lag (seconds behind the newest record) per consumer, from the server's /metrics. */
async function consumerLag(url: string): Promise<Record<string, number>> {
  const text = await (await fetch(`${url}/metrics`)).text();
  const lag: Record<string, number> = {};
  for (const m of text.matchAll(/^marquee_log_consumer_lag_seconds\{consumer="([^"]+)"\} ([0-9.e+-]+)$/gm)) lag[m[1]!] = Number(m[2]);
  return lag;
}

/** Lag right after the load, then how long until every consumer is within 2 s of the head. */
async function reportConsumerLag(url: string): Promise<void> {
  const atEnd = await consumerLag(url);
  const started = Date.now();
  let now = atEnd;
  while (Object.values(now).some((s) => s > 2) && Date.now() - started < 300_000) {
    await new Promise((resolve) => setTimeout(resolve, 500));
    now = await consumerLag(url);
  }
  console.log(`consumer lag at the end of the load (s): ${JSON.stringify(atEnd)}; all within 2 s after ${((Date.now() - started) / 1000).toFixed(1)} s: ${JSON.stringify(now)}`);
}

const pick = <T>(items: readonly T[]): T => items[Math.floor(Math.random() * items.length)]!;
try {
  const row = await load({
    name: 'POST /v1/events',
    url: server.url,
    method: 'POST',
    connections,
    durationSeconds: duration,
    setup: (r) => {
      const target = pick(targets);
      return { ...r, path: '/v1/events', body: body(target.profileId), headers: { ...r.headers, 'content-type': 'application/json', authorization: target.authorization } };
    },
  });
  const eventsPerSecond = row.requestsPerSecond * batch;
  console.log(`\nevents/s: ${eventsPerSecond} (${row.requestsPerSecond} batches/s × ${batch}), p99 ack ${row.p99Ms} ms`);
  report([row], { 'POST /v1/events': { rps: Math.ceil(150_000 / batch), p99Ms: 250 } });
  if (process.env.BENCH_CONSUMERS === '1') await reportConsumerLag(server.url);
  process.exitCode = eventsPerSecond >= 150_000 ? 0 : 1;
} finally {
  await server.stop();
}
