import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAccountsTestApp, GOOD_PASSWORD, type AccountsTestApp } from '../helpers/accounts-app.js';

let t: AccountsTestApp;

beforeAll(async () => {
  t = await createAccountsTestApp();
});
afterAll(async () => {
  await t.close();
});

describe('accounts walk-through', () => {
  it('register → sign in → kids profile sees no mature titles → My List → rating → sign out → 401', async () => {
    const { app } = t;
    const email = 'Parent@Example.com';

    const registered = await app.inject({ method: 'POST', url: '/v1/accounts', payload: { email, password: GOOD_PASSWORD, country: 'us', plan: 'premium' } });
    expect(registered.statusCode).toBe(201);
    expect(registered.json()).toMatchObject({ email: 'parent@example.com', country: 'US', plan: 'premium' });
    expect(registered.body).not.toContain(GOOD_PASSWORD);

    const signedIn = await app.inject({ method: 'POST', url: '/v1/sessions', payload: { email: 'parent@example.com', password: GOOD_PASSWORD, deviceName: 'Living room TV' } });
    expect(signedIn.statusCode).toBe(201);
    const { token, session } = signedIn.json();
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(session).toMatchObject({ deviceName: 'Living room TV', current: true });
    const headers = { authorization: `Bearer ${token}` };

    const account = await app.inject({ method: 'GET', url: '/v1/account', headers });
    expect(account.json()).toMatchObject({ plan: 'premium', entitlements: { maxResolution: 2160, concurrentStreams: 4, downloads: true } });

    const created = await app.inject({ method: 'POST', url: '/v1/profiles', headers, payload: { name: 'Kiddo', kids: true, avatar: 'fox' } });
    expect(created.statusCode).toBe(201);
    const kids = created.json();
    expect(kids).toMatchObject({ name: 'Kiddo', kids: true, maturityRating: 'G', hasPin: false });
    const as = `profileId=${kids.id}`;

    // Details: the R movie and the TV-MA show answer like unknown titles; the kids movie is there.
    for (const id of ['mv-r', 'sh-ma']) {
      const details = await app.inject({ method: 'GET', url: `/v1/titles/${id}?${as}`, headers });
      expect(details.statusCode).toBe(404);
      expect(details.json().error.code).toBe('TITLE_NOT_FOUND');
    }
    expect((await app.inject({ method: 'GET', url: `/v1/titles/mv-kids?${as}`, headers })).statusCode).toBe(200);
    // Without the profile the same account sees them.
    expect((await app.inject({ method: 'GET', url: '/v1/titles/mv-r', headers })).statusCode).toBe(200);

    // Browse.
    const browse = await app.inject({ method: 'GET', url: `/v1/titles?${as}`, headers });
    const browsed = browse.json().items.map((i: { id: string }) => i.id);
    expect(browsed).toContain('mv-kids');
    expect(browsed).not.toContain('mv-r');
    expect(browsed).not.toContain('sh-ma');
    const genre = await app.inject({ method: 'GET', url: `/v1/genres/thriller/titles?${as}`, headers });
    expect(genre.json().items).toEqual([]);

    // Search, by name of the hidden titles.
    for (const q of ['night ledger', 'thorn valley']) {
      const search = await app.inject({ method: 'GET', url: `/v1/search?q=${encodeURIComponent(q)}&${as}`, headers });
      expect(search.statusCode).toBe(200);
      expect(search.json().items.map((i: { id: string }) => i.id)).toEqual([]);
    }
    const suggest = await app.inject({ method: 'GET', url: `/v1/search/suggest?q=th&${as}`, headers });
    expect(suggest.json().items.map((i: { id: string }) => i.id)).not.toContain('sh-ma');

    // The kids profile cannot put a hidden title on its list either.
    const hidden = await app.inject({ method: 'PUT', url: `/v1/profiles/${kids.id}/list/mv-r`, headers });
    expect(hidden.statusCode).toBe(404);

    // My List and rating.
    const added = await app.inject({ method: 'PUT', url: `/v1/profiles/${kids.id}/list/mv-kids`, headers });
    expect(added.statusCode).toBe(200);
    expect(added.json()).toEqual({ titleId: 'mv-kids', position: 0 });
    const list = await app.inject({ method: 'GET', url: `/v1/profiles/${kids.id}/list`, headers });
    expect(list.json()).toMatchObject({ total: 1, items: [{ id: 'mv-kids', name: 'The Little Lantern', addedAt: expect.any(String) }] });

    const rated = await app.inject({ method: 'PUT', url: `/v1/profiles/${kids.id}/ratings/mv-kids`, headers, payload: { rating: 'double_up' } });
    expect(rated.statusCode).toBe(200);
    expect(rated.json()).toMatchObject({ titleId: 'mv-kids', rating: 'double_up' });
    const ratings = await app.inject({ method: 'GET', url: `/v1/profiles/${kids.id}/ratings`, headers });
    expect(ratings.json().items).toMatchObject([{ titleId: 'mv-kids', rating: 'double_up', title: { id: 'mv-kids' } }]);

    // Sign out: the same token is refused at once, everywhere.
    const out = await app.inject({ method: 'DELETE', url: '/v1/sessions/current', headers });
    expect(out.statusCode).toBe(204);
    const after = await app.inject({ method: 'GET', url: `/v1/profiles/${kids.id}/list`, headers });
    expect(after.statusCode).toBe(401);
    expect(after.json().error.code).toBe('UNAUTHENTICATED');
    expect((await app.inject({ method: 'GET', url: '/v1/profiles', headers })).statusCode).toBe(401);
    expect((await app.inject({ method: 'GET', url: `/v1/titles?${as}`, headers })).statusCode).toBe(401);
  });
});
