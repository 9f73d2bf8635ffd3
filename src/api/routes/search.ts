import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { maturityLevel, MATURITY_RATINGS, type MaturityRating } from '../../catalog/model.js';
import type { CatalogService } from '../../catalog/service.js';
import { errorResponses, Limit } from '../schemas/common.js';
import { TitleSummarySchema, ViewerQuery } from '../schemas/catalog.js';
import type { ViewerResolver } from '../viewer.js';
import { toSummary } from './catalog.js';

export interface SearchRouteDeps {
  catalog: CatalogService;
  resolveViewer: ViewerResolver;
  now: () => Date;
}

const SuggestionSchema = Type.Object({
  id: Type.String(),
  name: Type.String(),
  kind: Type.Union([Type.Literal('movie'), Type.Literal('show')]),
  releaseYear: Type.Integer(),
});

/** Full-text search with filters, and search-as-you-type suggestions, over the in-memory index. */
export async function searchRoutes(app: FastifyInstance, deps: SearchRouteDeps): Promise<void> {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();
  const { catalog, resolveViewer, now } = deps;

  r.get('/v1/search', {
    schema: {
      tags: ['search'],
      summary: 'Search titles by name, cast, genre and synopsis, with filters',
      querystring: Type.Object({
        ...ViewerQuery,
        q: Type.String({ maxLength: 200, default: '' }),
        genre: Type.Optional(Type.String({ maxLength: 64 })),
        yearFrom: Type.Optional(Type.Integer({ minimum: 1800, maximum: 2200 })),
        yearTo: Type.Optional(Type.Integer({ minimum: 1800, maximum: 2200 })),
        maturity: Type.Optional(Type.Union(MATURITY_RATINGS.map((m) => Type.Literal(m)))),
        language: Type.Optional(Type.String({ maxLength: 8 })),
        kind: Type.Optional(Type.Union([Type.Literal('movie'), Type.Literal('show')])),
        offset: Type.Integer({ minimum: 0, maximum: 10_000, default: 0 }),
        limit: Limit(100, 20),
      }),
      response: {
        200: Type.Object({
          total: Type.Integer(),
          offset: Type.Integer(),
          items: Type.Array(Type.Object({ ...TitleSummarySchema.properties, score: Type.Number(), matchedFields: Type.Array(Type.String()) })),
        }),
        ...errorResponses,
      },
    },
  }, async (request) => {
    const { q, genre, yearFrom, yearTo, maturity, language, kind, offset, limit } = request.query;
    const viewer = await resolveViewer(request, request.query);
    const result = catalog.view().search.search(
      {
        q,
        genre,
        yearFrom,
        yearTo,
        maxMaturityLevel: maturity === undefined ? undefined : maturityLevel(maturity as MaturityRating),
        language,
        country: request.query.country?.toUpperCase(),
        kind,
        offset,
        limit,
      },
      viewer,
      now(),
    );
    return {
      total: result.total,
      offset,
      items: result.results.map((hit) => ({ ...toSummary(hit.title), score: hit.score, matchedFields: hit.matchedFields })),
    };
  });

  r.get('/v1/search/suggest', {
    schema: {
      tags: ['search'],
      summary: 'Search-as-you-type suggestions for a prefix',
      querystring: Type.Object({ ...ViewerQuery, q: Type.String({ minLength: 1, maxLength: 100 }), limit: Limit(20, 8) }),
      response: { 200: Type.Object({ items: Type.Array(SuggestionSchema) }), ...errorResponses },
    },
  }, async (request) => {
    const viewer = await resolveViewer(request, request.query);
    return { items: catalog.view().search.suggest(request.query.q, viewer, now(), request.query.limit) };
  });
}
