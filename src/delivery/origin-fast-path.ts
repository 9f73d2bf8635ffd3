import fs from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { contentTypeFor } from '../platform/blobs/index.js';
import { cacheControlFor } from './cache-policy.js';
import { mediaKeyOf } from './media-path.js';
import { CORS_HEADERS, isPlainGet, type MediaAuthorizer } from './origin.js';
import { etagOf } from './validators.js';

/**
 * The standalone origin's hot path, on the raw `node:http` request: a plain GET of a whole media file
 * (what edges send on a cache miss) is answered here; everything else — HEAD, ranges, conditionals,
 * percent-encoded or query-carrying URLs, invalid paths, refused tokens, missing files, every error —
 * goes to Fastify (`fallback`), which answers it exactly as before. Measured on 1 MB segments, going
 * through Fastify with a file stream cost about half of nginx's throughput: Fastify's reply machinery,
 * a FileHandle per request, and fresh 1 MiB read buffers (page faults on every fill, then GC); this path
 * reads into a few reused buffers with plain fd calls and writes them to the response.
 *
 * What stays shared with the Fastify route, so the two cannot drift: path validation (`mediaKeyOf`),
 * the authorizer, what counts as plain (`isPlainGet`), the blob store's key-to-file mapping and key
 * checks (`localFile`), and the header values (tests compare both paths' headers).
 */

export interface FastPathOptions {
  /** The blob store's key-to-file mapping (BlobStore.localFile); throws for a key it refuses. */
  localFile: (key: string) => string;
  authorize?: MediaAuthorizer;
  /** Serve `/t/<token>/media/...` (the signed mount) rather than `/media/...`. */
  signed: boolean;
  /** Bytes per read and per pooled buffer. */
  chunkBytes: number;
  /** Fastify's router caps a `:token` parameter at this length; longer ones are its to refuse. */
  maxParamLength: number;
}

export type RequestHandler = (req: IncomingMessage, res: ServerResponse) => void;

/**
 * Read buffers reused across responses: a fresh 1 MiB buffer per read costs page faults to fill and a
 * GC to free. A buffer returns to the pool only once neither the file read nor the socket write can
 * still be using it. At most `max` are kept; extra concurrent responses allocate and let GC have them.
 */
class BufferPool {
  private readonly free: Buffer[] = [];
  constructor(
    private readonly size: number,
    private readonly max: number,
  ) {}
  take(): Buffer {
    return this.free.pop() ?? Buffer.allocUnsafeSlow(this.size);
  }
  give(buffer: Buffer): void {
    if (this.free.length < this.max) this.free.push(buffer);
  }
}

const MEDIA = '/media/';

/**
 * The `/media/` remainder and the token of a URL the fast path may take, or undefined to leave it to
 * Fastify. Only URLs the router would hand over verbatim qualify: no `%` (the router decodes once, and
 * decoding has its own error answer), no query string.
 */
function splitUrl(url: string, signed: boolean, maxParamLength: number): { rest: string; token?: string } | undefined {
  if (url.includes('%') || url.includes('?')) return undefined;
  if (!signed) return url.startsWith(MEDIA) ? { rest: url.slice(MEDIA.length) } : undefined;
  if (!url.startsWith('/t/')) return undefined;
  const slash = url.indexOf('/', 3);
  if (slash <= 3 || slash - 3 > maxParamLength || !url.startsWith(MEDIA, slash)) return undefined;
  return { rest: url.slice(slash + MEDIA.length), token: url.slice(3, slash) };
}

/**
 * Wraps Fastify's request handler: plain whole-file GETs are served here, the rest by `fallback`. The
 * file's metadata (size, mtime) comes from the descriptor that is then read, as in the blob store, so
 * a concurrent replace cannot mix two versions in one answer.
 */
export function originFastPath(options: FastPathOptions, fallback: RequestHandler): RequestHandler {
  const { localFile, authorize, signed, chunkBytes, maxParamLength } = options;
  // Enough for one response in flight per connection an edge typically keeps to its origin.
  const pool = new BufferPool(chunkBytes, 16);

  function serve(req: IncomingMessage, res: ServerResponse, file: string, key: string): void {
    fs.open(file, 'r', (openError, fd) => {
      // Missing file, a directory, a permission problem: Fastify answers it in the error shape.
      if (openError) return fallback(req, res);
      fs.fstat(fd, (statError, stat) => {
        if (statError || !stat.isFile()) {
          fs.close(fd, noop);
          return fallback(req, res);
        }
        res.writeHead(200, {
          ...CORS_HEADERS,
          etag: etagOf(stat.size, stat.mtime),
          'last-modified': stat.mtime.toUTCString(),
          'cache-control': cacheControlFor(key),
          'content-type': contentTypeFor(key),
          'accept-ranges': 'bytes',
          'content-length': stat.size,
        });
        send(res, fd, stat.size);
      });
    });
  }

  /**
   * Read a chunk, write it, wait for the socket to take it, repeat: one buffer per response and
   * backpressure for free. The buffer and descriptor are released once, when the body is done or the
   * response closes (client gone) with no read in flight — a pending socket write is over by then.
   */
  function send(res: ServerResponse, fd: number, size: number): void {
    if (size === 0) {
      fs.close(fd, noop);
      res.end();
      return;
    }
    const buffer = pool.take();
    let position = 0;
    let reading = false;
    let released = false;
    const release = () => {
      if (released) return;
      released = true;
      fs.close(fd, noop);
      pool.give(buffer);
    };
    const onWritten = (error?: Error | null) => {
      if (released) return;
      if (error || res.destroyed) return release();
      if (position >= size) {
        release();
        res.end();
        return;
      }
      readNext();
    };
    const readNext = () => {
      reading = true;
      fs.read(fd, buffer, 0, Math.min(buffer.length, size - position), position, (error, bytesRead) => {
        reading = false;
        if (released) return;
        if (res.destroyed) return release();
        if (error || bytesRead === 0) {
          // The file shrank or failed under us after the headers went out: the promised length can no
          // longer be met, so cut the connection rather than send a short body that looks complete.
          release();
          res.destroy(error ?? undefined);
          return;
        }
        position += bytesRead;
        res.write(bytesRead === buffer.length ? buffer : buffer.subarray(0, bytesRead), onWritten);
      });
    };
    res.once('close', () => {
      if (!reading) release();
    });
    readNext();
  }

  return (req, res) => {
    if (!isPlainGet(req.method, req.headers)) return fallback(req, res);
    const parts = splitUrl(req.url ?? '', signed, maxParamLength);
    if (!parts) return fallback(req, res);
    let key: string;
    let file: string;
    try {
      key = mediaKeyOf(parts.rest);
      file = localFile(key);
    } catch {
      return fallback(req, res); // Fastify gives the MEDIA_PATH_INVALID answer
    }
    if (!authorize) return serve(req, res, file, key);
    let verdict: void | Promise<void>;
    try {
      verdict = authorize({ params: { token: parts.token, '*': parts.rest }, headers: req.headers }, key);
    } catch {
      return fallback(req, res); // refused: Fastify asks again and answers with the error
    }
    if (verdict instanceof Promise) verdict.then(() => serve(req, res, file, key), () => fallback(req, res));
    else serve(req, res, file, key);
  };
}

function noop(): void {}
