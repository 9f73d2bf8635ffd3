import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../../src/api/app.js';
import { createRegistry } from '../../../src/api/metrics.js';
import { createEdgeFleet, type EdgeFleet } from '../../../src/delivery/edges/index.js';
import { createPlayback, type PlayResult } from '../../../src/playback/index.js';
import { createProfile, createWorld, fakePublish, signUp, type PlaybackWorld } from '../../playback/harness.js';
import { startFakeEdge, waitFor, type FakeEdge } from './helpers.js';

const TOKEN = 'steering-test-admin-token';
const INTERVAL_MS = 100;

let world: PlaybackWorld;
let app: FastifyInstance;
let fleet: EdgeFleet;
const servers: Record<string, FakeEdge> = {};

beforeAll(async () => {
  world = await createWorld();
  fleet = createEdgeFleet({ db: world.db, options: { intervalMs: INTERVAL_MS, timeoutMs: 1_000, downAfter: 2, upAfter: 2 } });
  const playback = createPlayback({ ...world, tokens: world.ring, ranker: fleet.ranker });
  app = await buildApp({
    catalog: world.catalog, accounts: world.accounts, playback, edges: fleet, mediaOrigin: { blobs: world.blobs, ring: world.ring },
    publicUrl: 'http://api.test', adminToken: TOKEN, bodyLimitBytes: 64 * 1024, registry: createRegistry(), readiness: [],
  });
  await fakePublish(world, 'mv-drama');
}, 60_000);

afterAll(async () => {
  await fleet?.stop();
  await app?.close();
  await Promise.all(Object.values(servers).map((s) => s.stop()));
  await world?.close();
});

async function play(country: string): Promise<PlayResult> {
  const member = await signUp(app, { country, plan: 'premium' });
  const profileId = await createProfile(app, member);
  const res = await app.inject({ method: 'POST', url: '/v1/play', headers: member.headers, payload: { profileId, titleId: 'mv-drama', device: { id: 'tv' } } });
  expect(res.statusCode, res.body).toBe(200);
  return res.json<PlayResult>();
}

describe('POST /v1/play steered over registered edges', () => {
  it('falls back to the api’s own URL while no edge is registered', async () => {
    expect((await play('US')).baseUrls).toEqual(['http://api.test']);
  });

  it('ranks edges by the account’s country, and moves new plays off an edge whose server stops', async () => {
    for (const [id, country] of [['us-1', 'US'], ['ca-1', 'CA'], ['de-1', 'DE']] as const) {
      servers[id] = await startFakeEdge();
      const res = await app.inject({
        method: 'PUT', url: `/v1/admin/edges/${id}`, headers: { authorization: `Bearer ${TOKEN}` },
        payload: { baseUrl: servers[id].baseUrl, country, capacityGbps: 10, cacheSize: '10g' },
      });
      expect(res.statusCode, res.body).toBe(201);
    }
    await fleet.start();
    const url = (id: string) => servers[id]?.baseUrl;

    const us = await play('US');
    expect(us.baseUrls).toEqual([url('us-1'), url('ca-1'), url('de-1')]);
    expect(us.manifests.hls).toBe(`${url('us-1')}${us.paths.hls}`);
    expect((await play('DE')).baseUrls[0]).toBe(url('de-1'));
    // FR is in eu-west, not DE's eu-central: no region match, so the others tie and the order is by title hash.
    expect((await play('FR')).baseUrls).toHaveLength(3);

    await servers['us-1']?.stop();
    await waitFor(() => fleet.health.status('us-1')?.healthy === false, 5_000);
    const after = await play('US');
    expect(after.baseUrls).toEqual([url('ca-1'), url('de-1')]);
    expect(after.manifests.hls.startsWith(`${url('ca-1')}/t/`)).toBe(true);

    await servers['us-1']?.restart();
    await waitFor(() => fleet.health.status('us-1')?.healthy === true, 5_000);
    expect((await play('US')).baseUrls[0]).toBe(url('us-1'));
  });

  it('falls back to the api’s own URL when every edge is down', async () => {
    await Promise.all(Object.values(servers).map((s) => s.stop()));
    await waitFor(() => fleet.health.snapshot().every((v) => !v.status.healthy), 5_000);
    expect((await play('US')).baseUrls).toEqual(['http://api.test']);
    await Promise.all(Object.values(servers).map((s) => s.restart()));
  });
});
