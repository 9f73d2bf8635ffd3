import { randomUUID } from 'node:crypto';
import { AppError } from '../errors.js';
import type { Cache } from '../platform/cache/types.js';
import type { AccountsRepository } from './accounts-repository.js';
import { HotCache } from './hot-cache.js';
import type { Account } from './model.js';
import type { AccountsOptions } from './options.js';
import { hashSecret, passwordWeakness } from './passwords.js';
import { asPlanId, DEFAULT_PLAN, entitlements, type Entitlements, type PlanId } from './plans.js';
import type { AccountRow } from './tables.js';

export interface RegisterInput {
  email: string;
  password: string;
  country: string;
  plan?: PlanId;
}

/** Emails are compared case-insensitively: stored trimmed and lower-cased. */
export function normalizeEmail(email: string): string {
  return email.trim().toLowerCase();
}

function toAccount(row: AccountRow): Account {
  return { id: row.id, email: row.email, country: row.country, plan: asPlanId(row.plan), createdAt: row.created_at.toISOString() };
}

/** Registration, the account record (country, plan) and the plan's entitlements. */
export class AccountService {
  private readonly hot: HotCache<Account>;

  constructor(
    private readonly repo: AccountsRepository,
    cache: Cache,
    private readonly options: Pick<AccountsOptions, 'scrypt' | 'hotCacheTtlMs' | 'now'>,
  ) {
    this.hot = new HotCache(cache, 'acct:', options.hotCacheTtlMs);
  }

  /** Creates an account; weak passwords are a 400 naming the field, a taken email a 409. */
  async register(input: RegisterInput): Promise<Account> {
    const email = normalizeEmail(input.email);
    const weakness = passwordWeakness(input.password, email);
    if (weakness) {
      throw new AppError('VALIDATION_FAILED', `body.password ${weakness}`, [{ field: 'body.password', message: weakness }]);
    }
    const now = this.options.now();
    const row: AccountRow = {
      id: randomUUID(),
      email,
      password_hash: await hashSecret(input.password, this.options.scrypt),
      country: input.country.toUpperCase(),
      plan: input.plan ?? DEFAULT_PLAN,
      created_at: now,
      updated_at: now,
    };
    await this.repo.insertAccount(row);
    return toAccount(row);
  }

  /** The account (cached briefly; plan changes invalidate it). */
  async get(accountId: string): Promise<Account> {
    const account = await this.hot.get(accountId, async () => {
      const row = await this.repo.findAccount(accountId);
      return row && toAccount(row);
    });
    // A valid session whose account was deleted is as good as signed out.
    if (!account) throw new AppError('UNAUTHENTICATED');
    return account;
  }

  /** Switches the plan; it takes effect on the next request (entitlements are read fresh). */
  async changePlan(accountId: string, plan: PlanId): Promise<Account> {
    if (!(await this.repo.updatePlan(accountId, plan, this.options.now()))) throw new AppError('UNAUTHENTICATED');
    await this.hot.invalidate(accountId);
    return this.get(accountId);
  }

  /** What the account's current plan allows; playback and downloads ask this before serving. */
  async entitlementsFor(accountId: string): Promise<Entitlements> {
    return entitlements((await this.get(accountId)).plan);
  }
}
