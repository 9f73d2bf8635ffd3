import type { FastifyInstance, FastifyReply } from 'fastify';
import { Type } from 'typebox';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { AuthContext } from '../../accounts/model.js';
import type { PersonalService, VisibleList } from '../../accounts/personal.js';
import type { ProfileAccess, ProfileService } from '../../accounts/profiles.js';
import type { WatchService } from '../../accounts/watch.js';
import { callerOf, type SessionAuth } from '../auth.js';
import {
  IdParams,
  ListItemSchema,
  PageQuery,
  ProgressSchema,
  RatingSchema,
  RatingValue,
  TitleParams,
} from '../schemas/accounts.js';
import { TitleSummarySchema } from '../schemas/catalog.js';
import { ErrorResponse, errorResponses } from '../schemas/common.js';
import { toSummary } from './catalog.js';

export interface PersonalRouteDeps {
  profiles: ProfileService;
  personal: PersonalService;
  watch: WatchService;
  auth: SessionAuth;
  now: () => Date;
}

const signedIn = [{ session: [] }];

function listJson(list: VisibleList, offset: number, limit: number): string {
  const items = list.slice(offset, offset + limit).map((item) => ({ ...toSummary(item.title), addedAt: item.addedAt }));
  return JSON.stringify({ total: list.length, offset, items });
}
const noContent = { 204: Type.Null(), ...errorResponses };

/** Per-profile state: My List, ratings, viewing history and progress. Every route checks the profile is the caller's. */
export async function personalRoutes(app: FastifyInstance, deps: PersonalRouteDeps): Promise<void> {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();
  const { personal, watch } = deps;
  const authed = { preHandler: deps.auth.requireSession };
  const profile = (request: { auth: AuthContext | null; params: { id: string } }): Promise<ProfileAccess> =>
    deps.profiles.access(callerOf(request), request.params.id);

  r.get('/v1/profiles/:id/list', {
    ...authed,
    schema: {
      tags: ['personal'],
      summary: 'My List, newest first unless reordered',
      security: signedIn,
      params: IdParams,
      querystring: Type.Object({
        offset: Type.Integer({ minimum: 0, maximum: 10_000, default: 0 }),
        limit: Type.Integer({ minimum: 1, maximum: 500, default: 50 }),
      }),
      response: { 200: Type.Object({ total: Type.Integer(), offset: Type.Integer(), items: Type.Array(ListItemSchema) }), ...errorResponses },
    },
  }, async (request, reply) => {
    const { offset, limit } = request.query;
    const body = await personal.myListPage(await profile(request), `${offset}:${limit}`, (list) => listJson(list, offset, limit));
    // Bytes with a JSON content type are sent as they are (rendered in the shape of the schema above).
    return (reply as FastifyReply).type('application/json; charset=utf-8').send(body);
  });

  r.put('/v1/profiles/:id/list/:titleId', {
    ...authed,
    schema: {
      tags: ['personal'],
      summary: 'Add a title to My List (at the top, or at ?position=, 0 = top)',
      security: signedIn,
      params: TitleParams,
      querystring: Type.Object({ position: Type.Optional(Type.Integer({ minimum: 0, maximum: 10_000 })) }),
      response: { 200: Type.Object({ titleId: Type.String(), position: Type.Integer() }), ...errorResponses, 409: ErrorResponse },
    },
  }, async (request) => personal.addToList(await profile(request), request.params.titleId, request.query.position));

  r.delete('/v1/profiles/:id/list/:titleId', {
    ...authed,
    schema: { tags: ['personal'], summary: 'Remove a title from My List', security: signedIn, params: TitleParams, response: noContent },
  }, async (request, reply) => {
    await personal.removeFromList(await profile(request), request.params.titleId);
    return reply.status(204).send(null);
  });

  r.get('/v1/profiles/:id/ratings', {
    ...authed,
    schema: {
      tags: ['personal'],
      summary: "The profile's ratings, most recent first",
      security: signedIn,
      params: IdParams,
      querystring: PageQuery(200, 50),
      response: {
        200: Type.Object({
          items: Type.Array(Type.Object({ ...RatingSchema.properties, title: TitleSummarySchema })),
          nextCursor: Type.Union([Type.String(), Type.Null()]),
        }),
        ...errorResponses,
      },
    },
  }, async (request) => {
    const page = await personal.ratings(await profile(request), request.query.cursor, request.query.limit);
    return { items: page.items.map((item) => ({ ...item, title: toSummary(item.title) })), nextCursor: page.nextCursor };
  });

  r.put('/v1/profiles/:id/ratings/:titleId', {
    ...authed,
    schema: {
      tags: ['personal'],
      summary: 'Rate a title: down, up or double_up (replaces an earlier rating)',
      security: signedIn,
      params: TitleParams,
      body: Type.Object({ rating: RatingValue }, { additionalProperties: false }),
      response: { 200: RatingSchema, ...errorResponses },
    },
  }, async (request) => personal.rate(await profile(request), request.params.titleId, request.body.rating));

  r.delete('/v1/profiles/:id/ratings/:titleId', {
    ...authed,
    schema: { tags: ['personal'], summary: 'Remove a rating', security: signedIn, params: TitleParams, response: noContent },
  }, async (request, reply) => {
    await personal.unrate(await profile(request), request.params.titleId);
    return reply.status(204).send(null);
  });

  r.get('/v1/profiles/:id/history', {
    ...authed,
    schema: {
      tags: ['personal'],
      summary: 'Viewing history, most recent first (hidden items left out)',
      security: signedIn,
      params: IdParams,
      querystring: PageQuery(200, 50),
      response: {
        200: Type.Object({
          items: Type.Array(
            Type.Object({
              titleId: Type.String(),
              lastEpisodeId: Type.Union([Type.String(), Type.Null()]),
              lastWatchedAt: Type.String({ format: 'date-time' }),
              title: TitleSummarySchema,
            }),
          ),
          nextCursor: Type.Union([Type.String(), Type.Null()]),
        }),
        ...errorResponses,
      },
    },
  }, async (request) => {
    const page = await watch.history(await profile(request), request.query.cursor, request.query.limit);
    return { items: page.items.map((item) => ({ ...item, title: toSummary(item.title) })), nextCursor: page.nextCursor };
  });

  r.delete('/v1/profiles/:id/history/:titleId', {
    ...authed,
    schema: {
      tags: ['personal'],
      summary: 'Hide a title from viewing history and Continue Watching (until watched again)',
      security: signedIn,
      params: TitleParams,
      response: noContent,
    },
  }, async (request, reply) => {
    await watch.hide(await profile(request), request.params.titleId, deps.now());
    return reply.status(204).send(null);
  });

  r.get('/v1/profiles/:id/progress', {
    ...authed,
    schema: {
      tags: ['personal'],
      summary: 'Playback positions: the latest per title (Continue Watching), or every episode of ?titleId=',
      security: signedIn,
      params: IdParams,
      querystring: Type.Object({
        titleId: Type.Optional(Type.String({ minLength: 1, maxLength: 64 })),
        includeCompleted: Type.Boolean({ default: false }),
        limit: Type.Integer({ minimum: 1, maximum: 500, default: 50 }),
      }),
      response: { 200: Type.Object({ items: Type.Array(ProgressSchema) }), ...errorResponses },
    },
  }, async (request) => ({ items: await watch.progress(await profile(request), request.query) }));
}
