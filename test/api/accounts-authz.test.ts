import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAccountsTestApp, createProfile, signUp, type AccountsTestApp, type Member } from '../helpers/accounts-app.js';

let t: AccountsTestApp;
let owner: Member;
let intruder: Member;
let profileId: string;

interface Route {
  method: 'GET' | 'PUT' | 'POST' | 'PATCH' | 'DELETE';
  url: (profile: string) => string;
  payload?: Record<string, unknown>;
  /** What the owner gets. */
  ok: number;
}

// Every route that acts on one profile. Deleting the profile comes last: the owner's calls run in order.
const PROFILE_ROUTES: Route[] = [
  { method: 'GET', url: (p) => `/v1/profiles/${p}/list`, ok: 200 },
  { method: 'PUT', url: (p) => `/v1/profiles/${p}/list/mv-drama`, ok: 200 },
  { method: 'DELETE', url: (p) => `/v1/profiles/${p}/list/mv-drama`, ok: 204 },
  { method: 'GET', url: (p) => `/v1/profiles/${p}/ratings`, ok: 200 },
  { method: 'PUT', url: (p) => `/v1/profiles/${p}/ratings/mv-drama`, payload: { rating: 'up' }, ok: 200 },
  { method: 'DELETE', url: (p) => `/v1/profiles/${p}/ratings/mv-drama`, ok: 204 },
  { method: 'GET', url: (p) => `/v1/profiles/${p}/history`, ok: 200 },
  { method: 'DELETE', url: (p) => `/v1/profiles/${p}/history/mv-drama`, ok: 204 },
  { method: 'GET', url: (p) => `/v1/profiles/${p}/progress`, ok: 200 },
  { method: 'GET', url: (p) => `/v1/titles/mv-drama?profileId=${p}`, ok: 200 },
  { method: 'GET', url: (p) => `/v1/titles?profileId=${p}`, ok: 200 },
  { method: 'GET', url: (p) => `/v1/search?q=harbor&profileId=${p}`, ok: 200 },
  { method: 'POST', url: (p) => `/v1/profiles/${p}/unlock`, payload: { pin: '1234' }, ok: 204 },
  { method: 'PATCH', url: (p) => `/v1/profiles/${p}`, payload: { avatar: 'owl' }, ok: 200 },
  { method: 'DELETE', url: (p) => `/v1/profiles/${p}`, ok: 204 },
];

const ACCOUNT_ROUTES: Route[] = [
  { method: 'GET', url: () => '/v1/account', ok: 200 },
  { method: 'PUT', url: () => '/v1/account/plan', payload: { plan: 'basic' }, ok: 200 },
  { method: 'GET', url: () => '/v1/profiles', ok: 200 },
  { method: 'POST', url: () => '/v1/profiles', payload: { name: 'Another' }, ok: 201 },
  { method: 'GET', url: () => '/v1/sessions', ok: 200 },
];

const label = (r: Route) => `${r.method} ${r.url(':id')}`;

function call(route: Route, profile: string, headers: Record<string, string> = {}) {
  return t.app.inject({ method: route.method, url: route.url(profile), headers, ...(route.payload && { payload: route.payload }) });
}

beforeAll(async () => {
  t = await createAccountsTestApp();
  owner = await signUp(t.app);
  intruder = await signUp(t.app);
  profileId = await createProfile(t.app, owner, { name: 'Owner' });
  // History needs an entry for the hide route; the activity pipeline would have written it.
  await t.accounts.watch.recordProgress(profileId, 'mv-drama', null, 600, 6000, new Date());
});
afterAll(async () => {
  await t.close();
});

describe('authorisation matrix: per-profile routes', () => {
  it.each(PROFILE_ROUTES.map((r) => [label(r), r] as const))('%s: no token → 401', async (_name, route) => {
    const res = await call(route, profileId);
    expect(res.statusCode).toBe(401);
    expect(res.json().error.code).toBe('UNAUTHENTICATED');
  });

  it.each(PROFILE_ROUTES.map((r) => [label(r), r] as const))('%s: tampered token → 401', async (_name, route) => {
    const last = owner.token.at(-1) === 'A' ? 'B' : 'A';
    const res = await call(route, profileId, { authorization: `Bearer ${owner.token.slice(0, -1)}${last}` });
    expect(res.statusCode).toBe(401);
  });

  it.each(PROFILE_ROUTES.map((r) => [label(r), r] as const))(
    "%s: another account's token → 404, same answer as for a profile that does not exist",
    async (_name, route) => {
      const theirs = await call(route, profileId, intruder.headers);
      const missingId = randomUUID();
      const missing = await call(route, missingId, intruder.headers);
      expect(theirs.statusCode).toBe(404);
      expect(theirs.json().error.code).toBe('PROFILE_NOT_FOUND');
      expect(missing.statusCode).toBe(404);
      expect(theirs.body.replaceAll(profileId, '<id>')).toBe(missing.body.replaceAll(missingId, '<id>'));
    },
  );

  it('the owner is allowed on every route (in order, ending with the delete)', async () => {
    for (const route of PROFILE_ROUTES) {
      const res = await call(route, profileId, owner.headers);
      expect(res.statusCode, `${label(route)}: ${res.body}`).toBe(route.ok);
    }
    // Nothing the intruder tried changed the owner's data or revealed it; the profile is now gone.
    expect((await call(PROFILE_ROUTES[0]!, profileId, owner.headers)).statusCode).toBe(404);
  });
});

describe('authorisation matrix: account routes', () => {
  it.each(ACCOUNT_ROUTES.map((r) => [label(r), r] as const))('%s: no token → 401, a signed-in caller → own data', async (_name, route) => {
    expect((await call(route, '')).statusCode).toBe(401);
    const res = await call(route, '', intruder.headers);
    expect(res.statusCode, res.body).toBe(route.ok);
    expect(res.body).not.toContain(owner.accountId);
  });

  it("revoking another account's session is 404, like an unknown session", async () => {
    const sessions = await t.app.inject({ method: 'GET', url: '/v1/sessions', headers: owner.headers });
    const ownerSession = sessions.json().items[0].id as string;
    const theirs = await t.app.inject({ method: 'DELETE', url: `/v1/sessions/${ownerSession}`, headers: intruder.headers });
    expect(theirs.statusCode).toBe(404);
    expect(theirs.json().error.code).toBe('SESSION_NOT_FOUND');
    const unknown = await t.app.inject({ method: 'DELETE', url: `/v1/sessions/${randomUUID()}`, headers: intruder.headers });
    expect(unknown.statusCode).toBe(404);
    expect((await t.app.inject({ method: 'GET', url: '/v1/account', headers: owner.headers })).statusCode).toBe(200);
    expect((await t.app.inject({ method: 'DELETE', url: `/v1/sessions/${ownerSession}` })).statusCode).toBe(401);
  });
});
