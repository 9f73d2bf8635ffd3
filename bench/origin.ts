// `npm run bench:origin`: the origin role against nginx serving the same 1 MB segments from the same disk.
import { randomBytes } from 'node:crypto';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { keyRing, signedMediaPath, signMediaToken } from '../src/delivery/media-token.js';
import { openFsBlobStore } from '../src/platform/blobs/index.js';
import { bulkLoad } from './bulk-load.js';
import { report, startBenchServer, type LoadResult } from './lib.js';
import { startNginx } from './nginx.js';

const SEGMENTS = Number(process.env.BENCH_SEGMENTS ?? 64);
const SEGMENT_BYTES = Number(process.env.BENCH_SEGMENT_BYTES ?? 1 << 20);
const duration = Number(process.env.BENCH_SECONDS ?? 15);
const connections = Number(process.env.BENCH_CONNECTIONS ?? 8);
const TARGET_RATIO = 0.6;
/**
 * BENCH_SIGNED=1: the origin gets signed `/t/<token>/media/...` URLs and checks the token on every
 * request, as `marquee origin` does; nginx still serves the plain paths (it checks nothing).
 */
const signed = process.env.BENCH_SIGNED === '1';

const work = await fs.mkdtemp(path.join(os.tmpdir(), 'marquee-bench-origin-'));
const blobDir = path.join(work, 'blobs');
const blobs = await openFsBlobStore(blobDir);
for (let i = 0; i < SEGMENTS; i++) await blobs.put(`media/bench/v1/video/seg-${i}.m4s`, randomBytes(SEGMENT_BYTES));
await blobs.close();
// Random segment per request, so neither server benefits from hammering one file.
const randomSegment = () => `/media/bench/v1/video/seg-${Math.floor(Math.random() * SEGMENTS)}.m4s`;
const benchSecret = randomBytes(24).toString('hex');
const ringSpec = `bench:${benchSecret}`; // MARQUEE_MEDIA_TOKEN_KEYS form, for the server
const token = signMediaToken(keyRing([{ id: 'bench', secret: benchSecret }]), {
  sessionId: 'bench',
  prefix: 'media/bench/v1',
  expiresAt: Date.now() / 1000 + 3600,
});
const originSegment = signed ? () => signedMediaPath(token, randomSegment().slice(1)) : randomSegment;
console.log(`origin: ${SEGMENTS} × ${SEGMENT_BYTES} B segments in ${blobDir}, ${connections} connections, ${duration} s, ${signed ? 'signed' : 'unsigned'} origin paths`);

const results: LoadResult[] = [];
try {
  // One server at a time: on a small machine they would otherwise share the cores they are measured on.
  const origin = await startBenchServer('bench/origin-server.ts', { BENCH_BLOB_DIR: blobDir, ...(signed ? { BENCH_MEDIA_TOKEN_KEYS: ringSpec } : {}) });
  console.log(`origin: ${String(origin.info.workers)} worker process(es); nginx: worker_processes auto (${os.availableParallelism()} cores)`);
  try {
    results.push(await bulkLoad({ name: 'origin GET 1 MB segment', url: origin.url, path: originSegment, connections, durationSeconds: duration }));
  } finally {
    await origin.stop();
  }
  const nginxDir = path.join(work, 'nginx');
  await fs.mkdir(nginxDir);
  const nginx = await startNginx(blobDir, nginxDir, randomSegment());
  try {
    results.push(await bulkLoad({ name: 'nginx GET 1 MB segment', url: nginx.url, path: randomSegment, connections, durationSeconds: duration }));
  } finally {
    await nginx.stop();
  }
} finally {
  await fs.rm(work, { recursive: true, force: true });
}

const clean = report(results, {});
const [origin, nginx] = results as [LoadResult, LoadResult];
const gbps = (r: LoadResult) => ((r.bytesPerSecond ?? 0) / 1e9).toFixed(2);
const ratio = origin.requestsPerSecond / Math.max(1, nginx.requestsPerSecond);
console.log('\n| server | req/s | GB/s | p99 ms |');
console.log('| --- | ---: | ---: | ---: |');
for (const r of results) console.log(`| ${r.name} | ${r.requestsPerSecond} | ${gbps(r)} | ${r.p99Ms} |`);
const met = clean && origin.errors === 0 && origin.non2xx === 0 && ratio >= TARGET_RATIO;
console.log(`\norigin/nginx throughput ratio: ${ratio.toFixed(2)} (target ≥ ${TARGET_RATIO}) — ${met ? 'met' : 'NOT met'}`);
process.exitCode = met ? 0 : 1;
