// Bench server: the origin role alone (buildOriginApp, what `marquee origin` runs, raw-http fast path
// included) over a filesystem blob store at BENCH_BLOB_DIR, in BENCH_WORKERS processes (default: one per
// core, as nginx's `worker_processes auto` it is compared with). By default it serves unsigned
// `/media/...` paths, the URLs nginx serves; with BENCH_MEDIA_TOKEN_KEYS (kid:secret) it serves signed
// `/t/<token>/media/...` paths exactly as `marquee origin` does, token check included.
import cluster from 'node:cluster';
import net from 'node:net';
import os from 'node:os';
import { keyRing, parseMediaTokenKeys } from '../src/delivery/media-token.js';
import { buildOriginApp } from '../src/delivery/origin-app.js';
import { openFsBlobStore } from '../src/platform/blobs/index.js';

const workers = Number(process.env.BENCH_WORKERS ?? os.availableParallelism());

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as net.AddressInfo;
      probe.close(() => resolve(port));
    });
  });
}

async function serve(port: number): Promise<() => Promise<void>> {
  const dir = process.env.BENCH_BLOB_DIR;
  if (!dir) throw new Error('BENCH_BLOB_DIR is required');
  const blobs = await openFsBlobStore(dir);
  const keys = process.env.BENCH_MEDIA_TOKEN_KEYS;
  const app = await buildOriginApp({ blobs, ...(keys ? { ring: keyRing(parseMediaTokenKeys(keys)) } : {}) });
  await app.listen({ port, host: '127.0.0.1' });
  return () => app.close().then(() => blobs.close());
}

if (workers <= 1) {
  const port = Number(process.env.BENCH_PORT ?? 0) || (await freePort());
  const close = await serve(port);
  console.log(JSON.stringify({ benchReady: `http://127.0.0.1:${port}`, workers: 1 }));
  process.on('SIGTERM', () => void close().then(() => process.exit(0)));
} else if (cluster.isPrimary) {
  // Workers share one listening port through the cluster module; the primary only hands out connections.
  const port = Number(process.env.BENCH_PORT ?? 0) || (await freePort());
  let listening = 0;
  for (let i = 0; i < workers; i++) cluster.fork({ ORIGIN_PORT: String(port) });
  cluster.on('listening', () => {
    if (++listening === workers) console.log(JSON.stringify({ benchReady: `http://127.0.0.1:${port}`, workers }));
  });
  cluster.on('exit', (_worker, code) => {
    if (code !== 0) process.exitCode = code ?? 1;
  });
  process.on('SIGTERM', () => {
    for (const worker of Object.values(cluster.workers ?? {})) worker?.process.kill('SIGTERM');
    cluster.once('exit', () => setTimeout(() => process.exit(), 200));
  });
} else {
  const close = await serve(Number(process.env.ORIGIN_PORT));
  process.on('SIGTERM', () => void close().then(() => process.exit(0)));
}
