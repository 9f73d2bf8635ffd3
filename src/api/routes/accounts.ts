import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { AccountService } from '../../accounts/accounts.js';
import { entitlements } from '../../accounts/plans.js';
import type { SessionService } from '../../accounts/sessions.js';
import type { Account } from '../../accounts/model.js';
import { callerOf, type SessionAuth } from '../auth.js';
import {
  AccountSchema,
  AccountWithEntitlements,
  IdParams,
  Plan,
  RegisterBody,
  SessionSchema,
  SignedInSchema,
  SignInBody,
} from '../schemas/accounts.js';
import { ErrorResponse, errorResponses } from '../schemas/common.js';

export interface AccountRouteDeps {
  accounts: AccountService;
  sessions: SessionService;
  auth: SessionAuth;
}

const withEntitlements = (account: Account) => ({ ...account, entitlements: entitlements(account.plan) });
const signedIn = [{ session: [] }];

/** Registration, the account's plan, and sessions (sign in, sign out, devices). */
export async function accountRoutes(app: FastifyInstance, deps: AccountRouteDeps): Promise<void> {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();
  const { accounts, sessions } = deps;
  const authed = { preHandler: deps.auth.requireSession };

  r.post('/v1/accounts', {
    schema: {
      tags: ['accounts'],
      summary: 'Register an account with email, password, country and plan',
      body: RegisterBody,
      response: { 201: AccountSchema, ...errorResponses, 409: ErrorResponse },
    },
  }, async (request, reply) => reply.status(201).send(await accounts.register(request.body)));

  r.get('/v1/account', {
    ...authed,
    schema: {
      tags: ['accounts'],
      summary: "The caller's account: plan, country and entitlements",
      security: signedIn,
      response: { 200: AccountWithEntitlements, ...errorResponses },
    },
  }, async (request) => withEntitlements(await accounts.get(callerOf(request).accountId)));

  r.put('/v1/account/plan', {
    ...authed,
    schema: {
      tags: ['accounts'],
      summary: 'Change the plan; it takes effect at once',
      security: signedIn,
      body: Type.Object({ plan: Plan }, { additionalProperties: false }),
      response: { 200: AccountWithEntitlements, ...errorResponses },
    },
  }, async (request) => withEntitlements(await accounts.changePlan(callerOf(request).accountId, request.body.plan)));

  r.post('/v1/sessions', {
    schema: {
      tags: ['sessions'],
      summary: 'Sign in; returns a session token',
      description: 'Failed attempts are throttled per email and per client address (429 RATE_LIMITED).',
      body: SignInBody,
      response: { 201: SignedInSchema, ...errorResponses, 429: ErrorResponse },
    },
  }, async (request, reply) => {
    const { email, password, deviceName } = request.body;
    const result = await sessions.signIn({ email, password, deviceName, ip: request.ip, userAgent: request.headers['user-agent'] });
    return reply.status(201).send(result);
  });

  r.get('/v1/sessions', {
    ...authed,
    schema: {
      tags: ['sessions'],
      summary: "The account's signed-in devices",
      security: signedIn,
      response: { 200: Type.Object({ items: Type.Array(SessionSchema) }), ...errorResponses },
    },
  }, async (request) => ({ items: await sessions.list(callerOf(request)) }));

  r.delete('/v1/sessions/current', {
    ...authed,
    schema: { tags: ['sessions'], summary: 'Sign out', security: signedIn, response: { 204: Type.Null(), ...errorResponses } },
  }, async (request, reply) => {
    await sessions.signOut(callerOf(request));
    return reply.status(204).send(null);
  });

  r.delete('/v1/sessions/:id', {
    ...authed,
    schema: {
      tags: ['sessions'],
      summary: 'Sign a device out (revoke one of the account’s sessions)',
      security: signedIn,
      params: IdParams,
      response: { 204: Type.Null(), ...errorResponses },
    },
  }, async (request, reply) => {
    await sessions.revoke(callerOf(request), request.params.id);
    return reply.status(204).send(null);
  });
}
