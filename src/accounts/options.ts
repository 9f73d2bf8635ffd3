import { PRODUCTION_SCRYPT, type ScryptParams } from './passwords.js';
import type { WindowLimit } from './rate-limit.js';

/** Tunables of the accounts module; the defaults are production values, tests override a few. */
export interface AccountsOptions {
  /** Cost of password and PIN hashes; tests pass a cheap N (see passwords.ts). */
  scrypt: ScryptParams;
  /** How long a session token stays valid after sign-in. */
  sessionTtlMs: number;
  /**
   * How long a resolved session, profile, account, list or history stays in the cache before it is
   * re-read. Every write invalidates its entry (with a tombstone), so this is a backstop against a
   * write that bypassed the service, not what makes changes visible; long enough that members who
   * come back within it are served without the database.
   */
  hotCacheTtlMs: number;
  maxProfiles: number;
  maxListItems: number;
  /** Profiles whose rendered My List pages a node keeps for reuse (list-pages.ts). */
  listPages: number;
  /** Failed sign-ins allowed per email and per client IP before 429. */
  signInPerEmail: WindowLimit;
  signInPerIp: WindowLimit;
  /** Wrong PINs allowed per profile before PIN_LOCKED. */
  pinAttempts: WindowLimit;
  /** How long a session stays unlocked for a PIN-protected profile. */
  unlockTtlMs: number;
  now: () => Date;
}

const MINUTE = 60_000;

export const DEFAULT_ACCOUNTS_OPTIONS: AccountsOptions = {
  scrypt: PRODUCTION_SCRYPT,
  sessionTtlMs: 30 * 24 * 60 * MINUTE,
  hotCacheTtlMs: 10 * MINUTE,
  maxProfiles: 5,
  maxListItems: 500,
  listPages: 10_000,
  signInPerEmail: { limit: 10, windowMs: 15 * MINUTE },
  signInPerIp: { limit: 50, windowMs: 15 * MINUTE },
  pinAttempts: { limit: 5, windowMs: 15 * MINUTE },
  unlockTtlMs: 12 * 60 * MINUTE,
  now: () => new Date(),
};
