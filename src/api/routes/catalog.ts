import type { FastifyInstance, FastifyReply, preHandlerAsyncHookHandler } from 'fastify';
import { Type } from 'typebox';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { AppError } from '../../errors.js';
import type { Title } from '../../catalog/model.js';
import { BY_NEWEST, BY_POPULARITY, page } from '../../catalog/paging.js';
import type { CatalogService } from '../../catalog/service.js';
import { isVisible, type CatalogSnapshot } from '../../catalog/snapshot.js';
import { renderBackdrop, renderPoster } from '../../catalog/demo/poster.js';
import { errorResponses, Limit } from '../schemas/common.js';
import {
  GenreSchema,
  TitleInputSchema,
  TitlePageSchema,
  TitleSchema,
  ViewerQuery,
} from '../schemas/catalog.js';
import type { ViewerResolver } from '../viewer.js';

export interface CatalogRouteDeps {
  catalog: CatalogService;
  resolveViewer: ViewerResolver;
  requireAdmin: preHandlerAsyncHookHandler;
  now: () => Date;
}

/** The compact form of a title used in lists. */
export function toSummary(title: Title) {
  return {
    id: title.id,
    kind: title.kind,
    name: title.name,
    releaseYear: title.releaseYear,
    maturityRating: title.maturityRating,
    genres: title.genres,
    runtimeMinutes: title.runtimeMinutes,
    artwork: title.artwork,
    popularity: title.popularity,
    playable: title.playable,
  };
}

// Title details are immutable within a snapshot, so each is serialised once per snapshot version.
const serialized = new WeakMap<CatalogSnapshot, Map<string, string>>();
function titleJson(snapshot: CatalogSnapshot, title: Title): string {
  let cache = serialized.get(snapshot);
  if (!cache) serialized.set(snapshot, (cache = new Map()));
  let json = cache.get(title.id);
  if (json === undefined) cache.set(title.id, (json = JSON.stringify(title)));
  return json;
}

const IdParams = Type.Object({ id: Type.String({ minLength: 1, maxLength: 64 }) });
const PageQuery = Type.Object({
  ...ViewerQuery,
  cursor: Type.Optional(Type.String({ maxLength: 512 })),
  limit: Limit(100, 40),
});

/** Catalog reads (from the in-memory snapshot) and admin writes (to the database). */
export async function catalogRoutes(app: FastifyInstance, deps: CatalogRouteDeps): Promise<void> {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();
  const { catalog, resolveViewer, now } = deps;

  r.get('/v1/titles/:id', {
    schema: {
      tags: ['catalog'],
      summary: 'Title details with seasons and episodes',
      params: IdParams,
      querystring: Type.Object(ViewerQuery),
      response: { 200: TitleSchema, ...errorResponses },
    },
  }, async (request, reply) => {
    const viewer = await resolveViewer(request, request.query);
    const { snapshot } = catalog.view();
    const title = snapshot.byId.get(request.params.id);
    // Hidden titles answer exactly like unknown ones so a kids profile learns nothing about them.
    if (!title || !isVisible(title, viewer, now())) throw new AppError('TITLE_NOT_FOUND', undefined, { id: request.params.id });
    // A string with a JSON content type is sent as is: the pre-serialised body skips the serializer.
    return (reply as FastifyReply).type('application/json; charset=utf-8').send(titleJson(snapshot, title));
  });

  r.get('/v1/titles', {
    schema: {
      tags: ['catalog'],
      summary: 'Browse every title, most popular first',
      querystring: Type.Object({ ...PageQuery.properties, kind: Type.Optional(Type.Union([Type.Literal('movie'), Type.Literal('show')])) }),
      response: { 200: TitlePageSchema, ...errorResponses },
    },
  }, async (request) => {
    const viewer = await resolveViewer(request, request.query);
    const { snapshot } = catalog.view();
    const { kind, limit, cursor } = request.query;
    const list = kind ? snapshot.titles.filter((t) => t.kind === kind) : snapshot.titles;
    const result = page(list, BY_POPULARITY, viewer, now(), limit, cursor);
    return { items: result.items.map(toSummary), nextCursor: result.nextCursor };
  });

  r.get('/v1/genres', {
    schema: { tags: ['catalog'], summary: 'All genres', response: { 200: Type.Object({ items: Type.Array(GenreSchema) }) } },
  }, async () => ({ items: [...catalog.view().snapshot.genres] }));

  r.get('/v1/genres/:id/titles', {
    schema: {
      tags: ['catalog'],
      summary: 'Titles in a genre, most popular first, with cursor pagination',
      params: IdParams,
      querystring: PageQuery,
      response: { 200: TitlePageSchema, ...errorResponses },
    },
  }, async (request) => {
    const viewer = await resolveViewer(request, request.query);
    const { snapshot } = catalog.view();
    const list = snapshot.byGenre.get(request.params.id);
    if (!list) throw new AppError('GENRE_NOT_FOUND', undefined, { id: request.params.id });
    const result = page(list, BY_POPULARITY, viewer, now(), request.query.limit, request.query.cursor);
    return { items: result.items.map(toSummary), nextCursor: result.nextCursor };
  });

  r.get('/v1/new-releases', {
    schema: {
      tags: ['catalog'],
      summary: 'Newest titles first',
      querystring: PageQuery,
      response: { 200: TitlePageSchema, ...errorResponses },
    },
  }, async (request) => {
    const viewer = await resolveViewer(request, request.query);
    const { snapshot } = catalog.view();
    const result = page(snapshot.newest, BY_NEWEST, viewer, now(), request.query.limit, request.query.cursor);
    return { items: result.items.map(toSummary), nextCursor: result.nextCursor };
  });

  r.get('/v1/artwork/:id/:kind', {
    schema: {
      tags: ['catalog'],
      summary: 'Generated artwork (SVG poster or backdrop) for a title',
      params: Type.Object({
        id: Type.String({ minLength: 1, maxLength: 64 }),
        kind: Type.Union([Type.Literal('poster.svg'), Type.Literal('backdrop.svg')]),
      }),
      response: { 404: errorResponses[404] },
    },
  }, async (request, reply) => {
    const { snapshot } = catalog.view();
    const title = snapshot.byId.get(request.params.id);
    if (!title) throw new AppError('TITLE_NOT_FOUND', undefined, { id: request.params.id });
    const genreNames = new Map(snapshot.genres.map((g) => [g.id, g.name]));
    const svg = request.params.kind === 'poster.svg' ? renderPoster(title, genreNames) : renderBackdrop(title, genreNames);
    return (reply as FastifyReply).type('image/svg+xml').header('cache-control', 'public, max-age=86400').send(svg);
  });

  // ---- admin writes ----
  const admin = { preHandler: deps.requireAdmin };

  r.post('/v1/admin/titles', {
    ...admin,
    schema: {
      tags: ['admin'],
      summary: 'Create a title',
      security: [{ adminToken: [] }],
      body: TitleInputSchema,
      response: { 201: TitleSchema, ...errorResponses, 409: errorResponses[404] },
    },
  }, async (request, reply) => {
    const title = await catalog.createTitle(request.body);
    return reply.status(201).send(title);
  });

  r.put('/v1/admin/titles/:id', {
    ...admin,
    schema: {
      tags: ['admin'],
      summary: 'Replace a title',
      security: [{ adminToken: [] }],
      params: IdParams,
      body: TitleInputSchema,
      response: { 200: TitleSchema, ...errorResponses },
    },
  }, async (request) => catalog.replaceTitle(request.params.id, request.body));

  r.delete('/v1/admin/titles/:id', {
    ...admin,
    schema: {
      tags: ['admin'],
      summary: 'Delete a title with its seasons and episodes',
      security: [{ adminToken: [] }],
      params: IdParams,
      response: { 204: Type.Null(), ...errorResponses },
    },
  }, async (request, reply) => {
    await catalog.deleteTitle(request.params.id);
    return reply.status(204).send(null);
  });

  r.put('/v1/admin/genres', {
    ...admin,
    schema: {
      tags: ['admin'],
      summary: 'Create or rename genres',
      security: [{ adminToken: [] }],
      body: Type.Object({ items: Type.Array(GenreSchema, { minItems: 1, maxItems: 500 }) }),
      response: { 200: Type.Object({ items: Type.Array(GenreSchema) }), ...errorResponses },
    },
  }, async (request) => {
    await catalog.upsertGenres(request.body.items);
    return { items: [...catalog.view().snapshot.genres] };
  });
}

