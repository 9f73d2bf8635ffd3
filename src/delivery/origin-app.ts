import Fastify, { LogController, type FastifyInstance, type FastifyReply } from 'fastify';
import type { Logger } from 'pino';
import { installErrorHandling } from '../api/error-handler.js';
import { errorBody } from '../errors.js';
import type { BlobStore } from '../platform/blobs/index.js';
import { mediaAuthorizer, SIGNED_MEDIA_ROUTE_PREFIX, type MediaTokenKeyRing } from './media-token.js';
import { originRoutes, type MediaAuthorizer } from './origin.js';

export interface OriginAppDeps {
  blobs: BlobStore;
  authorize?: MediaAuthorizer;
  /** Serve signed paths (`/t/<token>/media/...`) checked against these keys, as the api does. */
  ring?: MediaTokenKeyRing;
  logger?: Logger | false;
}

/**
 * The `origin` role on its own: media routes, /healthz for edges' active checks, the catalogue's error
 * shape — and nothing else on the hot path (no metrics histogram, no access log per request; edges
 * keep the access logs). Built without listening so tests can `inject()`.
 */
export async function buildOriginApp(deps: OriginAppDeps): Promise<FastifyInstance> {
  const app = Fastify({
    ...(deps.logger ? { loggerInstance: deps.logger } : { logger: false }),
    logController: new LogController({ disableRequestLogging: true }),
    maxParamLength: 512,
    // A malformed percent-encoding (`/media/%`) fails in the router, before any handler: same error shape.
    frameworkErrors: (error, _request, reply) => {
      // Fastify types this reply with an unresolved route generic; it is a plain reply here.
      void (reply as unknown as FastifyReply).status(400).send(errorBody('MEDIA_PATH_INVALID', error.message));
    },
  }) as unknown as FastifyInstance;
  installErrorHandling(app);
  app.get('/healthz', async () => ({ status: 'ok' }));
  const { ring } = deps;
  if (ring) {
    await app.register(async (scope) => originRoutes(scope, { blobs: deps.blobs, authorize: mediaAuthorizer(ring) }), { prefix: SIGNED_MEDIA_ROUTE_PREFIX });
  } else {
    await originRoutes(app, { blobs: deps.blobs, ...(deps.authorize ? { authorize: deps.authorize } : {}) });
  }
  await app.ready();
  return app;
}
