import type { IncomingHttpHeaders } from 'node:http';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { AppError } from '../errors.js';
import { contentTypeFor, type BlobRead, type BlobStore } from '../platform/blobs/index.js';
import { cacheControlFor } from './cache-policy.js';
import { contentRange, parseRange, UNSATISFIABLE, type ResolvedRange } from './http-range.js';
import { mediaKeyOf } from './media-path.js';
import { etagOf, isNotModified, rangeStillValid } from './validators.js';

/**
 * What an authorizer sees of a request: route parameters (`token` when mounted under
 * SIGNED_MEDIA_ROUTE_PREFIX) and headers. A FastifyRequest is one; the standalone origin's fast path
 * (origin-fast-path.ts) builds one from the raw request, so both paths share the same check.
 */
export interface MediaRequest {
  readonly params: unknown;
  readonly headers: IncomingHttpHeaders;
}

/**
 * Checks that a request may read `key` (the signed-URL token arrives with playback); resolves to allow,
 * throws an AppError (its status is the answer) to refuse. Called after the path is validated and
 * before storage is touched, so a refused request costs no I/O. It should be a pure check: the
 * standalone origin may consult it twice for a request it refuses (fast path, then Fastify).
 */
export type MediaAuthorizer = (request: MediaRequest, key: string) => void | Promise<void>;

export interface OriginOptions {
  blobs: BlobStore;
  /** Default: every request may read every media file. */
  authorize?: MediaAuthorizer;
  /**
   * Bytes per storage read. Default 1 MiB: a segment goes out in one or two reads instead of sixteen
   * 64 KiB thread-pool round trips (measured ~1.5× throughput); the stream sizes its last buffer to the
   * bytes left, so small files do not pay for it. Lower it when the origin holds many slow clients.
   */
  readChunkBytes?: number;
}

export const DEFAULT_READ_CHUNK = 1 << 20;

/**
 * Shaka Player fetches segments from edges on another origin: every answer, errors included, must be
 * readable cross-origin, and the player needs Content-Range/Content-Length to track ranges and
 * bandwidth. Timing-Allow-Origin lets it measure download time for ABR and QoE.
 */
export const CORS_HEADERS = {
  'access-control-allow-origin': '*',
  'access-control-expose-headers': 'Content-Range, Content-Length, Accept-Ranges, ETag, Last-Modified',
  'timing-allow-origin': '*',
} as const;

const PREFLIGHT_HEADERS = {
  ...CORS_HEADERS,
  'access-control-allow-methods': 'GET, HEAD, OPTIONS',
  'access-control-allow-headers': 'Range, If-None-Match, If-Modified-Since, If-Range, Authorization',
  'access-control-max-age': '86400',
} as const;

/**
 * The hot path's shape: a plain GET (no Range, no validators) is what edges send on a cache miss; it
 * needs no `stat` before the bytes. Shared with origin-fast-path.ts so both agree on what is plain.
 */
export function isPlainGet(method: string | undefined, headers: IncomingHttpHeaders): boolean {
  return method === 'GET' && headers.range === undefined && headers['if-none-match'] === undefined && headers['if-modified-since'] === undefined;
}

function notFound(key: string): AppError {
  return new AppError('MEDIA_NOT_FOUND', undefined, { key });
}

function unsatisfiable(reply: FastifyReply, size: number): AppError {
  reply.header('content-range', `bytes */${size}`);
  return new AppError('RANGE_NOT_SATISFIABLE', undefined, { size });
}

/** Headers that describe the representation; the same on 200, 206, 304 and HEAD. */
function setValidators(reply: FastifyReply, key: string, etag: string, modifiedAt: Date): void {
  reply.header('etag', etag);
  reply.header('last-modified', modifiedAt.toUTCString());
  reply.header('cache-control', cacheControlFor(key));
}

function setBodyHeaders(reply: FastifyReply, key: string, contentType: string | undefined, length: number): void {
  reply.header('content-type', contentType ?? contentTypeFor(key));
  reply.header('accept-ranges', 'bytes');
  reply.header('content-length', length);
}

/**
 * Serves `GET`/`HEAD /media/*` from blob key `media/*`: single byte ranges, validators and conditional
 * requests, per-type MIME and cache policy, CORS; bodies stream from storage without buffering.
 */
export async function originRoutes(scope: FastifyInstance, options: OriginOptions): Promise<void> {
  const { blobs, authorize } = options;
  const readOptions = { highWaterMark: options.readChunkBytes ?? DEFAULT_READ_CHUNK };

  /**
   * The hot path: a plain GET (no Range, no validators) is what edges send on a cache miss. One
   * `get` opens the file and gives size and mtime from that same open file — no separate `stat`.
   */
  async function sendWhole(reply: FastifyReply, key: string): Promise<FastifyReply> {
    const read = await blobs.get(key, undefined, readOptions);
    if (!read) throw notFound(key);
    let modifiedAt = read.modifiedAt;
    if (!modifiedAt) {
      // An adapter that cannot report mtime with the bytes: fall back to a stat for the validators.
      const info = await blobs.stat(key);
      modifiedAt = info?.modifiedAt ?? new Date(0);
    }
    setValidators(reply, key, etagOf(read.totalSize, modifiedAt), modifiedAt);
    setBodyHeaders(reply, key, read.contentType, read.length);
    return reply.send(read.body);
  }

  /** Conditional, ranged and HEAD requests: decide from metadata first, open the bytes only if needed. */
  async function sendConditional(request: FastifyRequest, reply: FastifyReply, key: string): Promise<FastifyReply> {
    const info = await blobs.stat(key);
    if (!info) throw notFound(key);
    const etag = etagOf(info.size, info.modifiedAt);
    setValidators(reply, key, etag, info.modifiedAt);
    if (isNotModified(request.headers, etag, info.modifiedAt)) return reply.code(304).send();

    const rangeHeader = request.headers.range;
    let range: ResolvedRange | undefined;
    if (rangeHeader !== undefined && rangeStillValid(request.headers['if-range'], etag, info.modifiedAt)) {
      const parsed = parseRange(rangeHeader, info.size);
      if (parsed === UNSATISFIABLE) throw unsatisfiable(reply, info.size);
      range = parsed;
    }

    if (request.method === 'HEAD') {
      setBodyHeaders(reply, key, info.contentType, range ? range.end - range.start + 1 : info.size);
      if (range) reply.code(206).header('content-range', contentRange(range, info.size));
      return reply.send();
    }

    let read: BlobRead | undefined;
    try {
      read = await blobs.get(key, range, readOptions);
    } catch (err) {
      // The object shrank between stat and get (replaced in place): the range no longer fits.
      if (err instanceof RangeError) throw unsatisfiable(reply, info.size);
      throw err;
    }
    if (!read) throw notFound(key);
    setBodyHeaders(reply, key, read.contentType, read.length);
    // Content-Range from what storage actually returned, never from what we asked for.
    if (read.range) reply.code(206).header('content-range', contentRange(read.range, read.totalSize));
    return reply.send(read.body);
  }

  scope.route({
    method: ['GET', 'HEAD'],
    url: '/media/*',
    schema: { hide: true },
    handler: async (request, reply) => {
      reply.headers(CORS_HEADERS);
      const key = mediaKeyOf((request.params as { '*': string })['*']);
      if (authorize) await authorize(request, key);
      return isPlainGet(request.method, request.headers) ? sendWhole(reply, key) : sendConditional(request, reply, key);
    },
  });

  // Preflight for players that send non-safelisted headers (a multi-range or an Authorization header).
  scope.options('/media/*', { schema: { hide: true } }, async (_request, reply) => reply.code(204).headers(PREFLIGHT_HEADERS).send());
}
