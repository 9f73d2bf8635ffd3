import type { FastifyInstance } from 'fastify';
import { expect } from 'vitest';
import { createAccounts, type Accounts, type AccountsOptions } from '../../src/accounts/index.js';
import { buildApp } from '../../src/api/app.js';
import { createRegistry } from '../../src/api/metrics.js';
import { CatalogService } from '../../src/catalog/service.js';
import { allMigrations } from '../../src/migrations.js';
import { openMemoryCache } from '../../src/platform/cache/memory.js';
import type { Cache } from '../../src/platform/cache/types.js';
import { migrate, openPglite, type Db } from '../../src/platform/db/index.js';
import { smallCatalog } from './titles.js';

/** scrypt at N = 2^10: ~1 ms per hash instead of ~80 ms, so suites that sign in often stay fast. */
export const TEST_SCRYPT = { N: 2 ** 10, r: 8, p: 1 };

export interface AccountsTestApp {
  app: FastifyInstance;
  db: Db;
  cache: Cache;
  catalog: CatalogService;
  accounts: Accounts;
  /** Moves the accounts module's clock forward (session expiry, rate-limit windows). */
  advance(ms: number): void;
  close(): Promise<void>;
}

/** The real app with accounts, on in-memory PGlite and the memory cache, with the small test catalog. */
export async function createAccountsTestApp(options: Partial<AccountsOptions> = {}): Promise<AccountsTestApp> {
  const db = await openPglite(undefined);
  await migrate(db, allMigrations);
  const cache = openMemoryCache({});
  let offsetMs = 0;
  const now = () => new Date(Date.now() + offsetMs);
  const catalog = new CatalogService(db);
  const { genres, titles } = smallCatalog();
  await catalog.importCatalog(genres, titles);
  const accounts = createAccounts({ db, cache, catalog, options: { scrypt: TEST_SCRYPT, now, ...options } });
  const app = await buildApp({
    catalog,
    accounts,
    adminToken: 'test-admin-token-0123456789',
    bodyLimitBytes: 64 * 1024,
    registry: createRegistry(),
    readiness: [],
    now,
  });
  return {
    app,
    db,
    cache,
    catalog,
    accounts,
    advance(ms) {
      offsetMs += ms;
    },
    async close() {
      await app.close();
      await cache.close();
      await db.close();
    },
  };
}

export interface Member {
  accountId: string;
  token: string;
  headers: { authorization: string };
}

let counter = 0;
/** A fresh unique email for a test. */
export function uniqueEmail(tag = 'member'): string {
  counter += 1;
  return `${tag}.${counter}.${Date.now().toString(36)}@example.com`;
}

export const GOOD_PASSWORD = 'correct horse battery';

/** Registers an account and signs it in. */
export async function signUp(app: FastifyInstance, body: { email?: string; country?: string; plan?: string } = {}): Promise<Member> {
  const email = body.email ?? uniqueEmail();
  const registered = await app.inject({
    method: 'POST',
    url: '/v1/accounts',
    payload: { email, password: GOOD_PASSWORD, country: body.country ?? 'US', ...(body.plan && { plan: body.plan }) },
  });
  expect(registered.statusCode, registered.body).toBe(201);
  const signedIn = await app.inject({ method: 'POST', url: '/v1/sessions', payload: { email, password: GOOD_PASSWORD, deviceName: 'Test TV' } });
  expect(signedIn.statusCode, signedIn.body).toBe(201);
  const { token, accountId } = signedIn.json<{ token: string; accountId: string }>();
  return { token, accountId, headers: { authorization: `Bearer ${token}` } };
}

/** Creates a profile for a member and returns its id. */
export async function createProfile(app: FastifyInstance, member: Member, body: Record<string, unknown> = {}): Promise<string> {
  const res = await app.inject({ method: 'POST', url: '/v1/profiles', headers: member.headers, payload: { name: `P${++counter}`, ...body } });
  expect(res.statusCode, res.body).toBe(201);
  return res.json<{ id: string }>().id;
}
