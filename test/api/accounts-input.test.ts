import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createAccountsTestApp,
  createProfile,
  GOOD_PASSWORD,
  signUp,
  uniqueEmail,
  type AccountsTestApp,
} from '../helpers/accounts-app.js';

let t: AccountsTestApp;

beforeAll(async () => {
  t = await createAccountsTestApp({
    signInPerEmail: { limit: 3, windowMs: 60_000 },
    signInPerIp: { limit: 15, windowMs: 60_000 },
    pinAttempts: { limit: 3, windowMs: 60_000 },
  });
});
afterAll(async () => {
  await t.close();
});

const register = (payload: Record<string, unknown>) => t.app.inject({ method: 'POST', url: '/v1/accounts', payload });

describe('registration input', () => {
  it('refuses a duplicate email with 409, whatever its case', async () => {
    const email = uniqueEmail();
    expect((await register({ email, password: GOOD_PASSWORD, country: 'US' })).statusCode).toBe(201);
    const again = await register({ email: email.toUpperCase(), password: 'another fine password', country: 'GB' });
    expect(again.statusCode).toBe(409);
    expect(again.json().error.code).toBe('EMAIL_TAKEN');
  });

  it.each([
    ['short', 'abc12'],
    ['common', 'password123'],
    ['one repeated character', 'aaaaaaaaaaaa'],
  ])('refuses a weak password (%s) with 400 naming body.password', async (_kind, password) => {
    const res = await register({ email: uniqueEmail(), password, country: 'US' });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe('VALIDATION_FAILED');
    expect(res.json().error.details[0].field).toBe('body.password');
    expect(res.json().error.message).toContain('body.password');
  });

  it.each(['not-an-email', 'a@b', 'two@@example.com', 'spa ce@example.com'])('refuses the malformed email %j with 400 naming body.email', async (email) => {
    const res = await register({ email, password: GOOD_PASSWORD, country: 'US' });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.details[0].field).toBe('body.email');
  });

  it('refuses an unknown plan or a bad country, naming the field', async () => {
    const plan = await register({ email: uniqueEmail(), password: GOOD_PASSWORD, country: 'US', plan: 'platinum' });
    expect(plan.statusCode).toBe(400);
    expect(plan.json().error.details[0].field).toBe('body.plan');
    const country = await register({ email: uniqueEmail(), password: GOOD_PASSWORD, country: 'USA' });
    expect(country.json().error.details[0].field).toBe('body.country');
  });
});

describe('sign-in', () => {
  it('answers a wrong password and an unknown email the same way', async () => {
    const email = uniqueEmail();
    await register({ email, password: GOOD_PASSWORD, country: 'US' });
    const wrong = await t.app.inject({ method: 'POST', url: '/v1/sessions', payload: { email, password: 'nope nope nope' } });
    const unknown = await t.app.inject({ method: 'POST', url: '/v1/sessions', payload: { email: uniqueEmail(), password: 'nope nope nope' } });
    expect(wrong.statusCode).toBe(401);
    expect(unknown.statusCode).toBe(401);
    expect(wrong.body).toBe(unknown.body);
  });

  it('throttles repeated failures per email with 429, for known and unknown emails alike', async () => {
    for (const known of [true, false]) {
      const email = uniqueEmail();
      if (known) await register({ email, password: GOOD_PASSWORD, country: 'US' });
      const statuses: number[] = [];
      for (let i = 0; i < 4; i++) {
        statuses.push((await t.app.inject({ method: 'POST', url: '/v1/sessions', payload: { email, password: 'wrong password!' } })).statusCode);
      }
      expect(statuses).toEqual([401, 401, 401, 429]);
      // Even the right password waits until the window ends.
      const right = await t.app.inject({ method: 'POST', url: '/v1/sessions', payload: { email, password: GOOD_PASSWORD } });
      expect(right.statusCode).toBe(429);
      expect(right.json().error).toMatchObject({ code: 'RATE_LIMITED', details: { retryAfterSeconds: expect.any(Number) } });
    }
  });

  it('throttles failures per client address across emails', async () => {
    // The suite allows 15 failures per address; other tests fail from 127.0.0.1, this one from its own address.
    const attempt = (email: string, remoteAddress: string) =>
      t.app.inject({ method: 'POST', url: '/v1/sessions', payload: { email, password: 'wrong password!' }, remoteAddress });
    const statuses: number[] = [];
    for (let i = 0; i < 16; i++) statuses.push((await attempt(uniqueEmail(), '203.0.113.9')).statusCode);
    expect(statuses.slice(0, 15).every((s) => s === 401)).toBe(true);
    expect(statuses[15]).toBe(429);
    expect((await attempt(uniqueEmail(), '198.51.100.7')).statusCode).toBe(401);
  });
});

describe('tokens', () => {
  it('refuses tampered, malformed, expired and revoked tokens with 401', async () => {
    const member = await signUp(t.app);
    const get = (authorization?: string) =>
      t.app.inject({ method: 'GET', url: '/v1/account', headers: authorization === undefined ? {} : { authorization } });
    expect((await get(`Bearer ${member.token}`)).statusCode).toBe(200);
    const flipped = member.token.slice(0, 10) + (member.token[10] === 'x' ? 'y' : 'x') + member.token.slice(11);
    for (const header of [`Bearer ${flipped}`, `Bearer ${member.token}x`, 'Bearer ', 'Basic abc', member.token, undefined]) {
      const res = await get(header);
      expect(res.statusCode, String(header)).toBe(401);
      expect(res.json().error.code).toBe('UNAUTHENTICATED');
    }

    // Expiry: the session is 30 days; the cached entry carries its expiry too.
    t.advance(31 * 24 * 3600_000);
    try {
      expect((await get(`Bearer ${member.token}`)).statusCode).toBe(401);
    } finally {
      t.advance(-31 * 24 * 3600_000);
    }
  });

  it('rejects a revoked device at once and lists the remaining ones', async () => {
    const member = await signUp(t.app);
    const list = await t.app.inject({ method: 'GET', url: '/v1/sessions', headers: member.headers });
    expect(list.json().items).toHaveLength(1);
    // Sign in a second device with the same account.
    const email = (await t.app.inject({ method: 'GET', url: '/v1/account', headers: member.headers })).json().email;
    const phone = await t.app.inject({ method: 'POST', url: '/v1/sessions', payload: { email, password: GOOD_PASSWORD, deviceName: 'Phone' } });
    const phoneHeaders = { authorization: `Bearer ${phone.json().token}` };
    expect((await t.app.inject({ method: 'GET', url: '/v1/account', headers: phoneHeaders })).statusCode).toBe(200);

    const both = (await t.app.inject({ method: 'GET', url: '/v1/sessions', headers: member.headers })).json().items;
    expect(both.map((s: { deviceName: string }) => s.deviceName).sort()).toEqual(['Phone', 'Test TV']);
    expect(both.find((s: { current: boolean }) => s.current).deviceName).toBe('Test TV');

    const revoke = await t.app.inject({ method: 'DELETE', url: `/v1/sessions/${phone.json().session.id}`, headers: member.headers });
    expect(revoke.statusCode).toBe(204);
    expect((await t.app.inject({ method: 'GET', url: '/v1/account', headers: phoneHeaders })).statusCode).toBe(401);
    expect((await t.app.inject({ method: 'GET', url: '/v1/sessions', headers: member.headers })).json().items).toHaveLength(1);
  });
});

describe('profiles input', () => {
  it('refuses a 6th profile with 409', async () => {
    const member = await signUp(t.app);
    for (let i = 0; i < 5; i++) await createProfile(t.app, member, { name: `Member ${i}` });
    const sixth = await t.app.inject({ method: 'POST', url: '/v1/profiles', headers: member.headers, payload: { name: 'One too many' } });
    expect(sixth.statusCode).toBe(409);
    expect(sixth.json().error.code).toBe('PROFILE_LIMIT_REACHED');
    const listed = await t.app.inject({ method: 'GET', url: '/v1/profiles', headers: member.headers });
    expect(listed.json().items).toHaveLength(5);
  });

  it('keeps five profiles when six are created at once', async () => {
    const member = await signUp(t.app);
    const results = await Promise.all(
      Array.from({ length: 6 }, (_, i) => t.app.inject({ method: 'POST', url: '/v1/profiles', headers: member.headers, payload: { name: `Racer ${i}` } })),
    );
    expect(results.map((r) => r.statusCode).sort()).toEqual([201, 201, 201, 201, 201, 409]);
  });

  it('refuses a duplicate name, a mature ceiling on a kids profile and a malformed PIN', async () => {
    const member = await signUp(t.app);
    await createProfile(t.app, member, { name: 'Sam' });
    const post = (payload: Record<string, unknown>) => t.app.inject({ method: 'POST', url: '/v1/profiles', headers: member.headers, payload });
    expect((await post({ name: 'Sam' })).json().error.code).toBe('PROFILE_NAME_TAKEN');
    const kids = await post({ name: 'Kid', kids: true, maturityRating: 'PG-13' });
    expect(kids.statusCode).toBe(400);
    expect(kids.json().error.details[0].field).toBe('body.maturityRating');
    const pin = await post({ name: 'Pinned', pin: '12a4' });
    expect(pin.statusCode).toBe(400);
    expect(pin.json().error.details[0].field).toBe('body.pin');
  });

  it('turning a profile into a kids profile lowers its ceiling', async () => {
    const member = await signUp(t.app);
    const id = await createProfile(t.app, member, { name: 'Grown-up', maturityRating: 'TV-MA' });
    const res = await t.app.inject({ method: 'PATCH', url: `/v1/profiles/${id}`, headers: member.headers, payload: { kids: true } });
    expect(res.json()).toMatchObject({ kids: true, maturityRating: 'G' });
  });

  it('a PIN-protected profile needs its PIN; wrong PINs are 403 then 429', async () => {
    const member = await signUp(t.app);
    const id = await createProfile(t.app, member, { name: 'Locked', pin: '4321' });
    // The session that set the PIN starts unlocked; a new session of the same account does not.
    expect((await t.app.inject({ method: 'GET', url: `/v1/profiles/${id}/list`, headers: member.headers })).statusCode).toBe(200);
    const email = (await t.app.inject({ method: 'GET', url: '/v1/account', headers: member.headers })).json().email;
    const other = await t.app.inject({ method: 'POST', url: '/v1/sessions', payload: { email, password: GOOD_PASSWORD } });
    const headers = { authorization: `Bearer ${other.json().token}` };

    const locked = await t.app.inject({ method: 'GET', url: `/v1/profiles/${id}/list`, headers });
    expect(locked.statusCode).toBe(403);
    expect(locked.json().error.code).toBe('PIN_REQUIRED');
    expect((await t.app.inject({ method: 'GET', url: `/v1/titles?profileId=${id}`, headers })).statusCode).toBe(403);
    expect((await t.app.inject({ method: 'PATCH', url: `/v1/profiles/${id}`, headers, payload: { pin: null } })).statusCode).toBe(403);
    const listed = await t.app.inject({ method: 'GET', url: '/v1/profiles', headers });
    expect(listed.json().items[0]).toMatchObject({ id, hasPin: true });
    expect(listed.body).not.toContain('4321');

    const unlock = (pin: string) => t.app.inject({ method: 'POST', url: `/v1/profiles/${id}/unlock`, headers, payload: { pin } });
    const statuses: number[] = [];
    for (let i = 0; i < 4; i++) statuses.push((await unlock('0000')).statusCode);
    expect(statuses).toEqual([403, 403, 403, 429]);
    const lockedOut = await unlock('4321');
    expect(lockedOut.statusCode).toBe(429);
    expect(lockedOut.json().error.code).toBe('PIN_LOCKED');

    // After the window the right PIN opens it for this session.
    t.advance(61_000);
    try {
      expect((await unlock('4321')).statusCode).toBe(204);
      expect((await t.app.inject({ method: 'GET', url: `/v1/profiles/${id}/list`, headers })).statusCode).toBe(200);
      // Changing the PIN relocks it for every other session.
      const changed = await t.app.inject({ method: 'PATCH', url: `/v1/profiles/${id}`, headers: member.headers, payload: { pin: '9999' } });
      expect(changed.statusCode).toBe(200);
      expect((await t.app.inject({ method: 'GET', url: `/v1/profiles/${id}/list`, headers })).statusCode).toBe(403);
    } finally {
      t.advance(-61_000);
    }
  });
});
