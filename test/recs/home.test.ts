import { rm } from 'node:fs/promises';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { maturityLevel, type MaturityRating } from '../../src/catalog/model.js';
import { FIRST_VISIBLE } from '../../src/recs/home/index.js';
import { createProfile, signUp, type Member } from '../helpers/accounts-app.js';
import { createHomeTestApp, fixtureDatasets, publish, type CardsBody, type HomeBody, type HomeTestApp } from './home-harness.js';

const MINUTE = 60;

describe('GET /v1/home', () => {
  let t: HomeTestApp;
  let us: Member;
  let ana: string;
  const t0 = Date.now() - 3600_000;

  const home = async (member: Member, profileId: string, query = ''): Promise<HomeBody> => {
    const res = await t.app.inject({ method: 'GET', url: `/v1/home?profileId=${profileId}${query}`, headers: member.headers });
    expect(res.statusCode, res.body).toBe(200);
    return res.json<HomeBody>();
  };
  const watch = (profileId: string, titleId: string, share: number, minutesAgo: number) =>
    t.accounts.watch.recordProgress(profileId, titleId, null, share * 100 * MINUTE, 100 * MINUTE, new Date(t0 + (60 - minutesAgo) * 60_000));
  const ids = (body: HomeBody, rowId: string): string[] => body.rows.find((r) => r.id === rowId)?.items.map((i) => i.id) ?? [];
  /** The page's card dictionary, from the address it names. */
  const cardsOf = async (body: HomeBody): Promise<CardsBody> => {
    const res = await t.app.inject({ method: 'GET', url: body.cards });
    expect(res.statusCode, res.body).toBe(200);
    return res.json<CardsBody>();
  };

  beforeAll(async () => {
    t = await createHomeTestApp();
    await publish(t.blobs, fixtureDatasets('v1', new Date()));
    await t.store.refresh();
    us = await signUp(t.app, { country: 'US' });
    ana = await createProfile(t.app, us, { name: 'Ana' });
    await watch(ana, 'action-0', 1, 30); // finished
    await watch(ana, 'action-1', 1, 20); // finished, the latest finished
    await watch(ana, 'comedy-5', 0.1, 10); // started: Continue Watching, not a BYW seed
  }, 240_000);
  afterAll(async () => t.close());

  it('answers the rows in order with ids, titles, reasons and title references', async () => {
    const body = await home(us, ana);
    expect(body.datasetVersion).toBe('v1');
    expect(body.degraded).toBeUndefined();
    const rowIds = body.rows.map((r) => r.id);
    expect(rowIds.slice(0, 4)).toEqual(['continue-watching', 'top-picks', 'because-you-watched:action-1', 'because-you-watched:action-0']);
    expect(rowIds).toEqual(expect.arrayContaining(['trending', 'top10-movies', 'top10-shows', 'new-releases']));
    expect(rowIds.indexOf('trending')).toBeLessThan(rowIds.indexOf('top10-movies'));
    expect(rowIds.indexOf('new-releases')).toBeLessThan(rowIds.findIndex((id) => id.startsWith('genre:')));
    const top = body.rows.find((r) => r.id === 'top-picks')!;
    expect(top.title).toBe('Top Picks for Ana');
    expect(body.rows.find((r) => r.id === 'because-you-watched:action-1')?.title).toBe('Because You Watched Action 1');
    expect(body.rows.find((r) => r.id === 'top10-movies')?.title).toBe('Top 10 Movies in United States');
    const cw = body.rows[0]!;
    expect(cw.items.map((i) => i.id)).toEqual(['comedy-5']);
    expect(cw.items[0]).toEqual({ id: 'comedy-5', progress: { positionSec: 600, durationSec: 6000 } });
    expect(body.rows[1]!.items[0]).toEqual({ id: expect.any(String) }); // a reference, no card
    for (const row of body.rows) expect(row.reason).toMatch(/^[a-z0-9_]+$/);
  });

  it('sends the page in gzip to a client that accepts it, the same page as without, assembled or reused', async () => {
    const gus = await signUp(t.app, { country: 'US' }); // the other member's profiles are counted
    const profile = await createProfile(t.app, gus, { name: 'Gus' });
    await watch(profile, 'action-0', 1, 30);
    const get = (acceptEncoding?: string) =>
      t.app.inject({ method: 'GET', url: `/v1/home?profileId=${profile}`, headers: { ...gus.headers, ...(acceptEncoding === undefined ? {} : { 'accept-encoding': acceptEncoding }) } });
    const plain = await get(); // assembled; the next ones are reused from its plan
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.headers.vary).toMatch(/accept-encoding/i);
    const page = plain.json<HomeBody>();
    expect(page.rows.length).toBeGreaterThan(3);
    for (const header of ['gzip, deflate, br, zstd', 'gzip', 'br;q=1, gzip;q=0.5', '*']) {
      const res = await get(header);
      expect(res.statusCode, header).toBe(200);
      expect(res.headers['content-encoding'], header).toBe('gzip');
      expect(res.headers.vary).toMatch(/accept-encoding/i);
      expect(Number(res.headers['content-length'])).toBe(res.rawPayload.length);
      expect(res.rawPayload.length).toBeLessThan(plain.rawPayload.length / 2);
      expect(JSON.parse(gunzipSync(res.rawPayload).toString())).toEqual(page);
    }
    for (const header of ['gzip;q=0', 'br', 'identity', '']) {
      const res = await get(header);
      expect(res.headers['content-encoding'], header).toBeUndefined();
      expect(res.json<HomeBody>(), header).toEqual(page);
    }
  });

  it("names a card dictionary that holds every title of the page's rows, immutable for its catalog version", async () => {
    const body = await home(us, ana, '&rowSize=40');
    expect(body.cards).toMatch(/^\/v1\/cards\?country=US&maxMaturityLevel=6&version=\d+$/);
    const res = await t.app.inject({ method: 'GET', url: body.cards });
    expect(res.statusCode).toBe(200);
    expect(res.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    const { cards, country, maxMaturityLevel } = res.json<CardsBody>();
    expect({ country, maxMaturityLevel }).toEqual({ country: 'US', maxMaturityLevel: 6 });
    for (const id of body.rows.flatMap((r) => r.items.map((i) => i.id))) expect(cards[id]?.id, id).toBe(id);
    expect(cards['comedy-5']).toMatchObject({ id: 'comedy-5', name: 'Comedy 5', kind: 'movie', maturityRating: 'PG-13' });
    expect(Object.keys(cards).filter((id) => /-(6|13)$/.test(id))).toEqual([]); // GB-only titles are not in the US set
    // The same bytes again: 304 for the holder of its ETag.
    const again = await t.app.inject({ method: 'GET', url: body.cards, headers: { 'if-none-match': String(res.headers.etag) } });
    expect(again.statusCode).toBe(304);
    // An older (or no) version in the address gets the current cards, cached briefly.
    const stale = await t.app.inject({ method: 'GET', url: '/v1/cards?country=us&maxMaturityLevel=6&version=0' });
    expect(stale.headers['cache-control']).toBe('public, max-age=60');
    expect(Object.keys(stale.json<CardsBody>().cards).sort()).toEqual(Object.keys(cards).sort());
  });

  it('refuses malformed card dictionary queries with the error shape', async () => {
    for (const query of ['maxMaturityLevel=7', 'maxMaturityLevel=x', 'country=USA', 'version=-1']) {
      const res = await t.app.inject({ method: 'GET', url: `/v1/cards?${query}` });
      expect(res.statusCode, query).toBe(400);
      expect(res.json(), query).toMatchObject({ error: { code: 'VALIDATION_FAILED' } });
    }
  });

  it('caps rows at rowSize (≤ 40) and never repeats a title in the first positions of consecutive rows', async () => {
    for (const rowSize of [5, 12, 40]) {
      const body = await home(us, ana, `&rowSize=${rowSize}`);
      for (const row of body.rows) expect(row.items.length).toBeLessThanOrEqual(rowSize);
      for (let i = 1; i < body.rows.length; i++) {
        const before = new Set(body.rows[i - 1]!.items.slice(0, FIRST_VISIBLE).map((x) => x.id));
        const clash = body.rows[i]!.items.slice(0, FIRST_VISIBLE).filter((x) => before.has(x.id));
        expect(clash, `${body.rows[i - 1]!.id} → ${body.rows[i]!.id}`).toEqual([]);
      }
    }
    const res = await t.app.inject({ method: 'GET', url: `/v1/home?profileId=${ana}&rowSize=41`, headers: us.headers });
    expect(res.statusCode).toBe(400);
  });

  it('filters by country availability: US members never see GB-only titles, GB members do', async () => {
    const gbOnly = (id: string) => /-(6|13)$/.test(id);
    const all = (body: HomeBody) => body.rows.flatMap((r) => r.items.map((i) => i.id));
    expect(all(await home(us, ana, '&rowSize=40')).filter(gbOnly)).toEqual([]);
    const gb = await signUp(t.app, { country: 'GB' });
    const bo = await createProfile(t.app, gb, { name: 'Bo' });
    const body = await home(gb, bo, '&rowSize=40');
    expect(all(body).filter(gbOnly).length).toBeGreaterThan(0);
    // No GB figures are published: Trending falls back to GLOBAL, Top 10 too.
    expect(body.rows.find((r) => r.id === 'trending')?.reason).toBe('trending_global');
    expect(ids(body, 'top10-movies')).toEqual(['comedy-0']);
  });

  it('applies the maturity ceiling: kids profiles see kids titles only, PG-13 profiles no R', async () => {
    const kid = await createProfile(t.app, us, { name: 'Kid', kids: true });
    await watch(kid, 'kids-2', 1, 5);
    const kids = await home(us, kid, '&rowSize=40');
    const kidsCards = (await cardsOf(kids)).cards;
    expect(new Set(Object.values(kidsCards).map((c) => c.maturityRating))).toEqual(new Set(['G'])); // the dictionary too
    const ratings = new Set(kids.rows.flatMap((r) => r.items.map((i) => kidsCards[i.id]?.maturityRating)));
    expect([...ratings]).toEqual(['G']);
    expect(kids.rows.some((r) => r.id === 'because-you-watched:kids-2')).toBe(true);
    const teen = await createProfile(t.app, us, { name: 'Teen', maturityRating: 'PG-13' });
    const body = await home(us, teen, '&rowSize=40');
    const teenCards = (await cardsOf(body)).cards;
    const above = (id: string) => { const card = teenCards[id]; return !card || maturityLevel(card.maturityRating as MaturityRating) > maturityLevel('PG-13'); };
    expect(body.rows.flatMap((r) => r.items.map((i) => i.id)).filter(above)).toEqual([]);
    expect(Object.values(teenCards).filter((c) => c.maturityRating === 'R')).toEqual([]);
  });

  it('demotes finished titles behind unfinished ones and orders genre rows by affinity', async () => {
    const body = await home(us, ana, '&rowSize=40');
    const action = ids(body, 'genre:action');
    // action-0 and action-1 are the most popular action titles, but finished: they go last.
    expect(action.slice(-2).sort()).toEqual(['action-0', 'action-1']);
    expect(action.length).toBeGreaterThan(2);
    const genreRows = body.rows.filter((r) => r.id.startsWith('genre:'));
    expect(genreRows[0]?.id).toBe('genre:action');
    expect(genreRows[0]?.reason).toBe('genre_affinity');
    expect(genreRows[1]?.id).toBe('genre:comedy'); // the started comedy counts a little
    const picks = ids(body, 'top-picks');
    expect(picks).not.toContain('comedy-5'); // in progress: Continue Watching holds it
    const finishedAt = picks.filter((id) => id === 'action-0' || id === 'action-1').map((id) => picks.indexOf(id));
    for (const at of finishedAt) expect(at).toBeGreaterThan(picks.length - 3);
  });

  it('assembles Top Picks and Because You Watched online: finishing titles changes the next page', async () => {
    const cy = await createProfile(t.app, us, { name: 'Cy' });
    const before = await home(us, cy);
    expect(before.rows.some((r) => r.id.startsWith('because-you-watched:'))).toBe(false);
    expect(before.rows.find((r) => r.id === 'top-picks')?.reason).toBe('top_picks_popular');
    const horrorIn = (body: HomeBody) => ids(body, 'top-picks').slice(0, 10).filter((id) => id.startsWith('horror-')).length;
    const horrorBefore = horrorIn(before);
    await watch(cy, 'horror-3', 1, 8);
    await watch(cy, 'horror-8', 1, 4);
    const after = await home(us, cy);
    expect(after.rows.map((r) => r.id)).toContain('because-you-watched:horror-8');
    expect(after.rows.find((r) => r.id === 'top-picks')?.reason).toBe('top_picks_history');
    expect(horrorIn(after)).toBeGreaterThan(horrorBefore);
    expect(horrorIn(after)).toBeGreaterThanOrEqual(4);
  });

  it('shows My List in its own order', async () => {
    const dee = await createProfile(t.app, us, { name: 'Dee' });
    for (const id of ['drama-9', 'scifi-4', 'kids-1']) {
      expect((await t.app.inject({ method: 'PUT', url: `/v1/profiles/${dee}/list/${id}`, headers: us.headers })).statusCode).toBe(200);
    }
    expect(ids(await home(us, dee), 'my-list')).toEqual(['kids-1', 'scifi-4', 'drama-9']);
  });

  it('needs a session and the caller’s own profile', async () => {
    expect((await t.app.inject({ method: 'GET', url: `/v1/home?profileId=${ana}` })).statusCode).toBe(401);
    const other = await signUp(t.app);
    const res = await t.app.inject({ method: 'GET', url: `/v1/home?profileId=${ana}`, headers: other.headers });
    expect(res.statusCode).toBe(404);
    expect(res.json()).toMatchObject({ error: { code: 'PROFILE_NOT_FOUND' } });
    expect((await t.app.inject({ method: 'GET', url: '/v1/home', headers: us.headers })).statusCode).toBe(400);
  });

  it('answers a page marked history_unavailable, never a 5xx, when the cached history does not parse', async () => {
    const other = await signUp(t.app, { country: 'US' }); // \`us\` has all its profiles
    const gil = await createProfile(t.app, other, { name: 'Gil' });
    await watch(gil, 'drama-2', 0.3, 5);
    expect(ids(await home(other, gil), 'continue-watching')).toEqual(['drama-2']);
    await t.cache.set(`recent:${gil}`, '{"limit":60,"entries":[', 60_000); // a torn write, a foreign value
    const body = await home(other, gil);
    expect(body.degraded).toEqual({ reason: 'history_unavailable' });
    expect(ids(body, 'continue-watching')).toEqual([]);
    expect(body.rows.length).toBeGreaterThan(0);
    await t.cache.delete(`recent:${gil}`); // read again from the database on the next page
    const healed = await home(other, gil);
    expect(healed.degraded).toBeUndefined();
    expect(ids(healed, 'continue-watching')).toEqual(['drama-2']);
  });

  it('swaps to a newly published version without a restart', async () => {
    await publish(t.blobs, fixtureDatasets('v2', new Date(), { trending: { US: [{ titleId: 'scifi-7', score: 1 }] } }));
    await t.store.start();
    await expect.poll(async () => (await home(us, ana)).datasetVersion, { timeout: 3_000, interval: 25 }).toBe('v2');
    expect(ids(await home(us, ana), 'trending')).toEqual(['scifi-7']);
    await t.store.stop();
  });

  it('degrades to popularity rows with the dataset directory deleted: 200 and a degraded flag', async () => {
    await rm(path.join(t.blobRoot, 'recs'), { recursive: true, force: true });
    await t.store.refresh();
    const body = await home(us, ana);
    expect(body.degraded).toEqual({ reason: 'datasets_missing' });
    expect(body.datasetVersion).toBeNull();
    const rowIds = body.rows.map((r) => r.id);
    expect(rowIds).toContain('popular');
    expect(rowIds).not.toContain('top-picks');
    expect(rowIds).not.toContain('trending');
    // Popularity rows: catalog popularity order, finished titles (action-0) demoted.
    expect(ids(body, 'popular').slice(0, 3)).toEqual(['comedy-0', 'drama-0', 'horror-0']);
    expect(body.rows[0]?.id).toBe('continue-watching');
    expect(body.rows.some((r) => r.id === 'because-you-watched:action-1')).toBe(true); // from content similarity
  });

  it('degrades when the datasets are stale', async () => {
    await publish(t.blobs, fixtureDatasets('v-old', new Date(Date.now() - 30 * 24 * 3600_000)));
    await t.store.refresh();
    const body = await home(us, ana);
    expect(body.degraded).toEqual({ reason: 'datasets_stale' });
    expect(body.datasetVersion).toBe('v-old');
    expect(body.rows.map((r) => r.id)).toContain('popular');
  });
});
