import { randomUUID } from 'node:crypto';
import { MATURITY_LEVELS, type MaturityRating, type Viewer } from '../catalog/model.js';
import { AppError } from '../errors.js';
import type { Cache } from '../platform/cache/types.js';
import type { AccountService } from './accounts.js';
import { HotCache } from './hot-cache.js';
import type { AuthContext, Profile } from './model.js';
import type { AccountsOptions } from './options.js';
import { hashSecret, verifySecret } from './passwords.js';
import type { ProfilesRepository } from './profiles-repository.js';
import { FailureCounter } from './rate-limit.js';
import type { ProfileRow } from './tables.js';

/** Kids profiles never see anything above G / TV-G (TV-Y and TV-Y7 sit below it). */
export const KIDS_MAX_RATING: MaturityRating = 'G';
const ADULT_DEFAULT_RATING: MaturityRating = 'NC-17';

export interface ProfileInput {
  name: string;
  avatar?: string;
  language?: string;
  kids?: boolean;
  maturityRating?: MaturityRating;
  /** Four digits; null removes the PIN. */
  pin?: string | null;
}

/** A profile the caller may act for, with the filters its catalog reads apply. Shared: do not mutate. */
export interface ProfileAccess {
  readonly profile: Readonly<Profile>;
  readonly viewer: Readonly<Viewer>;
}

/** The cached form: the profile plus the salt of its PIN hash, which names the current PIN. */
type StoredProfile = Profile & { pinTag: string | null };

function pinTag(pinHash: string | null): string | null {
  return pinHash === null ? null : (pinHash.split('$')[4] ?? pinHash);
}

function toStored(row: ProfileRow): StoredProfile {
  const rating = (Object.hasOwn(MATURITY_LEVELS, row.maturity_rating) ? row.maturity_rating : KIDS_MAX_RATING) as MaturityRating;
  return {
    id: row.id,
    accountId: row.account_id,
    name: row.name,
    avatar: row.avatar,
    language: row.language,
    kids: row.kids,
    maturityRating: rating,
    maxMaturityLevel: MATURITY_LEVELS[rating],
    hasPin: row.pin_hash !== null,
    createdAt: row.created_at.toISOString(),
    pinTag: pinTag(row.pin_hash),
  };
}

function publicProfile({ pinTag: _tag, ...profile }: StoredProfile): Profile {
  return profile;
}

/**
 * The maturity ceiling a profile ends up with. Kids profiles are capped at KIDS_MAX_RATING: asking
 * for more is an error, while switching a profile to kids without a rating lowers it to the cap.
 */
export function resolveCeiling(kids: boolean, requested: MaturityRating | undefined, current: MaturityRating | undefined): MaturityRating {
  const kidsMax = MATURITY_LEVELS[KIDS_MAX_RATING];
  if (requested !== undefined) {
    if (kids && MATURITY_LEVELS[requested] > kidsMax) {
      const message = `must be ${KIDS_MAX_RATING} or lower for a kids profile`;
      throw new AppError('VALIDATION_FAILED', `body.maturityRating ${message}`, [{ field: 'body.maturityRating', message }]);
    }
    return requested;
  }
  const rating = current ?? (kids ? KIDS_MAX_RATING : ADULT_DEFAULT_RATING);
  return kids && MATURITY_LEVELS[rating] > kidsMax ? KIDS_MAX_RATING : rating;
}

type ProfileOptions = Pick<AccountsOptions, 'scrypt' | 'hotCacheTtlMs' | 'maxProfiles' | 'pinAttempts' | 'unlockTtlMs' | 'now'>;

/** Profiles of an account: create, edit, delete, PIN unlock, and the ownership check every personal route makes. */
export class ProfileService {
  private readonly hot: HotCache<StoredProfile>;
  private readonly pinFailures: FailureCounter;

  constructor(
    private readonly repo: ProfilesRepository,
    private readonly accounts: AccountService,
    private readonly cache: Cache,
    private readonly options: ProfileOptions,
  ) {
    this.hot = new HotCache(cache, 'prof:', options.hotCacheTtlMs);
    this.pinFailures = new FailureCounter(cache, 'pin', options.pinAttempts, options.now);
  }

  /** The account's profiles, oldest first. */
  async list(auth: AuthContext): Promise<Profile[]> {
    return (await this.repo.listProfiles(auth.accountId)).map((row) => publicProfile(toStored(row)));
  }

  /** Creates a profile (up to `maxProfiles` per account). */
  async create(auth: AuthContext, input: ProfileInput): Promise<Profile> {
    const now = this.options.now();
    const kids = input.kids ?? false;
    const row: ProfileRow = {
      id: randomUUID(),
      account_id: auth.accountId,
      name: input.name.trim(),
      avatar: input.avatar ?? 'default',
      language: input.language ?? 'en',
      kids,
      maturity_rating: resolveCeiling(kids, input.maturityRating, undefined),
      pin_hash: input.pin ? await hashSecret(input.pin, this.options.scrypt) : null,
      created_at: now,
      updated_at: now,
    };
    if (!(await this.repo.insertProfile(row, this.options.maxProfiles))) {
      throw new AppError('PROFILE_LIMIT_REACHED', undefined, { max: this.options.maxProfiles });
    }
    const stored = toStored(row);
    // Whoever set the PIN knows it: their session starts unlocked.
    if (stored.pinTag) await this.markUnlocked(auth, stored);
    return publicProfile(stored);
  }

  /** Edits a profile; a PIN-protected one must be unlocked by this session first. */
  async update(auth: AuthContext, profileId: string, input: Partial<ProfileInput>): Promise<Profile> {
    const { profile } = await this.access(auth, profileId);
    const kids = input.kids ?? profile.kids;
    const pinHash = input.pin === undefined ? undefined : input.pin === null ? null : await hashSecret(input.pin, this.options.scrypt);
    const row = await this.repo.updateProfile(profileId, {
      ...(input.name !== undefined && { name: input.name.trim() }),
      ...(input.avatar !== undefined && { avatar: input.avatar }),
      ...(input.language !== undefined && { language: input.language }),
      kids,
      maturity_rating: resolveCeiling(kids, input.maturityRating, profile.maturityRating),
      ...(pinHash !== undefined && { pin_hash: pinHash }),
      updated_at: this.options.now(),
    });
    await this.hot.invalidate(profileId);
    if (!row) throw new AppError('PROFILE_NOT_FOUND', undefined, { id: profileId });
    const stored = toStored(row);
    if (stored.pinTag) await this.markUnlocked(auth, stored);
    return publicProfile(stored);
  }

  /** Deletes a profile with all its personal state. */
  async remove(auth: AuthContext, profileId: string): Promise<void> {
    await this.access(auth, profileId);
    await this.repo.deleteProfile(profileId);
    await this.hot.invalidate(profileId);
  }

  /**
   * Opens a PIN-protected profile for this session. Wrong PINs are counted per profile (not per
   * session, so new sessions do not buy new guesses) and lock the profile for a while.
   */
  async unlock(auth: AuthContext, profileId: string, pin: string): Promise<void> {
    const stored = await this.owned(auth, profileId);
    if (!stored.pinTag) return;
    const wait = await this.pinFailures.blockedFor(profileId);
    if (wait > 0) throw new AppError('PIN_LOCKED', undefined, { retryAfterSeconds: wait });
    const row = await this.repo.findProfile(profileId);
    if (!row?.pin_hash || !(await verifySecret(pin, row.pin_hash))) {
      await this.pinFailures.fail(profileId);
      throw new AppError('PIN_INVALID');
    }
    await this.pinFailures.reset(profileId);
    await this.markUnlocked(auth, toStored(row));
  }

  /**
   * The ownership check of every personal route and profile-scoped catalog read: another account's
   * profile is PROFILE_NOT_FOUND, exactly like a missing one; a locked profile needs its PIN first.
   */
  async access(auth: AuthContext, profileId: string): Promise<ProfileAccess> {
    const stored = await this.owned(auth, profileId);
    if (stored.pinTag !== null && (await this.cache.get(this.unlockKey(auth, profileId))) !== stored.pinTag) {
      throw new AppError('PIN_REQUIRED', undefined, { profileId });
    }
    const { country } = await this.accounts.get(auth.accountId);
    return { profile: publicProfile(stored), viewer: { maxMaturityLevel: stored.maxMaturityLevel, country } };
  }

  private async owned(auth: AuthContext, profileId: string): Promise<StoredProfile> {
    const stored = await this.hot.get(profileId, async () => {
      const row = await this.repo.findProfile(profileId);
      return row && toStored(row);
    });
    if (!stored || stored.accountId !== auth.accountId) throw new AppError('PROFILE_NOT_FOUND', undefined, { id: profileId });
    return stored;
  }

  private async markUnlocked(auth: AuthContext, stored: StoredProfile): Promise<void> {
    if (stored.pinTag) await this.cache.set(this.unlockKey(auth, stored.id), stored.pinTag, this.options.unlockTtlMs);
  }

  private unlockKey(auth: AuthContext, profileId: string): string {
    return `unlk:${auth.sessionId}:${profileId}`;
  }
}
