import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { ProfileService } from '../../accounts/profiles.js';
import { callerOf, type SessionAuth } from '../auth.js';
import { CreateProfileBody, IdParams, Pin, ProfileSchema, UpdateProfileBody } from '../schemas/accounts.js';
import { ErrorResponse, errorResponses } from '../schemas/common.js';

export interface ProfileRouteDeps {
  profiles: ProfileService;
  auth: SessionAuth;
}

const signedIn = [{ session: [] }];

/** The account's profiles: list, create, edit, delete, and PIN unlock. */
export async function profileRoutes(app: FastifyInstance, deps: ProfileRouteDeps): Promise<void> {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();
  const { profiles } = deps;
  const authed = { preHandler: deps.auth.requireSession };

  r.get('/v1/profiles', {
    ...authed,
    schema: {
      tags: ['profiles'],
      summary: "The account's profiles",
      security: signedIn,
      response: { 200: Type.Object({ items: Type.Array(ProfileSchema) }), ...errorResponses },
    },
  }, async (request) => ({ items: await profiles.list(callerOf(request)) }));

  r.post('/v1/profiles', {
    ...authed,
    schema: {
      tags: ['profiles'],
      summary: 'Create a profile (at most 5 per account)',
      description: 'Kids profiles are limited to G / TV-G and below.',
      security: signedIn,
      body: CreateProfileBody,
      response: { 201: ProfileSchema, ...errorResponses, 409: ErrorResponse },
    },
  }, async (request, reply) => reply.status(201).send(await profiles.create(callerOf(request), request.body)));

  r.patch('/v1/profiles/:id', {
    ...authed,
    schema: {
      tags: ['profiles'],
      summary: 'Edit a profile (a PIN-protected one must be unlocked first)',
      security: signedIn,
      params: IdParams,
      body: UpdateProfileBody,
      response: { 200: ProfileSchema, ...errorResponses, 409: ErrorResponse },
    },
  }, async (request) => profiles.update(callerOf(request), request.params.id, request.body));

  r.delete('/v1/profiles/:id', {
    ...authed,
    schema: {
      tags: ['profiles'],
      summary: 'Delete a profile with its list, ratings, history and progress',
      security: signedIn,
      params: IdParams,
      response: { 204: Type.Null(), ...errorResponses },
    },
  }, async (request, reply) => {
    await profiles.remove(callerOf(request), request.params.id);
    return reply.status(204).send(null);
  });

  r.post('/v1/profiles/:id/unlock', {
    ...authed,
    schema: {
      tags: ['profiles'],
      summary: 'Unlock a PIN-protected profile for this session',
      description: 'A wrong PIN is 403 PIN_INVALID; after 5 wrong PINs the profile is locked for a while (429 PIN_LOCKED).',
      security: signedIn,
      params: IdParams,
      body: Type.Object({ pin: Pin }, { additionalProperties: false }),
      response: { 204: Type.Null(), ...errorResponses, 429: ErrorResponse },
    },
  }, async (request, reply) => {
    await profiles.unlock(callerOf(request), request.params.id, request.body.pin);
    return reply.status(204).send(null);
  });
}
