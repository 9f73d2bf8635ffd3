import { describe, expect, it } from 'vitest';
import { hashSecret, passwordWeakness, PRODUCTION_SCRYPT, verifySecret } from '../../src/accounts/passwords.js';
import { entitlements, PLANS } from '../../src/accounts/plans.js';
import { hashToken, looksLikeToken, newSessionToken } from '../../src/accounts/tokens.js';

describe('password hashing', () => {
  it('hashes with production cost, never storing the password, and verifies', async () => {
    const hash = await hashSecret('correct horse battery', PRODUCTION_SCRYPT);
    expect(hash).toMatch(/^scrypt\$32768\$8\$1\$[\w-]+\$[\w-]+$/);
    expect(hash).not.toContain('correct');
    expect(await verifySecret('correct horse battery', hash)).toBe(true);
    expect(await verifySecret('correct horse batterY', hash)).toBe(false);
    expect(await verifySecret('anything', 'garbage')).toBe(false);
  });

  it('salts every hash', async () => {
    const params = { N: 1024, r: 8, p: 1 };
    expect(await hashSecret('1234', params)).not.toBe(await hashSecret('1234', params));
  });

  it('explains weak passwords', () => {
    expect(passwordWeakness('short', 'a@b.co')).toMatch(/at least 8/);
    expect(passwordWeakness('Password123', 'a@b.co')).toBe('is too common');
    expect(passwordWeakness('abababababab', 'a@b.co')).toMatch(/different characters/);
    expect(passwordWeakness('xx-jordan-xx-1', 'jordan@example.com')).toMatch(/email/);
    expect(passwordWeakness('correct horse battery', 'jordan@example.com')).toBeUndefined();
  });
});

describe('tokens and plans', () => {
  it('issues 256-bit tokens and stores only their sha256', () => {
    const token = newSessionToken();
    expect(looksLikeToken(token)).toBe(true);
    expect(hashToken(token)).toMatch(/^[0-9a-f]{64}$/);
    expect(newSessionToken()).not.toBe(token);
  });

  it('derives entitlements from the plan table', () => {
    expect(Object.keys(PLANS)).toEqual(['basic', 'standard', 'premium']);
    expect(entitlements('premium')).toEqual({ plan: 'premium', maxResolution: 2160, concurrentStreams: 4, downloads: true, downloadDevices: 6 });
    expect(entitlements('basic').downloads).toBe(false);
  });
});
