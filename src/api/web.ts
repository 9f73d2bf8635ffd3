import { existsSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { errorBody } from '../errors.js';

/** Where `vite build` writes the web app (src/web/dist), next to its sources. */
export const DEFAULT_WEB_ROOT = fileURLToPath(new URL('../web/dist', import.meta.url));

/** Paths that belong to the API or to media delivery: never answered with the SPA's index.html. */
const NOT_SPA = /^\/(v1|t|media|metrics|health|ready|openapi\.json)(\/|$|\?)/;

/** Hashed bundle files never change under their name; index.html must be revalidated on every load. */
function cacheHeaders(res: { setHeader(name: string, value: string): unknown }, filePath: string): void {
  const immutable = filePath.includes(`${path.sep}assets${path.sep}`);
  res.setHeader('cache-control', immutable ? 'public, max-age=31536000, immutable' : 'no-cache');
}

/**
 * Serves the built web app at `/`: static files, and index.html for any other GET that is not an API
 * path, so deep links (/title/x) load the single-page app. API and media paths, and missing files with
 * an extension, fall through to the app's JSON 404 (`callNotFound`): one not-found handler for the app.
 */
export async function webRoutes(app: FastifyInstance, options: { root: string }): Promise<void> {
  const root = path.resolve(options.root);
  // `serve: false`: only `reply.sendFile`; the one wildcard route below decides what a path means.
  await app.register(fastifyStatic, { root, serve: false, setHeaders: cacheHeaders, cacheControl: false });

  app.get('/*', { schema: { hide: true } }, async (request: FastifyRequest, reply: FastifyReply) => {
    let pathname: string;
    try {
      pathname = decodeURIComponent(request.url.split('?')[0] ?? '/');
    } catch {
      return reply.callNotFound(); // a malformed percent-encoding names no file and no page
    }
    if (NOT_SPA.test(pathname)) return reply.callNotFound();
    const file = path.resolve(root, `.${pathname}`);
    const inside = file.startsWith(root + path.sep);
    if (inside && existsSync(file) && statSync(file).isFile()) return reply.sendFile(path.relative(root, file), root);
    if (path.extname(pathname)) return reply.callNotFound();
    if (!existsSync(path.join(root, 'index.html'))) {
      return reply.status(503).send(errorBody('SERVICE_UNAVAILABLE', 'The Marquee web app is not built yet: run `npm run build:web`'));
    }
    return reply.sendFile('index.html', root);
  });
}
