import type { CatalogService } from '../catalog/service.js';
import type { Cache } from '../platform/cache/types.js';
import type { Db } from '../platform/db/index.js';
import { AccountsRepository } from './accounts-repository.js';
import { AccountService } from './accounts.js';
import { DEFAULT_ACCOUNTS_OPTIONS, type AccountsOptions } from './options.js';
import { PersonalRepository } from './personal-repository.js';
import { PersonalService } from './personal.js';
import { ProfileService } from './profiles.js';
import { ProfilesRepository } from './profiles-repository.js';
import { SessionService } from './sessions.js';
import { VisibleTitles } from './visible.js';
import { WatchRepository } from './watch-repository.js';
import { WatchService } from './watch.js';

export { accountsMigrations } from './migrations.js';
export { entitlements, PLANS, type Entitlements, type PlanId } from './plans.js';
export type { AccountsOptions } from './options.js';
export type { AuthContext } from './model.js';

/** The accounts module's services, each owning one job. Other modules take only the one they need. */
export interface Accounts {
  accounts: AccountService;
  sessions: SessionService;
  profiles: ProfileService;
  personal: PersonalService;
  watch: WatchService;
}

/** Wires the module over a database, the shared cache and the catalog (for title visibility). */
export function createAccounts(deps: { db: Db; cache: Cache; catalog: CatalogService; options?: Partial<AccountsOptions> }): Accounts {
  const options: AccountsOptions = { ...DEFAULT_ACCOUNTS_OPTIONS, ...deps.options };
  const accountsRepo = new AccountsRepository(deps.db);
  const accounts = new AccountService(accountsRepo, deps.cache, options);
  const titles = new VisibleTitles(deps.catalog, options.now);
  return {
    accounts,
    sessions: new SessionService(accountsRepo, deps.cache, options),
    profiles: new ProfileService(new ProfilesRepository(deps.db), accounts, deps.cache, options),
    personal: new PersonalService(new PersonalRepository(deps.db), titles, deps.cache, options),
    watch: new WatchService(new WatchRepository(deps.db), titles, deps.cache, options.hotCacheTtlMs),
  };
}
