// `npm run bench:edge`: segment throughput through an nginx edge (the config `marquee edge-config`
// writes: njs token check, proxy_cache, slices) on a cache HIT, against the origin role serving the
// same signed URLs straight from disk. Reports edge/origin as a ratio.
import { randomBytes } from 'node:crypto';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { writeEdgeFiles } from '../src/delivery/edge-config-files.js';
import { keyRing, parseMediaTokenKeys, signedMediaPath, signMediaToken } from '../src/delivery/media-token.js';
import { openFsBlobStore } from '../src/platform/blobs/index.js';
import { bulkLoad } from './bulk-load.js';
import { report, startBenchServer, type LoadResult } from './lib.js';
import { freePort, spawnNginx } from './nginx.js';

const SEGMENTS = Number(process.env.BENCH_SEGMENTS ?? 64);
const SEGMENT_BYTES = Number(process.env.BENCH_SEGMENT_BYTES ?? 1 << 20);
const duration = Number(process.env.BENCH_SECONDS ?? 15);
const connections = Number(process.env.BENCH_CONNECTIONS ?? 8);

const work = await fs.mkdtemp(path.join(os.tmpdir(), 'marquee-bench-edge-'));
const blobDir = path.join(work, 'blobs');
const blobs = await openFsBlobStore(blobDir);
for (let i = 0; i < SEGMENTS; i++) await blobs.put(`media/bench/v1/video/720p/seg-${i}.m4s`, randomBytes(SEGMENT_BYTES));
await blobs.close();
const ringSpec = `bench:${randomBytes(24).toString('hex')}`;
const ring = keyRing(parseMediaTokenKeys(ringSpec));
const token = signMediaToken(ring, { sessionId: 'bench', prefix: 'media/bench/v1', expiresAt: Date.now() / 1000 + 3600, maxHeight: 1080 });
const segment = (i: number) => signedMediaPath(token, `media/bench/v1/video/720p/seg-${i}.m4s`);
// Random segment per request, so neither server benefits from hammering one file.
const randomSegment = () => segment(Math.floor(Math.random() * SEGMENTS));
console.log(`edge: ${SEGMENTS} × ${SEGMENT_BYTES} B segments, ${connections} connections, ${duration} s, signed paths on both`);

const results: LoadResult[] = [];
try {
  const origin = await startBenchServer('bench/origin-server.ts', { BENCH_BLOB_DIR: blobDir, BENCH_MEDIA_TOKEN_KEYS: ringSpec });
  try {
    results.push(await bulkLoad({ name: 'origin GET 1 MB segment', url: origin.url, path: randomSegment, connections, durationSeconds: duration }));
    const port = await freePort();
    const files = await writeEdgeFiles(
      { id: 'bench', baseUrl: `http://127.0.0.1:${port}`, country: 'US', region: 'us-east', capacityGbps: 10, cacheSize: '4g' },
      ring,
      { out: path.join(work, 'edge', 'nginx.conf'), listen: `127.0.0.1:${port}`, originUrl: origin.url, ...(process.getuid?.() === 0 ? { user: 'root' } : {}) },
    );
    const edge = await spawnNginx(files.config, files.runDir, `http://127.0.0.1:${port}`, '/healthz');
    try {
      // Fill the cache once (what `marquee fill` does), so the measurement is HITs only.
      let hits = 0;
      for (let round = 0; round < 2; round++) {
        for (let i = 0; i < SEGMENTS; i++) {
          const res = await fetch(edge.url + segment(i));
          await res.arrayBuffer();
          if (res.headers.get('x-cache-status') === 'HIT') hits++;
        }
      }
      console.log(`edge filled: second pass ${hits}/${SEGMENTS} HIT`);
      // The origin stays up but idle: on a HIT the edge never calls it.
      results.push(await bulkLoad({ name: 'nginx edge GET 1 MB segment (HIT)', url: edge.url, path: randomSegment, connections, durationSeconds: duration }));
    } finally {
      await edge.stop();
    }
  } finally {
    await origin.stop();
  }
} finally {
  await fs.rm(work, { recursive: true, force: true });
}

const clean = report(results, {});
const [origin, edge] = results as [LoadResult, LoadResult];
const gbps = (r: LoadResult) => ((r.bytesPerSecond ?? 0) / 1e9).toFixed(2);
console.log('\n| server | req/s | GB/s | p99 ms |');
console.log('| --- | ---: | ---: | ---: |');
for (const r of results) console.log(`| ${r.name} | ${r.requestsPerSecond} | ${gbps(r)} | ${r.p99Ms} |`);
const ratio = edge.requestsPerSecond / Math.max(1, origin.requestsPerSecond);
console.log(`\nedge HIT / origin throughput ratio: ${ratio.toFixed(2)}`);
process.exitCode = clean && edge.errors === 0 && edge.non2xx === 0 ? 0 : 1;
