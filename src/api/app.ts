import Fastify, { LogController, type FastifyInstance, type FastifyReply } from 'fastify';
import swagger from '@fastify/swagger';
import type { Logger } from 'pino';
import type { Registry } from 'prom-client';
import type { Accounts } from '../accounts/index.js';
import type { EventIngest } from '../activity/index.js';
import type { CatalogService } from '../catalog/service.js';
import type { EdgeFleet } from '../delivery/edges/index.js';
import { mediaAuthorizer, SIGNED_MEDIA_ROUTE_PREFIX, type MediaTokenKeyRing } from '../delivery/media-token.js';
import { originRoutes } from '../delivery/origin.js';
import type { IngestService } from '../media/jobs/ingest.js';
import type { BlobStore } from '../platform/blobs/index.js';
import type { Playback } from '../playback/index.js';
import { accountsHttp } from './accounts-http.js';
import { installAuth } from './auth.js';
import { requireAdmin } from './admin-auth.js';
import { installErrorHandling } from './error-handler.js';
import { errorBody } from '../errors.js';
import { installHealth, type ReadinessCheck } from './health.js';
import { installMetrics } from './metrics.js';
import { catalogRoutes } from './routes/catalog.js';
import { edgeRoutes } from './routes/edges.js';
import { eventRoutes } from './routes/events.js';
import { homeRoutes } from './routes/home.js';
import type { DatasetStore } from '../recs/store/dataset-store.js';
import { mediaRoutes } from './routes/media.js';
import { playbackRoutes } from './routes/playback.js';
import { searchRoutes } from './routes/search.js';
import { ErrorResponse } from './schemas/common.js';
import { anonymousViewer, type ViewerResolver } from './viewer.js';
import { webRoutes } from './web.js';

/** Everything the HTTP layer needs, handed in so tests can build an app around any adapters. */
export interface AppDeps {
  catalog: CatalogService;
  adminToken: string;
  bodyLimitBytes: number;
  registry: Registry;
  readiness: readonly ReadinessCheck[];
  logger?: Logger | false;
  resolveViewer?: ViewerResolver;
  /** Accounts, sessions, profiles and personal state; without it the API is anonymous-only. */
  accounts?: Accounts;
  /** Source upload and ingest job routes; without it they are absent. */
  media?: IngestService;
  /** Play requests, stream leases and licenses; needs `accounts`. */
  playback?: Playback;
  /** Base URL play responses hand out until edges are registered (MARQUEE_PUBLIC_URL). */
  publicUrl?: string;
  /** Serves signed media URLs (`/t/<token>/media/...`) from blob storage: the origin role in-process. */
  mediaOrigin?: { blobs: BlobStore; ring: MediaTokenKeyRing };
  /** Activity event ingest (`POST /v1/events`); needs `accounts`. */
  activity?: EventIngest;
  /** Edge registry admin routes and load reports; without it they are absent. */
  edges?: EdgeFleet;
  /** Published recommendation datasets for home rows and More Like This; without it pages come from popularity. */
  recs?: DatasetStore;
  /** Profiles whose last home page this node keeps for reuse (MARQUEE_HOME_PAGE_PLANS); the service default when unset. */
  homePagePlans?: number;
  /** The built web app (src/web/dist) served at `/` with an SPA fallback; without it, API only. */
  webRoot?: string;
  now?: () => Date;
}

/** Builds the Fastify app without listening (tests use `inject()`; the server calls `listen()`). */
export async function buildApp(deps: AppDeps): Promise<FastifyInstance> {
  const app = Fastify({
    ...(deps.logger ? { loggerInstance: deps.logger } : { logger: false }),
    bodyLimit: deps.bodyLimitBytes,
    // Access logs come from our onResponse hook at a level chosen by status (see below).
    logController: new LogController({ disableRequestLogging: true }),
    ajv: { customOptions: { coerceTypes: 'array', removeAdditional: false, useDefaults: true } },
    // Signed media paths carry a ~110-character token as one path parameter.
    routerOptions: { maxParamLength: 512 },
    // Errors the router raises before any handler (a malformed percent-encoding): same error shape.
    frameworkErrors: (error, _request, reply) => {
      // Fastify types this reply with an unresolved route generic; it is a plain reply here.
      void (reply as unknown as FastifyReply).status(400).send(errorBody('BAD_REQUEST', error.message));
    },
  }) as unknown as FastifyInstance;

  installErrorHandling(app);
  await app.register(swagger, {
    openapi: {
      info: { title: 'Marquee API', version: '0.1.0', description: 'Streaming platform API' },
      components: {
        securitySchemes: {
          adminToken: { type: 'http', scheme: 'bearer', description: 'MARQUEE_ADMIN_TOKEN' },
          session: { type: 'http', scheme: 'bearer', description: 'Session token from POST /v1/sessions' },
        },
      },
    },
  });
  app.addSchema(ErrorResponse);

  app.addHook('onResponse', (request, reply, done) => {
    const status = reply.statusCode;
    const line = { method: request.method, url: request.url, status, ms: Math.round(reply.elapsedTime * 10) / 10 };
    if (status >= 500) request.log.error(line, 'request failed');
    else if (status >= 400) request.log.info(line, 'request rejected');
    else request.log.debug(line, 'request');
    done();
  });

  installMetrics(app, deps.registry);
  installHealth(app, deps.readiness);

  const now = deps.now ?? (() => new Date());
  installAuth(app);
  const accounts = deps.accounts && accountsHttp(deps.accounts);
  const resolveViewer = deps.resolveViewer ?? accounts?.resolveViewer ?? anonymousViewer;
  await app.register(async (scope) => {
    await accounts?.register(scope, now);
    await catalogRoutes(scope, { catalog: deps.catalog, resolveViewer, requireAdmin: requireAdmin(deps.adminToken), now });
    await searchRoutes(scope, { catalog: deps.catalog, resolveViewer, now });
    await homeRoutes(scope, { catalog: deps.catalog, store: deps.recs, resolveViewer, accounts: deps.accounts, auth: accounts?.auth, now, registry: deps.registry, ...(deps.homePagePlans !== undefined ? { pagePlans: deps.homePagePlans } : {}) });
    if (deps.media) await mediaRoutes(scope, { ingest: deps.media, requireAdmin: requireAdmin(deps.adminToken) });
    if (deps.edges) await edgeRoutes(scope, { edges: deps.edges, requireAdmin: requireAdmin(deps.adminToken) });
    if (deps.playback && accounts) {
      await playbackRoutes(scope, { playback: deps.playback, auth: accounts.auth, ...(deps.publicUrl ? { publicUrl: deps.publicUrl } : {}) });
    }
    if (deps.activity && accounts && deps.accounts) {
      await eventRoutes(scope, { ingest: deps.activity, auth: accounts.auth, sessions: deps.accounts.sessions });
    }
  });
  const origin = deps.mediaOrigin;
  if (origin) {
    await app.register(async (scope) => originRoutes(scope, { blobs: origin.blobs, authorize: mediaAuthorizer(origin.ring) }), {
      prefix: SIGNED_MEDIA_ROUTE_PREFIX,
    });
  }

  app.get('/openapi.json', { schema: { hide: true } }, async () => app.swagger());
  const webRoot = deps.webRoot;
  if (webRoot) await app.register(async (scope) => webRoutes(scope, { root: webRoot }));
  await app.ready();
  return app;
}
