import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AccountsRepository } from '../../src/accounts/accounts-repository.js';
import type { AccountTables } from '../../src/accounts/tables.js';
import { createAccountsTestApp, type AccountsTestApp } from '../helpers/accounts-app.js';

describe('session last-seen times (written behind)', () => {
  let t: AccountsTestApp;
  const email = 'seen@example.com';
  const password = 'correct horse battery';

  beforeEach(async () => {
    t = await createAccountsTestApp();
    await t.accounts.accounts.register({ email, password, country: 'US' });
  });
  afterEach(async () => {
    await t.close();
  });

  const signIn = (deviceName: string) => t.accounts.sessions.signIn({ email, password, deviceName, ip: '127.0.0.1' });
  // The test clock is the real one moved forward, so a time is checked to within the second a step takes.
  const near = (value: number, expected: number): void => {
    expect(value).toBeGreaterThanOrEqual(expected);
    expect(value).toBeLessThan(expected + 1_000);
  };
  const stored = async (sessionId: string): Promise<number> => {
    const row = await t.db.builder<AccountTables>().selectFrom('sessions').select('last_seen_at').where('id', '=', sessionId).executeTakeFirstOrThrow();
    return row.last_seen_at.getTime();
  };

  it('notes a device on a session-cache miss and writes it before the device list is read', async () => {
    const phone = await signIn('phone');
    const signedInAt = await stored(phone.session.id);
    t.advance(60_000);
    const auth = await t.accounts.sessions.authenticate(phone.token);
    expect(auth).not.toBeNull();
    expect(await stored(phone.session.id)).toBe(signedInAt); // noted, not written yet

    const devices = await t.accounts.sessions.list(auth!);
    near(Date.parse(devices.find((d) => d.id === phone.session.id)!.lastSeenAt), signedInAt + 60_000);
    near(await stored(phone.session.id), signedInAt + 60_000);
  });

  it('writes what was noted on the first request once five seconds have passed, never moving a time back', async () => {
    const phone = await signIn('phone');
    const tv = await signIn('tv');
    const signedInAt = await stored(phone.session.id);
    t.advance(1_000);
    await t.accounts.sessions.authenticate(phone.token); // miss: noted
    t.advance(2_000);
    await t.accounts.sessions.authenticate(phone.token); // hit, not due yet
    expect(await stored(phone.session.id)).toBe(signedInAt);
    t.advance(4_000);
    await t.accounts.sessions.authenticate(tv.token); // due: this request writes the batch (and notes the tv)
    const notedAt = await stored(phone.session.id);
    near(notedAt, signedInAt + 1_000);

    // A batch carrying an older time (noted by another node, say) leaves the newer one.
    const repo = new AccountsRepository(t.db);
    await repo.touchSessions([{ id: phone.session.id, at: new Date(notedAt - 30_000) }]);
    expect(await stored(phone.session.id)).toBe(notedAt);
  });
});
