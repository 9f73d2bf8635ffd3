import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { regionOf } from '../../../src/delivery/edges/regions.js';
import type { EdgeView } from '../../../src/delivery/edges/health.js';
import type { StoredEdge } from '../../../src/delivery/edges/registry.js';
import type { EdgeStatus } from '../../../src/delivery/edges/types.js';

/** A stand-in edge appliance: answers `/healthz` 200 on loopback; stop and restart it on the same port. */
export interface FakeEdge {
  readonly baseUrl: string;
  stop(): Promise<void>;
  restart(): Promise<void>;
}

function listen(server: http.Server, port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve((server.address() as AddressInfo).port));
  });
}

/** Starts a fake edge; `delayMs` holds every answer that long (to exercise the check timeout). */
export async function startFakeEdge(delayMs = 0): Promise<FakeEdge> {
  const handler: http.RequestListener = (req, res) => {
    const answer = () => res.writeHead(req.url === '/healthz' ? 200 : 404, { 'content-type': 'text/plain' }).end('ok');
    if (delayMs > 0) setTimeout(answer, delayMs);
    else answer();
  };
  let server = http.createServer(handler);
  const port = await listen(server, 0);
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    async stop() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
    async restart() {
      server = http.createServer(handler);
      await listen(server, port);
    },
  };
}

/** Polls until `condition` holds; returns the milliseconds it took, or throws after `timeoutMs`. */
export async function waitFor(condition: () => boolean, timeoutMs: number): Promise<number> {
  const started = Date.now();
  while (!condition()) {
    if (Date.now() - started > timeoutMs) throw new Error(`condition not met within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
  return Date.now() - started;
}

/** A stored edge in `country` (region from the map), as the registry would list it. */
export function storedEdge(id: string, country: string, baseUrl = `http://${id}.test`): StoredEdge {
  return { id, baseUrl, country, region: regionOf(country) ?? 'nowhere', capacityGbps: 10, cacheSize: '10g', load: 0, titles: [], loadReportedAt: null };
}

/** An edge with a status for steering tests: healthy and idle unless told otherwise. */
export function view(id: string, country: string, status: Partial<Omit<EdgeStatus, 'titles'>> & { titles?: string[] } = {}): EdgeView {
  const { titles, loadReportedAt: _at, load: _load, ...edge } = storedEdge(id, country);
  return {
    edge,
    status: { edgeId: id, healthy: true, failures: 0, successes: 2, lastCheckedAt: '2025-01-01T00:00:00.000Z', load: 0, ...status, titles: new Set(status.titles ?? titles) },
  };
}
