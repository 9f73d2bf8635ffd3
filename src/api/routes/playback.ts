import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { AppError } from '../../errors.js';
import type { Playback } from '../../playback/index.js';
import { callerOf, type SessionAuth } from '../auth.js';
import { ErrorResponse, errorResponses } from '../schemas/common.js';
import {
  ClearKeyLicenseSchema,
  ClearKeyRequestSchema,
  HeartbeatBody,
  HeartbeatResponse,
  LicenseQuery,
  PlayBody,
  PlayResponse,
  SessionParams,
} from '../schemas/playback.js';

export interface PlaybackRouteDeps {
  playback: Playback;
  auth: SessionAuth;
  /** This api's public base URL (MARQUEE_PUBLIC_URL); the request's own scheme and host when unset. */
  publicUrl?: string;
}

const signedIn = [{ session: [] }];

/** Play requests, heartbeats, stop, and the ClearKey license server. */
export async function playbackRoutes(app: FastifyInstance, deps: PlaybackRouteDeps): Promise<void> {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();
  const { playback } = deps;
  const authed = { preHandler: deps.auth.requireSession };
  const publicUrl = deps.publicUrl?.replace(/\/+$/, '');
  const selfBase = (request: FastifyRequest): string => publicUrl ?? `${request.protocol}://${request.host}`;

  r.post('/v1/play', {
    ...authed,
    schema: {
      tags: ['playback'],
      summary: 'Start a stream: entitlement checks, a stream lease, signed manifest URLs and a license URL',
      description:
        'Refusals: 403 MATURITY_RESTRICTED, 403 TITLE_UNAVAILABLE (details.reason NOT_IN_COUNTRY | NOT_YET_AVAILABLE | ' +
        'NO_LONGER_AVAILABLE), 403 PIN_REQUIRED, 409 NOT_PLAYABLE (no published media), 409 STREAM_LIMIT_REACHED. ' +
        'A device that already streams takes its own slot over (its previous session ends).',
      security: signedIn,
      body: PlayBody,
      response: { 200: PlayResponse, ...errorResponses, 409: ErrorResponse },
    },
  }, async (request, reply) => {
    const result = await playback.play.play(callerOf(request), request.body, selfBase(request));
    // Sent pre-serialised: the schema's nullable unions make fast-json-stringify validate each branch
    // per response, which cost more than the whole play request (the body has the schema's shape).
    return (reply as FastifyReply).type('application/json; charset=utf-8').send(JSON.stringify(result));
  });

  r.post('/v1/play/:sessionId/heartbeat', {
    ...authed,
    schema: {
      tags: ['playback'],
      summary: "Keep a stream's lease alive and report the position",
      description: 'An expired session is 404 PLAYBACK_SESSION_NOT_FOUND (request playback again); a lost slot with none free is 409 STREAM_LIMIT_REACHED.',
      security: signedIn,
      params: SessionParams,
      body: Type.Optional(HeartbeatBody),
      response: { 200: HeartbeatResponse, ...errorResponses, 409: ErrorResponse },
    },
  }, async (request) => playback.control.heartbeat(callerOf(request), request.params.sessionId, request.body ?? {}));

  r.delete('/v1/play/:sessionId', {
    ...authed,
    schema: {
      tags: ['playback'],
      summary: 'Stop a stream and free its slot',
      security: signedIn,
      params: SessionParams,
      response: { 204: Type.Null(), ...errorResponses },
    },
  }, async (request, reply) => {
    await playback.control.stop(callerOf(request), request.params.sessionId);
    return reply.status(204).send(null);
  });

  // Own scope: players post the license request as raw bytes, often with no Content-Type at all.
  await app.register(async (scope) => {
    scope.addContentTypeParser('*', { parseAs: 'buffer' }, (_request, body: Buffer, done) => {
      try {
        done(null, JSON.parse(body.toString('utf8')) as unknown);
      } catch {
        done(new AppError('BAD_REQUEST', 'The license request is not JSON'), undefined);
      }
    });
    scope.withTypeProvider<TypeBoxTypeProvider>().post('/v1/licenses/:sessionId', {
      schema: {
        tags: ['playback'],
        summary: 'ClearKey license for a live playback session',
        description:
          'The W3C EME ClearKey request `{"kids":[...],"type":"temporary"}` → `{"keys":[{"kty":"oct","kid","k"}],"type":"temporary"}`. ' +
          'Bound to the session by the token in the URL the play response gave, since players send license requests without ' +
          'the Authorization header; a Bearer token, when sent, must be the same account. Anything else is 403 LICENSE_DENIED.',
        params: SessionParams,
        querystring: LicenseQuery,
        body: ClearKeyRequestSchema,
        response: { 200: ClearKeyLicenseSchema, ...errorResponses },
      },
    }, async (request, reply) => {
      reply.header('access-control-allow-origin', '*');
      const caller = await deps.auth.optionalSession(request);
      return playback.licenses.license(request.params.sessionId, request.query.token, request.body, caller);
    });
  });
}
