import type { FastifyInstance } from 'fastify';
import type { Registry } from 'prom-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../../src/api/app.js';
import { createRegistry } from '../../../src/api/metrics.js';
import { CatalogService } from '../../../src/catalog/service.js';
import { createEdgeFleet, type EdgeFleet } from '../../../src/delivery/edges/index.js';
import { allMigrations } from '../../../src/migrations.js';
import { migrate, openPglite, type Db } from '../../../src/platform/db/index.js';

const TOKEN = 'edges-test-admin-token';
const admin = { authorization: `Bearer ${TOKEN}` };
const DE = { baseUrl: 'http://edge-fra-1.example.net:8081/', country: 'de', capacityGbps: 40, cacheSize: '20g' };

let db: Db;
let app: FastifyInstance;
let fleet: EdgeFleet;
let metrics: Registry;
/** Which base URLs the fake probe answers for. */
const up = new Set<string>();

beforeAll(async () => {
  db = await openPglite(undefined);
  await migrate(db, allMigrations);
  metrics = createRegistry();
  fleet = createEdgeFleet({ db, metrics, options: { probe: (edge) => Promise.resolve(up.has(edge.baseUrl)) } });
  app = await buildApp({ catalog: new CatalogService(db), edges: fleet, adminToken: TOKEN, bodyLimitBytes: 1024 * 1024, registry: metrics, readiness: [] });
}, 60_000);

afterAll(async () => {
  await app?.close();
  await db?.close();
});

const put = (id: string, payload: object, headers: Record<string, string> = admin) => app.inject({ method: 'PUT', url: `/v1/admin/edges/${id}`, headers, payload });

describe('edge registry admin API', () => {
  it('refuses every edge route without the admin token (401)', async () => {
    const calls = [
      put('de-1', DE, {}),
      app.inject({ method: 'GET', url: '/v1/admin/edges' }),
      app.inject({ method: 'DELETE', url: '/v1/admin/edges/de-1', headers: { authorization: 'Bearer wrong-token-wrong-token' } }),
      app.inject({ method: 'POST', url: '/v1/edges/de-1/load', payload: { load: 0.5 } }),
    ];
    for (const res of await Promise.all(calls)) {
      expect(res.statusCode).toBe(401);
      expect(res.json()).toMatchObject({ error: { code: 'ADMIN_TOKEN_REQUIRED' } });
    }
  });

  it('registers an edge (201), derives its region, normalises the URL, and updates it in place (200)', async () => {
    const created = await put('de-1', DE);
    expect(created.statusCode, created.body).toBe(201);
    expect(created.json()).toEqual({
      id: 'de-1', baseUrl: 'http://edge-fra-1.example.net:8081', country: 'DE', region: 'eu-central', capacityGbps: 40, cacheSize: '20g',
      load: 0, titleCount: 0, loadReportedAt: null, status: { healthy: false, failures: 0, successes: 0, lastCheckedAt: null },
    });
    const updated = await put('de-1', { ...DE, capacityGbps: 100 });
    expect(updated.statusCode).toBe(200);
    expect(updated.json()).toMatchObject({ capacityGbps: 100 });
    await expect(fleet.registry.get('de-1')).resolves.toMatchObject({ id: 'de-1', capacityGbps: 100, region: 'eu-central', cacheSize: '20g' });
  });

  it('answers 400 naming the field for an unknown country, a bad URL, a bad id or a bad cache size', async () => {
    const country = await put('zz-1', { ...DE, country: 'ZZ' });
    expect(country.statusCode).toBe(400);
    expect(country.json()).toMatchObject({ error: { code: 'VALIDATION_FAILED', details: [{ field: 'body.country' }] } });
    expect(country.json<{ error: { message: string } }>().error.message).toContain('body.country');

    const url = await put('x-1', { ...DE, baseUrl: 'ftp://edge.example.net' });
    expect(url.json()).toMatchObject({ error: { code: 'VALIDATION_FAILED', details: [{ field: 'body.baseUrl' }] } });
    expect((await put('Bad_Id', DE)).statusCode).toBe(400);
    const size = await put('x-1', { ...DE, cacheSize: 'lots' });
    expect(size.statusCode).toBe(400);
    expect(size.json<{ error: { message: string } }>().error.message).toContain('body.cacheSize');
    await expect(fleet.registry.get('zz-1')).resolves.toBeUndefined();
  });

  it('lists edges with this node’s live health, and exports marquee_edge_healthy', async () => {
    await put('us-1', { ...DE, baseUrl: 'http://edge-nyc-1.example.net', country: 'US' });
    up.add('http://edge-fra-1.example.net:8081');
    await fleet.health.checkNow();
    const res = await app.inject({ method: 'GET', url: '/v1/admin/edges', headers: admin });
    expect(res.statusCode).toBe(200);
    const items = res.json<{ items: { id: string; region: string; status: { healthy: boolean; failures: number } }[] }>().items;
    expect(items.map((e) => [e.id, e.region, e.status.healthy])).toEqual([['de-1', 'eu-central', true], ['us-1', 'north-america', false]]);
    expect(items[1]?.status.failures).toBe(1);
    const text = await metrics.getSingleMetricAsString('marquee_edge_healthy');
    expect(text).toContain('marquee_edge_healthy{edge="de-1"} 1');
    expect(text).toContain('marquee_edge_healthy{edge="us-1"} 0');
  });

  it('takes load reports: validates the range, stores load and held titles, keeps titles when omitted', async () => {
    expect((await app.inject({ method: 'POST', url: '/v1/edges/de-1/load', headers: admin, payload: { load: 1.5 } })).statusCode).toBe(400);
    const unknown = await app.inject({ method: 'POST', url: '/v1/edges/nope/load', headers: admin, payload: { load: 0.5 } });
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json()).toMatchObject({ error: { code: 'EDGE_NOT_FOUND' } });

    const res = await app.inject({ method: 'POST', url: '/v1/edges/de-1/load', headers: admin, payload: { load: 0.5, titles: ['mv-1', 'mv-2', 'mv-1'] } });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ load: 0.5, titleCount: 2, loadReportedAt: expect.any(String) });
    expect(fleet.health.status('de-1')).toMatchObject({ load: 0.5, healthy: true });
    expect([...(fleet.health.status('de-1')?.titles ?? [])].sort()).toEqual(['mv-1', 'mv-2']);

    await app.inject({ method: 'POST', url: '/v1/edges/de-1/load', headers: admin, payload: { load: 0.1 } });
    await expect(fleet.registry.get('de-1')).resolves.toMatchObject({ load: 0.1, titles: ['mv-1', 'mv-2'] });
  });

  it('removes an edge (204), forgets its status and metric, and answers 404 for an unknown one', async () => {
    const missing = await app.inject({ method: 'DELETE', url: '/v1/admin/edges/nope', headers: admin });
    expect(missing.statusCode).toBe(404);
    expect(missing.json()).toMatchObject({ error: { code: 'EDGE_NOT_FOUND', details: { id: 'nope' } } });
    expect((await app.inject({ method: 'DELETE', url: '/v1/admin/edges/us-1', headers: admin })).statusCode).toBe(204);
    expect(fleet.health.status('us-1')).toBeUndefined();
    expect(await metrics.getSingleMetricAsString('marquee_edge_healthy')).not.toContain('us-1');
    const list = await app.inject({ method: 'GET', url: '/v1/admin/edges', headers: admin });
    expect(list.json<{ items: { id: string }[] }>().items.map((e) => e.id)).toEqual(['de-1']);
  });
});
