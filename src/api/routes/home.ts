import type { FastifyInstance, FastifyReply } from 'fastify';
import { Counter, type Registry } from 'prom-client';
import { Type } from 'typebox';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { Accounts } from '../../accounts/index.js';
import type { CatalogService } from '../../catalog/service.js';
import { HomeService, MAX_ROW_SIZE } from '../../recs/home/index.js';
import type { DatasetStore } from '../../recs/store/dataset-store.js';
import { BodyPool } from '../body-pool.js';
import { callerOf, type SessionAuth } from '../auth.js';
import { ViewerQuery } from '../schemas/catalog.js';
import { errorResponses, Limit } from '../schemas/common.js';
import type { ViewerResolver } from '../viewer.js';

export interface HomeRouteDeps {
  catalog: CatalogService;
  /** The published recommendation datasets; without it pages are built from popularity. */
  store: DatasetStore | undefined;
  resolveViewer: ViewerResolver;
  /** With accounts, `GET /v1/home` exists (a signed-in owner of the profile). */
  accounts: Accounts | undefined;
  auth: SessionAuth | undefined;
  now: () => Date;
  /** See HomeServiceDeps.pagePlans. */
  pagePlans?: number;
  registry: Registry;
}

const Card = Type.Object({
  id: Type.String(),
  kind: Type.Union([Type.Literal('movie'), Type.Literal('show')]),
  name: Type.String(),
  releaseYear: Type.Integer(),
  maturityRating: Type.String(),
  genres: Type.Array(Type.String()),
  artwork: Type.Object({ poster: Type.Union([Type.String(), Type.Null()]), backdrop: Type.Union([Type.String(), Type.Null()]) }),
  playable: Type.Boolean(),
  progress: Type.Optional(Type.Object({ positionSec: Type.Number(), durationSec: Type.Number() })),
});

const HomeResponse = Type.Object({
  profileId: Type.String(),
  datasetVersion: Type.Union([Type.String(), Type.Null()], { description: 'The recommendation datasets version used; null when none is held' }),
  degraded: Type.Optional(
    Type.Object(
      { reason: Type.String({ description: 'datasets_missing, datasets_stale or history_unavailable' }) },
      { description: 'Present when the page was built from popularity instead of personal data' },
    ),
  ),
  rows: Type.Array(
    Type.Object({
      id: Type.String({ description: 'Stable row id (the `row` of impression events): top-picks, because-you-watched:<titleId>, genre:<id>…' }),
      title: Type.String(),
      reason: Type.String({ description: 'Why the row is there: continue_watching, top_picks_history, because_you_watched, trending_country, top10, genre_affinity…' }),
      items: Type.Array(Card),
    }),
  ),
});

/** The personalised home page and More Like This; the assembly lives in src/recs/home. */
export async function homeRoutes(app: FastifyInstance, deps: HomeRouteDeps): Promise<void> {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();
  const { accounts, auth } = deps;
  const pages = new Counter({
    name: 'marquee_home_pages_total',
    help: 'Home pages served: reused from the profile\'s plan or assembled, and degraded (why) or not',
    labelNames: ['page', 'degraded'] as const,
    registers: [deps.registry],
  });
  const home = new HomeService({
    onPage: ({ reused, degraded }) => pages.inc({ page: reused ? 'reused' : 'assembled', degraded: degraded ?? 'no' }),
    catalog: deps.catalog,
    ...(deps.store ? { store: deps.store } : {}),
    ...(accounts ? { profileState: { watch: accounts.watch, personal: accounts.personal } } : {}),
    now: deps.now,
    ...(deps.pagePlans !== undefined ? { pagePlans: deps.pagePlans } : {}),
  });

  if (accounts && auth) {
    const bodies = new BodyPool();
    r.get('/v1/home', {
      preHandler: auth.requireSession,
      schema: {
        tags: ['home'],
        summary: "A profile's home page: Continue Watching, Top Picks, Because You Watched, Trending, Top 10, New Releases, My List, genres",
        security: [{ session: [] }],
        querystring: Type.Object({
          profileId: Type.String({ minLength: 1, maxLength: 64 }),
          rowSize: Limit(MAX_ROW_SIZE, 20),
        }),
        response: { 200: HomeResponse, ...errorResponses },
      },
    }, async (request, reply) => {
      const access = await accounts.profiles.access(callerOf(request), request.query.profileId);
      const body = bodies.join(await home.homeJson(access, request.query.rowSize), reply.raw);
      // Bytes with a JSON content type are sent as they are (rendered in the shape of the schema above).
      return (reply as FastifyReply).type('application/json; charset=utf-8').send(body);
    });
  }

  r.get('/v1/titles/:id/similar', {
    schema: {
      tags: ['home'],
      summary: 'More Like This: titles similar to this one (co-watching and content), filtered for the viewer',
      params: Type.Object({ id: Type.String({ minLength: 1, maxLength: 64 }) }),
      querystring: Type.Object({ ...ViewerQuery, limit: Limit(MAX_ROW_SIZE, 20) }),
      response: {
        200: Type.Object({ titleId: Type.String(), source: Type.Union([Type.Literal('dataset'), Type.Literal('content')]), items: Type.Array(Card) }),
        ...errorResponses,
      },
    },
  }, async (request) => {
    const viewer = await deps.resolveViewer(request, request.query);
    return { titleId: request.params.id, ...home.similar(request.params.id, viewer, request.query.limit) };
  });
}
