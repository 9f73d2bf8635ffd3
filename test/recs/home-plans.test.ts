// A profile's page is reused while what it was assembled from holds (page-plans.ts), and the viewer
// class memo holds until the next availability change: each change below must show on the next page.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildSnapshot, nextAvailabilityChange } from '../../src/catalog/snapshot.js';
import type { Title } from '../../src/catalog/model.js';
import { createProfile, signUp, type Member } from '../helpers/accounts-app.js';
import { titleInput } from '../helpers/titles.js';
import { createHomeTestApp, fixtureDatasets, GENRES, homeCatalog, publish, type HomeBody, type HomeTestApp } from './home-harness.js';

const HOUR = 3600_000;
const t0 = Date.parse('2026-06-01T12:00:00.000Z');

describe('nextAvailabilityChange', () => {
  const title = (id: string, availability: Title['availability']): Title => ({ ...titleInput({ id, name: id, availability }), createdAt: '', updatedAt: '', seasons: [], artwork: { poster: null, backdrop: null }, playable: false }) as unknown as Title;
  const snapshot = buildSnapshot(1, [
    title('a', [{ country: 'US', from: '2026-06-01T13:00:00.000Z', until: null }]),
    title('b', [{ country: 'US', from: '2020-01-01T00:00:00.000Z', until: '2026-06-01T12:30:00.000Z' }]),
    title('c', [{ country: 'GB', from: '2026-06-01T12:10:00.000Z', until: null }]),
  ], GENRES);

  it('is the first window opening or closing after now, for the country', () => {
    expect(nextAvailabilityChange(snapshot, 'US', new Date(t0))).toBe(Date.parse('2026-06-01T12:30:00.000Z'));
    expect(nextAvailabilityChange(snapshot, 'US', new Date(Date.parse('2026-06-01T12:30:00.000Z')))).toBe(Date.parse('2026-06-01T13:00:00.000Z'));
    expect(nextAvailabilityChange(snapshot, 'GB', new Date(t0))).toBe(Date.parse('2026-06-01T12:10:00.000Z'));
    expect(nextAvailabilityChange(snapshot, undefined, new Date(t0))).toBe(Date.parse('2026-06-01T12:10:00.000Z'));
    expect(nextAvailabilityChange(snapshot, 'US', new Date(Date.parse('2026-06-01T13:00:00.000Z')))).toBe(Infinity);
  });
});

describe('GET /v1/home reuses a page only while its inputs hold', () => {
  let t: HomeTestApp;
  let us: Member;
  let clock = t0;
  const MINUTE = 60;

  const home = async (profileId: string): Promise<HomeBody> => {
    const res = await t.app.inject({ method: 'GET', url: `/v1/home?profileId=${profileId}`, headers: us.headers });
    expect(res.statusCode, res.body).toBe(200);
    return res.json<HomeBody>();
  };
  const row = (body: HomeBody, id: string) => body.rows.find((r) => r.id === id);
  const ids = (body: HomeBody, id: string): string[] => row(body, id)?.items.map((i) => i.id) ?? [];

  beforeAll(async () => {
    const catalog = homeCatalog();
    // Opens in the US an hour after t0, and is the newest title: first in New Releases once it does.
    catalog.titles.push(titleInput({ id: 'drama-premiere', name: 'Drama Premiere', genres: ['drama'], releaseYear: 2030, availability: [{ country: 'US', from: new Date(t0 + HOUR).toISOString(), until: null }] }));
    // Leaves the US two hours after t0: out of Continue Watching and My List from then on.
    catalog.titles.push(titleInput({ id: 'comedy-leaving', name: 'Comedy Leaving', genres: ['comedy'], availability: [{ country: 'US', from: '2000-01-01T00:00:00.000Z', until: new Date(t0 + 2 * HOUR).toISOString() }] }));
    t = await createHomeTestApp(catalog, {}, undefined, () => new Date(clock));
    await publish(t.blobs, fixtureDatasets('v1', new Date())); // the store judges staleness by the real clock
    await t.store.refresh();
    us = await signUp(t.app, { country: 'US' });
  }, 240_000);
  afterAll(async () => t.close());

  it('answers the same page again, then shows a list change, a rename and a progress write', async () => {
    const eve = await createProfile(t.app, us, { name: 'Eve' });
    const pages = async (kind: string): Promise<number> => {
      const text = (await t.app.inject({ method: 'GET', url: '/metrics' })).body;
      return Number(new RegExp(`marquee_home_pages_total\\{page="${kind}",degraded="no"\\} (\\d+)`).exec(text)?.[1] ?? 0);
    };
    const first = await home(eve);
    const reused = await pages('reused');
    expect(await home(eve)).toEqual(first);
    expect(await pages('reused')).toBe(reused + 1); // the same inputs: the plan was reused

    expect((await t.app.inject({ method: 'PUT', url: `/v1/profiles/${eve}/list/scifi-4`, headers: us.headers })).statusCode).toBe(200);
    const assembled = await pages('assembled');
    expect(ids(await home(eve), 'my-list')).toEqual(['scifi-4']);
    expect(await pages('assembled')).toBe(assembled + 1);

    expect((await t.app.inject({ method: 'PATCH', url: `/v1/profiles/${eve}`, headers: us.headers, payload: { name: 'Evelyn' } })).statusCode).toBe(200);
    expect(row(await home(eve), 'top-picks')?.title).toBe('Top Picks for Evelyn');

    await t.accounts.watch.recordProgress(eve, 'comedy-2', null, 10 * MINUTE, 100 * MINUTE, new Date(clock - 60_000));
    expect(row(await home(eve), 'continue-watching')?.items[0]).toMatchObject({ id: 'comedy-2', progress: { positionSec: 10 * MINUTE } });
    await t.accounts.watch.recordProgress(eve, 'comedy-2', null, 40 * MINUTE, 100 * MINUTE, new Date(clock - 30_000));
    const later = await home(eve);
    expect(row(later, 'continue-watching')?.items[0]).toMatchObject({ id: 'comedy-2', progress: { positionSec: 40 * MINUTE } });
    expect(row(later, 'because-you-watched:comedy-2')).toBeDefined(); // 40 % played: now a seed
  });

  it('shows a title the moment its availability window opens, and drops one the moment it closes', async () => {
    const fay = await createProfile(t.app, us, { name: 'Fay' });
    await t.accounts.watch.recordProgress(fay, 'comedy-leaving', null, 5 * MINUTE, 100 * MINUTE, new Date(clock - 60_000));
    expect((await t.app.inject({ method: 'PUT', url: `/v1/profiles/${fay}/list/comedy-leaving`, headers: us.headers })).statusCode).toBe(200);
    expect(ids(await home(fay), 'new-releases')).not.toContain('drama-premiere');
    clock = t0 + HOUR - 1;
    expect(ids(await home(fay), 'new-releases')).not.toContain('drama-premiere');
    clock = t0 + HOUR;
    expect(ids(await home(fay), 'new-releases')[0]).toBe('drama-premiere');
    expect(ids(await home(fay), 'continue-watching')).toEqual(['comedy-leaving']);
    expect(ids(await home(fay), 'my-list')).toEqual(['comedy-leaving']);
    clock = t0 + 2 * HOUR;
    const after = await home(fay);
    expect(ids(after, 'continue-watching')).toEqual([]);
    expect(ids(after, 'my-list')).toEqual([]);
  });
});
