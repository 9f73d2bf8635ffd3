import { Negotiator } from '@fastify/accept-negotiator';
import type { FastifyInstance, FastifyReply } from 'fastify';
import { Counter, Gauge, type Registry } from 'prom-client';
import { Type } from 'typebox';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { Accounts } from '../../accounts/index.js';
import { MAX_MATURITY_LEVEL } from '../../catalog/model.js';
import type { CatalogService } from '../../catalog/service.js';
import { BodyPool } from '../body-pool.js';
import { HomeService, MAX_ROW_SIZE, type PageEncoding } from '../../recs/home/index.js';
import type { DatasetStore } from '../../recs/store/dataset-store.js';
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
});

const Progress = Type.Object({ positionSec: Type.Number(), durationSec: Type.Number() });

/** A row's entry: a title reference; its card is in the page's `cards` dictionary. */
const RowItem = Type.Object({
  id: Type.String(),
  progress: Type.Optional(Progress),
});

const CardsResponse = Type.Object({
  catalogVersion: Type.Integer({ description: 'The catalog version the cards were built from' }),
  country: Type.Union([Type.String(), Type.Null()]),
  maxMaturityLevel: Type.Integer(),
  cards: Type.Record(Type.String(), Card, { description: 'Title id → card: every title of the country up to the maturity level' }),
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
  cards: Type.String({ description: "Where the rows' cards are: GET this address (GET /v1/cards) once per catalog version; it is immutable" }),
  rows: Type.Array(
    Type.Object({
      id: Type.String({ description: 'Stable row id (the `row` of impression events): top-picks, because-you-watched:<titleId>, genre:<id>…' }),
      title: Type.String(),
      reason: Type.String({ description: 'Why the row is there: continue_watching, top_picks_history, because_you_watched, trending_country, top10, genre_affinity…' }),
      items: Type.Array(RowItem),
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
  const bodies = new BodyPool();
  // No cache of answers: a client may send any header, and negotiating one costs a microsecond.
  const encodings = new Negotiator<PageEncoding>({ supportedValues: ['gzip', 'identity'] });
  const home = new HomeService({
    onPage: ({ reused, degraded }) => pages.inc({ page: reused ? 'reused' : 'assembled', degraded: degraded ?? 'no' }),
    catalog: deps.catalog,
    ...(deps.store ? { store: deps.store } : {}),
    ...(accounts ? { profileState: { watch: accounts.watch, personal: accounts.personal } } : {}),
    now: deps.now,
    ...(deps.pagePlans !== undefined ? { pagePlans: deps.pagePlans } : {}),
  });

  new Gauge({ name: 'marquee_home_plans', help: 'Profiles whose last home page this node keeps for reuse', registers: [deps.registry], collect() { this.set(home.plansHeld().entries); } });
  new Gauge({ name: 'marquee_home_plans_held_bytes', help: "Bytes of the page plans' slabs, outside the V8 heap", registers: [deps.registry], collect() { this.set(home.plansHeld().bytesHeld); } });

  if (accounts && auth) {
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
      const encoding = encodings.negotiate(request.headers['accept-encoding'] ?? '') ?? 'identity';
      const json = await home.homeJson(access, request.query.rowSize, encoding, (bytes) => bodies.copy(bytes, reply.raw));
      // Bytes with a JSON content type are sent as they are (rendered in the shape of the schema above).
      const sent = (reply as FastifyReply).type('application/json; charset=utf-8').header('vary', 'accept-encoding');
      return (encoding === 'gzip' ? sent.header('content-encoding', 'gzip') : sent).send(json);
    });
  }

  // Public catalog data, the same for everyone of a country and ceiling: an edge may cache it, and
  // with the current version in the address, keep it until the catalog changes.
  r.get('/v1/cards', {
    schema: {
      tags: ['home'],
      summary: "Title cards by id for a country and maturity ceiling: the cards a home page's rows refer to (its `cards` address)",
      querystring: Type.Object({
        country: ViewerQuery.country,
        maxMaturityLevel: Type.Integer({ minimum: 0, maximum: MAX_MATURITY_LEVEL, default: MAX_MATURITY_LEVEL }),
        version: Type.Optional(Type.Integer({ minimum: 0, description: 'The catalog version the caller expects; the current one is always sent' })),
      }),
      response: { 200: CardsResponse, ...errorResponses },
    },
  }, async (request, reply) => {
    const { country, maxMaturityLevel, version } = request.query;
    const cards = home.cardsJson({ country: country?.toUpperCase(), maxMaturityLevel });
    const etag = `"cards-${cards.catalogVersion}-${country?.toUpperCase() ?? ''}-${maxMaturityLevel}"`;
    const current = version === cards.catalogVersion;
    const raw = (reply as FastifyReply).header('etag', etag).header('cache-control', current ? 'public, max-age=31536000, immutable' : 'public, max-age=60');
    if (request.headers['if-none-match'] === etag) return raw.code(304).send();
    return raw.type('application/json; charset=utf-8').send(cards.json);
  });

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
