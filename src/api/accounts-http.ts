import type { FastifyInstance } from 'fastify';
import type { Accounts } from '../accounts/index.js';
import { sessionAuth, type SessionAuth } from './auth.js';
import { profileViewer } from './profile-viewer.js';
import { accountRoutes } from './routes/accounts.js';
import { personalRoutes } from './routes/personal.js';
import { profileRoutes } from './routes/profiles.js';
import type { ViewerResolver } from './viewer.js';

/** The accounts module's HTTP side: session auth, the profile-aware viewer resolver, and its routes. */
export interface AccountsHttp {
  auth: SessionAuth;
  resolveViewer: ViewerResolver;
  register(scope: FastifyInstance, now: () => Date): Promise<void>;
}

/** Builds the accounts module's HTTP pieces; `buildApp` calls this when it is given `accounts`. */
export function accountsHttp(accounts: Accounts): AccountsHttp {
  const auth = sessionAuth(accounts.sessions);
  return {
    auth,
    resolveViewer: profileViewer({ auth, accounts: accounts.accounts, profiles: accounts.profiles }),
    async register(scope, now) {
      await accountRoutes(scope, { accounts: accounts.accounts, sessions: accounts.sessions, auth });
      await profileRoutes(scope, { profiles: accounts.profiles, auth });
      await personalRoutes(scope, { profiles: accounts.profiles, personal: accounts.personal, watch: accounts.watch, auth, now });
    },
  };
}
