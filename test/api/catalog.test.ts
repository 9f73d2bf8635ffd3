import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { adminHeaders, createTestApp, type TestApp } from '../helpers/app.js';
import { smallCatalog, titleInput } from '../helpers/titles.js';

let t: TestApp;

beforeAll(async () => {
  t = await createTestApp(smallCatalog());
});
afterAll(async () => {
  await t.close();
});

function expectErrorShape(body: unknown, code: string): void {
  expect(body).toMatchObject({ error: { code, message: expect.any(String) } });
}

describe('catalog reads', () => {
  it('returns a show with its seasons and episodes in order', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/v1/titles/sh-ma' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('application/json');
    const show = res.json();
    expect(show.kind).toBe('show');
    expect(show.seasons.map((s: { number: number }) => s.number)).toEqual([1, 2]);
    expect(show.seasons[0].episodes.map((e: { episodeNumber: number }) => e.episodeNumber)).toEqual([1, 2, 3]);
    expect(show.seasons[0].episodes[0].id).toBe('sh-ma-s01e01');
    expect(show.seasons[1].name).toBe('Season 2');
  });

  it('answers an unknown id with 404 in the error shape', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/v1/titles/nope' });
    expect(res.statusCode).toBe(404);
    expectErrorShape(res.json(), 'TITLE_NOT_FOUND');
  });

  it('answers an unknown route with 404 in the error shape', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/v1/nothing-here' });
    expect(res.statusCode).toBe(404);
    expectErrorShape(res.json(), 'ROUTE_NOT_FOUND');
  });

  it('rejects invalid query parameters with 400 naming the field', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/v1/genres/drama/titles?limit=abc' });
    expect(res.statusCode).toBe(400);
    expectErrorShape(res.json(), 'VALIDATION_FAILED');
    expect(res.json().error.message).toContain('querystring.limit');
    const zero = await t.app.inject({ method: 'GET', url: '/v1/titles?limit=0' });
    expect(zero.statusCode).toBe(400);
    const cursor = await t.app.inject({ method: 'GET', url: '/v1/titles?cursor=%%%garbage' });
    expect(cursor.statusCode).toBe(400);
    expect(cursor.json().error.details[0].field).toBe('querystring.cursor');
  });

  it('pages through a genre with cursors, without repeats or gaps', async () => {
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const url: string = `/v1/genres/drama/titles?limit=1${cursor ? `&cursor=${cursor}` : ''}`;
      const res = await t.app.inject({ method: 'GET', url });
      expect(res.statusCode).toBe(200);
      const body = res.json();
      seen.push(...body.items.map((i: { id: string }) => i.id));
      cursor = body.nextCursor;
    } while (cursor);
    // Most popular first; drama holds three movies and the show.
    expect(seen).toEqual(['sh-ma', 'mv-drama', 'mv-gb']);
  });

  it('answers an unknown genre with 404', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/v1/genres/nope/titles' });
    expect(res.statusCode).toBe(404);
    expectErrorShape(res.json(), 'GENRE_NOT_FOUND');
  });

  it('lists new releases newest first and applies country availability', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/v1/new-releases?country=US' });
    const ids = res.json().items.map((i: { id: string }) => i.id);
    expect(ids[0]).toBe('mv-r');
    expect(ids).not.toContain('mv-gb');
    const gb = await t.app.inject({ method: 'GET', url: '/v1/new-releases?country=GB' });
    expect(gb.json().items.map((i: { id: string }) => i.id)).toContain('mv-gb');
    const details = await t.app.inject({ method: 'GET', url: '/v1/titles/mv-gb?country=US' });
    expect(details.statusCode).toBe(404);
  });

  it('serves generated artwork as SVG', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/v1/artwork/mv-kids/poster.svg' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('image/svg+xml');
    expect(res.body).toContain('<svg');
  });
});

describe('search', () => {
  it('suggests titles for a prefix', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/v1/search/suggest?q=th' });
    expect(res.statusCode).toBe(200);
    const names = res.json().items.map((i: { name: string }) => i.name);
    expect(names).toEqual(expect.arrayContaining(['The Little Lantern', 'The Night Ledger', 'Thorn Valley']));
  });

  it('searches with typos and filters', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/v1/search?q=lantren' });
    expect(res.json().items[0].id).toBe('mv-kids');
    const filtered = await t.app.inject({ method: 'GET', url: '/v1/search?q=&genre=thriller&kind=movie' });
    expect(filtered.json().items.map((i: { id: string }) => i.id)).toEqual(['mv-r']);
    const capped = await t.app.inject({ method: 'GET', url: '/v1/search?q=the&maturity=PG' });
    expect(capped.json().items.map((i: { id: string }) => i.id)).not.toContain('mv-r');
  });

  it('requires a query for suggestions', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/v1/search/suggest' });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.message).toContain('querystring.q');
  });
});

describe('admin writes', () => {
  const body = titleInput({ id: 'mv-new', name: 'Quiet Orchard', genres: ['comedy'] });

  it('rejects admin routes without the token, or with a wrong one', async () => {
    const none = await t.app.inject({ method: 'POST', url: '/v1/admin/titles', payload: body });
    expect(none.statusCode).toBe(401);
    expectErrorShape(none.json(), 'ADMIN_TOKEN_REQUIRED');
    const wrong = await t.app.inject({
      method: 'DELETE',
      url: '/v1/admin/titles/mv-kids',
      headers: { authorization: 'Bearer not-the-token' },
    });
    expect(wrong.statusCode).toBe(401);
  });

  it('creates, replaces and deletes a title; reads see each change', async () => {
    const created = await t.app.inject({ method: 'POST', url: '/v1/admin/titles', headers: adminHeaders, payload: body });
    expect(created.statusCode).toBe(201);
    expect((await t.app.inject({ method: 'GET', url: '/v1/titles/mv-new' })).json().name).toBe('Quiet Orchard');
    const suggest = await t.app.inject({ method: 'GET', url: '/v1/search/suggest?q=orch' });
    expect(suggest.json().items.map((i: { id: string }) => i.id)).toContain('mv-new');

    const again = await t.app.inject({ method: 'POST', url: '/v1/admin/titles', headers: adminHeaders, payload: body });
    expect(again.statusCode).toBe(409);
    expectErrorShape(again.json(), 'CONFLICT');

    const replaced = await t.app.inject({
      method: 'PUT',
      url: '/v1/admin/titles/mv-new',
      headers: adminHeaders,
      payload: { ...body, id: undefined, name: 'Quiet Orchard Redux' },
    });
    expect(replaced.statusCode).toBe(200);
    expect(replaced.json().createdAt).toBe(created.json().createdAt);
    expect((await t.app.inject({ method: 'GET', url: '/v1/titles/mv-new' })).json().name).toBe('Quiet Orchard Redux');

    const deleted = await t.app.inject({ method: 'DELETE', url: '/v1/admin/titles/mv-new', headers: adminHeaders });
    expect(deleted.statusCode).toBe(204);
    expect((await t.app.inject({ method: 'GET', url: '/v1/titles/mv-new' })).statusCode).toBe(404);
    const twice = await t.app.inject({ method: 'DELETE', url: '/v1/admin/titles/mv-new', headers: adminHeaders });
    expect(twice.statusCode).toBe(404);
  });

  it('rejects an invalid body with 400 naming the field and writes nothing', async () => {
    const before = t.catalog.view().snapshot.version;
    const missing = await t.app.inject({
      method: 'POST',
      url: '/v1/admin/titles',
      headers: adminHeaders,
      payload: { ...body, id: 'mv-bad', releaseYear: 'soon' },
    });
    expect(missing.statusCode).toBe(400);
    expect(missing.json().error.message).toContain('body.releaseYear');

    const unknownGenre = await t.app.inject({
      method: 'POST',
      url: '/v1/admin/titles',
      headers: adminHeaders,
      payload: { ...body, id: 'mv-bad', genres: ['comedy', 'no-such-genre'] },
    });
    expect(unknownGenre.statusCode).toBe(400);
    expect(unknownGenre.json().error.details[0].field).toBe('genres[1]');

    const dupEpisodes = await t.app.inject({
      method: 'POST',
      url: '/v1/admin/titles',
      headers: adminHeaders,
      payload: {
        ...body,
        id: 'sh-bad',
        kind: 'show',
        seasons: [{ number: 1, episodes: [1, 1].map((n) => ({ episodeNumber: n, name: 'Twice', runtimeMinutes: 30 })) }],
      },
    });
    expect(dupEpisodes.statusCode).toBe(400);
    await t.catalog.refreshIfChanged();
    expect(t.catalog.view().snapshot.version).toBe(before);
    expect((await t.app.inject({ method: 'GET', url: '/v1/titles/mv-bad' })).statusCode).toBe(404);
  });

  it('rejects malformed JSON with 400 and a body over the limit with 413', async () => {
    const malformed = await t.app.inject({
      method: 'POST',
      url: '/v1/admin/titles',
      headers: { ...adminHeaders, 'content-type': 'application/json' },
      payload: '{"name": ',
    });
    expect(malformed.statusCode).toBe(400);
    expectErrorShape(malformed.json(), 'BAD_REQUEST');

    const huge = await t.app.inject({
      method: 'POST',
      url: '/v1/admin/titles',
      headers: { ...adminHeaders, 'content-type': 'application/json' },
      payload: JSON.stringify({ ...body, synopsis: 'x'.repeat(100 * 1024) }),
    });
    expect(huge.statusCode).toBe(413);
    expectErrorShape(huge.json(), 'PAYLOAD_TOO_LARGE');
  });
});

describe('operations', () => {
  it('serves health, readiness, metrics and the OpenAPI document', async () => {
    expect((await t.app.inject({ method: 'GET', url: '/healthz' })).json()).toEqual({ status: 'ok' });
    const ready = await t.app.inject({ method: 'GET', url: '/readyz' });
    expect(ready.statusCode).toBe(200);
    expect(ready.json().checks[0]).toMatchObject({ name: 'database', ok: true });
    await t.app.inject({ method: 'GET', url: '/v1/titles/mv-kids' });
    const metrics = await t.app.inject({ method: 'GET', url: '/metrics' });
    expect(metrics.body).toMatch(/marquee_http_request_duration_seconds_bucket\{.*route="\/v1\/titles\/:id"/);
    const openapi = (await t.app.inject({ method: 'GET', url: '/openapi.json' })).json();
    expect(openapi.openapi).toMatch(/^3\./);
    expect(Object.keys(openapi.paths)).toEqual(expect.arrayContaining(['/v1/titles/{id}', '/v1/search/suggest', '/v1/admin/titles']));
  });

  it('reports not ready, naming the dependency, when a check fails', async () => {
    const broken = await createTestApp(undefined, {
      readiness: [{ name: 'cache', check: () => Promise.reject(new Error('connection refused')) }],
    });
    try {
      const res = await broken.app.inject({ method: 'GET', url: '/readyz' });
      expect(res.statusCode).toBe(503);
      expect(res.json().checks[0]).toMatchObject({ name: 'cache', ok: false, error: 'connection refused' });
    } finally {
      await broken.close();
    }
  });
});
