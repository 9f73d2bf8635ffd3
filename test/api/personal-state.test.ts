import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { titleInput } from '../helpers/titles.js';
import { createAccountsTestApp, createProfile, signUp, type AccountsTestApp, type Member } from '../helpers/accounts-app.js';

let t: AccountsTestApp;
let member: Member;

beforeAll(async () => {
  t = await createAccountsTestApp({ maxListItems: 4 });
  member = await signUp(t.app);
  await t.catalog.createTitle(titleInput({ id: 'mv-extra', name: 'Extra Credit' }));
});
afterAll(async () => {
  await t.close();
});

const at = (iso: string) => new Date(iso);
function req(method: 'GET' | 'PUT' | 'DELETE' | 'PATCH', url: string, payload?: Record<string, unknown>) {
  return t.app.inject({ method, url, headers: member.headers, ...(payload && { payload }) });
}
const ids = (body: { items: { id?: string; titleId?: string }[] }) => body.items.map((i) => i.id ?? i.titleId);

describe('My List', () => {
  it('puts new titles on top, keeps re-added ones in place, honours explicit positions and removes', async () => {
    const p = await createProfile(t.app, member);
    for (const id of ['mv-kids', 'mv-drama', 'sh-ma']) expect((await req('PUT', `/v1/profiles/${p}/list/${id}`)).statusCode).toBe(200);
    expect(ids((await req('GET', `/v1/profiles/${p}/list`)).json())).toEqual(['sh-ma', 'mv-drama', 'mv-kids']);

    expect((await req('PUT', `/v1/profiles/${p}/list/mv-kids`)).json()).toEqual({ titleId: 'mv-kids', position: 2 });
    expect((await req('PUT', `/v1/profiles/${p}/list/mv-kids?position=0`)).json()).toEqual({ titleId: 'mv-kids', position: 0 });
    expect((await req('PUT', `/v1/profiles/${p}/list/mv-r?position=1`)).json()).toEqual({ titleId: 'mv-r', position: 1 });
    expect(ids((await req('GET', `/v1/profiles/${p}/list`)).json())).toEqual(['mv-kids', 'mv-r', 'sh-ma', 'mv-drama']);
    expect((await req('PUT', `/v1/profiles/${p}/list/sh-ma?position=99`)).json()).toEqual({ titleId: 'sh-ma', position: 3 });

    const page = (await req('GET', `/v1/profiles/${p}/list?offset=1&limit=2`)).json();
    expect(page).toMatchObject({ total: 4, offset: 1 });
    expect(ids(page)).toEqual(['mv-r', 'mv-drama']);

    // The list holds 4 in this suite.
    const full = await req('PUT', `/v1/profiles/${p}/list/mv-extra`);
    expect(full.statusCode).toBe(409);
    expect(full.json().error.code).toBe('LIST_LIMIT_REACHED');

    expect((await req('DELETE', `/v1/profiles/${p}/list/mv-r`)).statusCode).toBe(204);
    expect((await req('DELETE', `/v1/profiles/${p}/list/mv-r`)).statusCode).toBe(204);
    expect(ids((await req('GET', `/v1/profiles/${p}/list`)).json())).toEqual(['mv-kids', 'mv-drama', 'sh-ma']);
    expect((await req('PUT', `/v1/profiles/${p}/list/no-such-title`)).statusCode).toBe(404);
  });

  it('follows the maturity ceiling when it is lowered later', async () => {
    const p = await createProfile(t.app, member);
    await req('PUT', `/v1/profiles/${p}/list/mv-r`);
    await req('PUT', `/v1/profiles/${p}/list/mv-kids`);
    expect((await req('PATCH', `/v1/profiles/${p}`, { maturityRating: 'PG' })).statusCode).toBe(200);
    const list = (await req('GET', `/v1/profiles/${p}/list`)).json();
    expect(list.total).toBe(1);
    expect(ids(list)).toEqual(['mv-kids']);
  });
});

describe('ratings', () => {
  it('keeps one rating per profile and title, changeable and removable, newest first', async () => {
    const p = await createProfile(t.app, member);
    await req('PUT', `/v1/profiles/${p}/ratings/mv-drama`, { rating: 'down' });
    await req('PUT', `/v1/profiles/${p}/ratings/mv-kids`, { rating: 'up' });
    await req('PUT', `/v1/profiles/${p}/ratings/mv-drama`, { rating: 'double_up' });
    const all = (await req('GET', `/v1/profiles/${p}/ratings`)).json();
    expect(all.items.map((r: { titleId: string; rating: string }) => [r.titleId, r.rating])).toEqual([
      ['mv-drama', 'double_up'],
      ['mv-kids', 'up'],
    ]);
    const first = (await req('GET', `/v1/profiles/${p}/ratings?limit=1`)).json();
    expect(ids(first)).toEqual(['mv-drama']);
    const second = (await req('GET', `/v1/profiles/${p}/ratings?limit=1&cursor=${first.nextCursor}`)).json();
    expect(ids(second)).toEqual(['mv-kids']);
    expect((await req('GET', `/v1/profiles/${p}/ratings?cursor=garbage`)).json().error.details[0].field).toBe('querystring.cursor');

    expect((await req('PUT', `/v1/profiles/${p}/ratings/mv-kids`, { rating: 'meh' })).statusCode).toBe(400);
    expect((await req('DELETE', `/v1/profiles/${p}/ratings/mv-kids`)).statusCode).toBe(204);
    expect(ids((await req('GET', `/v1/profiles/${p}/ratings`)).json())).toEqual(['mv-drama']);
    expect(await t.accounts.personal.ratingOf(p, 'mv-drama')).toBe('double_up');
  });
});

describe('progress and history', () => {
  it('records progress idempotently by latest timestamp and marks ≥ 95 % as completed', async () => {
    const p = await createProfile(t.app, member);
    const { watch } = t.accounts;
    expect(await watch.recordProgress(p, 'mv-drama', null, 1200, 6000, at('2025-01-01T20:10:00Z'))).toBe(true);
    // Late and duplicate events change nothing.
    expect(await watch.recordProgress(p, 'mv-drama', null, 300, 6000, at('2025-01-01T20:00:00Z'))).toBe(false);
    expect(await watch.recordProgress(p, 'mv-drama', null, 1200, 6000, at('2025-01-01T20:10:00Z'))).toBe(false);
    let progress = (await req('GET', `/v1/profiles/${p}/progress`)).json().items;
    expect(progress).toEqual([
      { titleId: 'mv-drama', episodeId: null, positionSec: 1200, durationSec: 6000, completed: false, updatedAt: '2025-01-01T20:10:00.000Z' },
    ]);

    expect(await watch.recordProgress(p, 'mv-drama', null, 5700, 6000, at('2025-01-01T21:35:00Z'))).toBe(true);
    progress = (await req('GET', `/v1/profiles/${p}/progress`)).json().items;
    expect(progress).toEqual([]);
    progress = (await req('GET', `/v1/profiles/${p}/progress?includeCompleted=true`)).json().items;
    expect(progress[0]).toMatchObject({ positionSec: 5700, completed: true });

    // A show: one position per episode; the title's latest drives Continue Watching and history.
    await watch.recordProgress(p, 'sh-ma', 'sh-ma-s01e01', 2700, 2700, at('2025-01-02T20:00:00Z'));
    await watch.recordProgress(p, 'sh-ma', 'sh-ma-s01e02', 600, 2700, at('2025-01-02T20:50:00Z'));
    const episodes = (await req('GET', `/v1/profiles/${p}/progress?titleId=sh-ma`)).json().items;
    expect(episodes.map((e: { episodeId: string }) => e.episodeId)).toEqual(['sh-ma-s01e02', 'sh-ma-s01e01']);
    const cw = await watch.continueWatching(p, { maxMaturityLevel: 6, country: 'US' }, 10);
    expect(cw.map((e) => [e.titleId, e.episodeId])).toEqual([['sh-ma', 'sh-ma-s01e02']]);
    expect((await watch.resumePoint(p, 'sh-ma'))?.positionSec).toBe(600);

    const history = (await req('GET', `/v1/profiles/${p}/history`)).json();
    expect(history.items.map((h: { titleId: string; lastEpisodeId: string | null }) => [h.titleId, h.lastEpisodeId])).toEqual([
      ['sh-ma', 'sh-ma-s01e02'],
      ['mv-drama', null],
    ]);
    expect(history.items[0].title).toMatchObject({ id: 'sh-ma', name: 'Thorn Valley' });

    // Events for a deleted profile are dropped rather than failing the consumer.
    expect(await watch.recordProgress('no-such-profile', 'mv-drama', null, 1, 10, new Date())).toBe(false);
  });

  it('pages history and hides items until they are watched again', async () => {
    const p = await createProfile(t.app, member);
    const { watch } = t.accounts;
    const titles = ['mv-kids', 'mv-drama', 'mv-r', 'sh-ma'];
    for (const [i, id] of titles.entries()) await watch.recordProgress(p, id, null, 60, 600, at(`2025-02-0${i + 1}T10:00:00Z`));

    const first = (await req('GET', `/v1/profiles/${p}/history?limit=3`)).json();
    expect(ids(first)).toEqual(['sh-ma', 'mv-r', 'mv-drama']);
    const rest = (await req('GET', `/v1/profiles/${p}/history?limit=3&cursor=${first.nextCursor}`)).json();
    expect(ids(rest)).toEqual(['mv-kids']);
    expect(rest.nextCursor).toBeNull();

    expect((await req('DELETE', `/v1/profiles/${p}/history/mv-r`)).statusCode).toBe(204);
    expect((await req('DELETE', `/v1/profiles/${p}/history/mv-gb`)).statusCode).toBe(404);
    expect(ids((await req('GET', `/v1/profiles/${p}/history`)).json())).toEqual(['sh-ma', 'mv-drama', 'mv-kids']);
    expect(ids((await req('GET', `/v1/profiles/${p}/progress`)).json())).not.toContain('mv-r');

    // A replayed old event keeps it hidden; a new watch brings it back.
    await watch.recordProgress(p, 'mv-r', null, 30, 600, at('2025-02-03T09:00:00Z'));
    expect(ids((await req('GET', `/v1/profiles/${p}/history`)).json())).not.toContain('mv-r');
    await watch.recordProgress(p, 'mv-r', null, 90, 600, new Date(Date.now() + 60_000));
    expect(ids((await req('GET', `/v1/profiles/${p}/history`)).json())[0]).toBe('mv-r');
  });
});

describe('plans, entitlements and the account country', () => {
  it('changes the plan at once', async () => {
    const m = await signUp(t.app, { plan: 'basic' });
    expect(await t.accounts.accounts.entitlementsFor(m.accountId)).toEqual({
      plan: 'basic', maxResolution: 720, concurrentStreams: 1, downloads: false, downloadDevices: 0,
    });
    const changed = await t.app.inject({ method: 'PUT', url: '/v1/account/plan', headers: m.headers, payload: { plan: 'standard' } });
    expect(changed.json()).toMatchObject({ plan: 'standard', entitlements: { maxResolution: 1080, concurrentStreams: 2, downloads: true } });
    expect((await t.accounts.accounts.entitlementsFor(m.accountId)).maxResolution).toBe(1080);
    const account = await t.app.inject({ method: 'GET', url: '/v1/account', headers: m.headers });
    expect(account.json().entitlements.plan).toBe('standard');
  });

  it('uses the account country for catalog reads, with or without a profile', async () => {
    const gb = await signUp(t.app, { country: 'GB' });
    const us = await signUp(t.app, { country: 'US' });
    const browse = async (m: Member, query = '') =>
      ids((await t.app.inject({ method: 'GET', url: `/v1/titles${query}`, headers: m.headers })).json());
    expect(await browse(gb)).toContain('mv-gb');
    expect(await browse(us)).not.toContain('mv-gb');
    // A signed-in caller cannot borrow another country's catalog with ?country=.
    expect(await browse(us, '?country=GB')).not.toContain('mv-gb');
    const profile = await createProfile(t.app, gb);
    expect(await browse(gb, `?profileId=${profile}`)).toContain('mv-gb');
    // Anonymous reads keep their behaviour; an invalid token there is ignored, not refused.
    const anon = await t.app.inject({ method: 'GET', url: '/v1/titles?country=GB', headers: { authorization: 'Bearer not-a-session' } });
    expect(ids(anon.json())).toContain('mv-gb');
  });

  it('deleting a profile removes its personal state', async () => {
    const m = await signUp(t.app);
    const p = await createProfile(t.app, m);
    const headers = m.headers;
    await t.app.inject({ method: 'PUT', url: `/v1/profiles/${p}/list/mv-kids`, headers });
    expect((await t.app.inject({ method: 'DELETE', url: `/v1/profiles/${p}`, headers })).statusCode).toBe(204);
    expect((await t.app.inject({ method: 'GET', url: `/v1/profiles/${p}/list`, headers })).statusCode).toBe(404);
    expect(await t.accounts.personal.entries(p)).toEqual([]);
  });
});
