import http from 'node:http';
import Fastify, { LogController, type FastifyInstance, type FastifyReply, type FastifyServerFactory } from 'fastify';
import type { Logger } from 'pino';
import { installErrorHandling } from '../api/error-handler.js';
import { errorBody } from '../errors.js';
import type { BlobStore } from '../platform/blobs/index.js';
import { mediaAuthorizer, SIGNED_MEDIA_ROUTE_PREFIX, type MediaTokenKeyRing } from './media-token.js';
import { originFastPath, type RequestHandler } from './origin-fast-path.js';
import { DEFAULT_READ_CHUNK, originRoutes, type MediaAuthorizer } from './origin.js';

export interface OriginAppDeps {
  blobs: BlobStore;
  authorize?: MediaAuthorizer;
  /** Serve signed paths (`/t/<token>/media/...`) checked against these keys, as the api does. */
  ring?: MediaTokenKeyRing;
  logger?: Logger | false;
}

/** Long enough for a token (`/t/<token>/...`); the router refuses longer parameters. */
const MAX_PARAM_LENGTH = 512;

/**
 * The http.Server Fastify would build, with the plain-GET fast path in front of Fastify's handler.
 * A server factory must apply Fastify's server settings itself; these are the ones it sets for HTTP/1.
 */
function fastPathServer(wrap: (fastify: RequestHandler) => RequestHandler): FastifyServerFactory {
  return (handler, opts) => {
    const server = http.createServer(wrap(handler));
    server.keepAliveTimeout = Number(opts.keepAliveTimeout);
    server.requestTimeout = Number(opts.requestTimeout);
    server.setTimeout(Number(opts.connectionTimeout));
    const perSocket = Number(opts.maxRequestsPerSocket);
    if (perSocket > 0) server.maxRequestsPerSocket = perSocket;
    return server;
  };
}

/**
 * The `origin` role on its own: media routes, /healthz for edges' active checks, the catalogue's error
 * shape — and nothing else on the hot path (no metrics histogram, no access log per request; edges
 * keep the access logs). Built without listening so tests can `inject()`; `inject()` goes straight to
 * Fastify, so the fast path (origin-fast-path.ts, for a filesystem store) is only seen over a socket.
 */
export async function buildOriginApp(deps: OriginAppDeps): Promise<FastifyInstance> {
  const { ring, blobs } = deps;
  const authorize = ring ? mediaAuthorizer(ring) : deps.authorize;
  const localFile = blobs.localFile?.bind(blobs);
  const app = Fastify({
    ...(deps.logger ? { loggerInstance: deps.logger } : { logger: false }),
    logController: new LogController({ disableRequestLogging: true }),
    routerOptions: { maxParamLength: MAX_PARAM_LENGTH },
    ...(localFile && {
      serverFactory: fastPathServer((fastify) =>
        originFastPath({ localFile, authorize, signed: ring !== undefined, chunkBytes: DEFAULT_READ_CHUNK, maxParamLength: MAX_PARAM_LENGTH }, fastify),
      ),
    }),
    // A malformed percent-encoding (`/media/%`) fails in the router, before any handler: same error shape.
    frameworkErrors: (error, _request, reply) => {
      // Fastify types this reply with an unresolved route generic; it is a plain reply here.
      void (reply as unknown as FastifyReply).status(400).send(errorBody('MEDIA_PATH_INVALID', error.message));
    },
  }) as unknown as FastifyInstance;
  installErrorHandling(app);
  app.get('/healthz', async () => ({ status: 'ok' }));
  if (ring) {
    await app.register(async (scope) => originRoutes(scope, { blobs, authorize }), { prefix: SIGNED_MEDIA_ROUTE_PREFIX });
  } else {
    await originRoutes(app, { blobs, ...(authorize ? { authorize } : {}) });
  }
  await app.ready();
  return app;
}
