// Real nginx edges (Debian's nginx + libnginx-mod-http-js, installed by .ci/run) in front of a real
// origin on loopback, with the configuration `marquee edge-config` writes.
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort, spawnNginx, type NginxServer } from '../../bench/nginx.js';
import { DEFAULT_JS_MODULE } from '../../src/delivery/edge-config.js';
import { writeEdgeFiles } from '../../src/delivery/edge-config-files.js';
import type { Edge } from '../../src/delivery/edges/types.js';
import { fillEdge, popularFillTargets } from '../../src/delivery/fill.js';
import { signedMediaPath, signMediaToken } from '../../src/delivery/media-token.js';
import { buildOriginApp } from '../../src/delivery/origin-app.js';
import { buildApp } from '../../src/api/app.js';
import { createRegistry } from '../../src/api/metrics.js';
import { createEdgeFleet } from '../../src/delivery/edges/index.js';
import { createPlayback, type PlayResult } from '../../src/playback/index.js';
import { tempDir } from '../media/helpers.js';
import { createProfile, createWorld, fakePublish, signUp, type PlaybackWorld } from '../playback/harness.js';

const NGINX = process.env.NGINX_BIN ?? '/usr/sbin/nginx';
const available = existsSync(NGINX) && existsSync(DEFAULT_JS_MODULE);
const HOUR = 3600;
const ADMIN = 'edge-test-admin-token-0000';

describe.skipIf(!available)('nginx edge appliance (real nginx, njs token check)', () => {
  let world: PlaybackWorld;
  let origin: FastifyInstance;
  let originUrl: string;
  let originRequests = 0;
  const edges: NginxServer[] = [];
  let work: { dir: string; remove: () => Promise<void> };
  let movie: { prefix: string; titleId: string };
  let other: { prefix: string };
  /** 3 MB: spans three 1 MiB slices, so ranges and slice stitching are exercised. */
  const big = randomBytes(3 * 1024 * 1024 + 123);
  const bigKey = () => `${movie.prefix}/video/720p/seg_big.m4s`;
  const token = (prefix: string, extra: { maxHeight?: number; expiresAt?: number; sessionId?: string } = {}) =>
    signMediaToken(world.ring, { sessionId: extra.sessionId ?? 's1', prefix, expiresAt: extra.expiresAt ?? Date.now() / 1000 + HOUR, ...(extra.maxHeight ? { maxHeight: extra.maxHeight } : {}) });

  async function startEdge(id: string): Promise<NginxServer> {
    const port = await freePort();
    const edge: Edge = { id, baseUrl: `http://127.0.0.1:${port}`, country: 'US', region: 'us-east', capacityGbps: 1, cacheSize: '256m' };
    const files = await writeEdgeFiles(edge, world.ring, {
      out: path.join(work.dir, id, 'nginx.conf'),
      listen: `127.0.0.1:${port}`,
      originUrl,
      workers: '1',
      // Workers default to `nobody`, which cannot enter a 0700 temp dir; as root, stay root.
      ...(process.getuid?.() === 0 ? { user: 'root' } : {}),
    });
    const server = await spawnNginx(files.config, files.runDir, edge.baseUrl, '/healthz');
    edges.push(server);
    return server;
  }

  beforeAll(async () => {
    world = await createWorld();
    const titles = world.catalog.view().snapshot.titles.filter((t) => t.seasons.length === 0);
    const [first, second] = titles;
    if (!first || !second) throw new Error('the test catalog needs two movies');
    movie = { ...(await fakePublish(world, first.id)), titleId: first.id };
    other = await fakePublish(world, second.id);
    await world.blobs.put(bigKey(), big);
    work = await tempDir('edge-nginx');
    origin = await buildOriginApp({ blobs: world.blobs, ring: world.ring });
    // A second 'request' listener sees every request, the raw fast path's included.
    origin.server.on('request', () => void originRequests++);
    originUrl = await origin.listen({ port: 0, host: '127.0.0.1' });
  });

  afterAll(async () => {
    for (const edge of edges) await edge.stop();
    await origin?.close();
    await world?.close();
    await work?.remove();
  });

  let edgeA: NginxServer;
  let edgeB: NginxServer;

  it('answers /healthz locally', async () => {
    edgeA = await startEdge('edge-a');
    edgeB = await startEdge('edge-b');
    const before = originRequests;
    const res = await fetch(`${edgeA.url}/healthz`);
    expect(await res.json()).toEqual({ status: 'ok', edge: 'edge-a' });
    expect(originRequests).toBe(before);
  });

  it('caches a segment: MISS then HIT, the origin bytes, one cached copy for every session', async () => {
    const url = edgeA.url + signedMediaPath(token(movie.prefix), bigKey());
    const first = await fetch(url);
    expect(first.status).toBe(200);
    expect(first.headers.get('x-cache-status')).toBe('MISS');
    expect(Buffer.from(await first.arrayBuffer()).equals(big)).toBe(true);
    const before = originRequests;
    const second = await fetch(url);
    expect(second.headers.get('x-cache-status')).toBe('HIT');
    expect(Buffer.from(await second.arrayBuffer()).equals(big)).toBe(true);
    // Another session's token: the cache key leaves the token out, so it is the same copy.
    const otherSession = await fetch(edgeA.url + signedMediaPath(token(movie.prefix, { sessionId: 's2' }), bigKey()));
    expect(otherSession.headers.get('x-cache-status')).toBe('HIT');
    expect(Buffer.from(await otherSession.arrayBuffer()).equals(big)).toBe(true);
    expect(originRequests).toBe(before);
  });

  it('serves a byte range across a slice boundary as 206 with the right bytes', async () => {
    const start = 1024 * 1024 - 100;
    const end = 2 * 1024 * 1024 + 50;
    const res = await fetch(edgeA.url + signedMediaPath(token(movie.prefix), bigKey()), { headers: { range: `bytes=${start}-${end}` } });
    expect(res.status).toBe(206);
    expect(res.headers.get('content-range')).toBe(`bytes ${start}-${end}/${big.length}`);
    expect(Buffer.from(await res.arrayBuffer()).equals(big.subarray(start, end + 1))).toBe(true);
  });

  it('refuses expired, tampered, other-title and above-plan tokens with 403 before the origin', async () => {
    const good = token(movie.prefix, { maxHeight: 720 });
    const tampered = good.slice(0, -2) + (good.endsWith('AA') ? 'BB' : 'AA');
    const cases: Array<[string, string]> = [
      ['expired', signedMediaPath(token(movie.prefix, { expiresAt: Date.now() / 1000 - 1 }), bigKey())],
      ['tampered', signedMediaPath(tampered, bigKey())],
      ['other title', signedMediaPath(token(other.prefix), bigKey())],
      ['above plan', signedMediaPath(good, `${movie.prefix}/video/1080p/seg_1.m4s`)],
      ['garbage', `/t/not-a-token/${bigKey()}`],
    ];
    const before = originRequests;
    for (const [name, urlPath] of cases) {
      const res = await fetch(edgeA.url + urlPath);
      expect(res.status, name).toBe(403);
      expect((await res.json()) as unknown, name).toMatchObject({ error: { code: 'MEDIA_TOKEN_INVALID' } });
      expect(res.headers.get('x-cache-status'), name).toBeNull();
    }
    expect(originRequests).toBe(before);
    // The same plan's own rung is served.
    const allowed = await fetch(edgeA.url + signedMediaPath(good, `${movie.prefix}/video/720p/seg_1.m4s`));
    expect(allowed.status).toBe(200);
    expect(await allowed.text()).toBe('segment 720p');
  });

  it('fills an edge with the most popular titles; a second fill is all HITs', async () => {
    const { snapshot } = world.catalog.view();
    const targets = await popularFillTargets(world.db, snapshot.titles, snapshot.titles.length);
    expect(targets.map((t) => t.prefix).sort()).toEqual([movie.prefix, other.prefix].sort());
    const first = await fillEdge({ edgeUrl: edgeB.url, blobs: world.blobs, ring: world.ring, targets });
    expect(first).toMatchObject({ targets: 2, failed: 0 });
    expect(first.files).toBe(13); // 6 files per fakePublish, plus seg_big
    expect(first.misses).toBe(13);
    expect(first.bytes).toBeGreaterThan(big.length);
    const second = await fillEdge({ edgeUrl: edgeB.url, blobs: world.blobs, ring: world.ring, targets });
    expect(second).toMatchObject({ files: 13, hits: 13, misses: 0, failed: 0, bytes: first.bytes });
  });

  it('fails over: steering drops the stopped edge A within the check interval, new plays get B, same bytes', async () => {
    // Steering over the two real edges, checked every 200 ms, down after 2 failures.
    const fleet = createEdgeFleet({ db: world.db, options: { intervalMs: 200, timeoutMs: 500, downAfter: 2, upAfter: 1 } });
    const playback = createPlayback({ ...world, tokens: world.ring, ranker: fleet.ranker });
    const app = await buildApp({
      catalog: world.catalog, accounts: world.accounts, playback, edges: fleet, mediaOrigin: { blobs: world.blobs, ring: world.ring },
      publicUrl: originUrl, adminToken: ADMIN, bodyLimitBytes: 64 * 1024, registry: createRegistry(), readiness: [],
    });
    try {
      for (const [id, edge, country] of [['edge-a', edgeA, 'US'], ['edge-b', edgeB, 'CA']] as const) {
        const res = await app.inject({
          method: 'PUT', url: `/v1/admin/edges/${id}`, headers: { authorization: `Bearer ${ADMIN}` },
          payload: { baseUrl: edge.url, country, capacityGbps: 1, cacheSize: '256m' },
        });
        expect(res.statusCode, res.body).toBe(201);
      }
      await fleet.start();
      const play = async () => {
        const member = await signUp(app, { country: 'US', plan: 'premium' });
        const profileId = await createProfile(app, member);
        const res = await app.inject({ method: 'POST', url: '/v1/play', headers: member.headers, payload: { profileId, titleId: movie.titleId, device: { id: 'tv' } } });
        expect(res.statusCode, res.body).toBe(200);
        return res.json<PlayResult>();
      };
      const before = await play();
      expect(before.baseUrls).toEqual([edgeA.url, edgeB.url]);
      const urlPath = signedMediaPath(token(movie.prefix), bigKey());
      const viaA = Buffer.from(await (await fetch(edgeA.url + urlPath)).arrayBuffer());

      await edgeA.stop();
      const stoppedAt = Date.now();
      await expect(fetch(edgeA.url + urlPath)).rejects.toThrow();
      while (fleet.health.status('edge-a')?.healthy !== false) {
        expect(Date.now() - stoppedAt, 'edge A still marked up').toBeLessThan(3 * (200 + 500) + 1000);
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      const after = await play();
      expect(after.baseUrls).toEqual([edgeB.url]);
      expect(after.manifests.hls.startsWith(`${edgeB.url}/t/`)).toBe(true);
      // A player retrying the in-flight segment on the backup gets the same bytes.
      const viaB = await fetch(edgeB.url + urlPath);
      expect(viaB.status).toBe(200);
      expect(Buffer.from(await viaB.arrayBuffer()).equals(viaA)).toBe(true);
      expect(viaA.equals(big)).toBe(true);
    } finally {
      await fleet.stop();
      await app.close();
    }
  });
});
