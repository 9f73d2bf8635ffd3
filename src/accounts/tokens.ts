import { hash, randomBytes } from 'node:crypto';

/** A new opaque session token: 256 random bits, base64url. Only its hash is ever stored. */
export function newSessionToken(): string {
  return randomBytes(32).toString('base64url');
}

/**
 * The stored form of a token. A fast hash is enough: the token has 256 bits of entropy. One-shot
 * `hash` rather than a `createHash` object: every request hashes its token, and each Hash object is
 * native memory freed by a weak callback that the next garbage collection pauses to run (at 3,000
 * requests/s, 5–8 ms of every scavenge).
 */
export function hashToken(token: string): string {
  return hash('sha256', token, 'hex');
}

/** Whether a string has the shape of a token we issued; anything else is rejected before a lookup. */
export function looksLikeToken(value: string): boolean {
  return value.length === 43 && /^[A-Za-z0-9_-]+$/.test(value);
}
