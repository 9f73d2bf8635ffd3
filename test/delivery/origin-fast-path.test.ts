import { randomBytes } from 'node:crypto';
import fs from 'node:fs/promises';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { keyRing, signedMediaPath, signMediaToken } from '../../src/delivery/media-token.js';
import { buildOriginApp } from '../../src/delivery/origin-app.js';
import { openFsBlobStore, type BlobStore } from '../../src/platform/blobs/index.js';

/**
 * The standalone origin's raw-http fast path (origin-fast-path.ts) answers plain GETs over a socket;
 * `inject()` only ever reaches Fastify. These tests hold the fast path to the Fastify route's answers.
 */

const SEGMENT = randomBytes(3 * 1024 * 1024 + 17); // several pooled-buffer reads, a short last one
const SMALL = Buffer.from('#EXTM3U\n');
const RING = keyRing([{ id: 'k1', secret: 's'.repeat(40) }]);
const PREFIX = 'media/t1/j1/1';

let dir: string;
let blobs: BlobStore;
/** How many times storage was asked for a stream: the fast path never asks. */
let gets = 0;

beforeAll(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), 'marquee-fast-path-'));
  const store = await openFsBlobStore(path.join(dir, 'blobs'));
  await store.put(`${PREFIX}/video/seg-1.m4s`, SEGMENT);
  await store.put(`${PREFIX}/master.m3u8`, SMALL);
  await store.put(`${PREFIX}/empty.m4s`, Buffer.alloc(0));
  blobs = { ...store, get: (...args) => (gets++, store.get(...args)) };
});

afterAll(async () => {
  await fs.rm(dir, { recursive: true, force: true });
});

interface Answer {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: Buffer;
}

function request(port: number, url: string, headers: Record<string, string> = {}): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port, path: url, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
    });
    req.on('error', reject);
    req.end();
  });
}

/** Headers the server adds to every answer whatever answered it. */
function representation(headers: http.IncomingHttpHeaders | http.OutgoingHttpHeaders): Record<string, unknown> {
  const { date: _date, connection: _connection, 'keep-alive': _keepAlive, ...rest } = headers;
  return rest;
}

async function listening(app: FastifyInstance): Promise<number> {
  await app.listen({ port: 0, host: '127.0.0.1' });
  return (app.server.address() as AddressInfo).port;
}

describe('origin fast path (unsigned mount)', () => {
  let app: FastifyInstance;
  let port: number;
  beforeAll(async () => {
    app = await buildOriginApp({ blobs });
    port = await listening(app);
  });
  afterAll(async () => app.close());

  it.each([`/${PREFIX}/video/seg-1.m4s`, `/${PREFIX}/master.m3u8`, `/${PREFIX}/empty.m4s`])('%s: same bytes and headers as the Fastify route, without a blob stream', async (url) => {
    const viaFastify = await app.inject({ method: 'GET', url });
    const before = gets;
    const fast = await request(port, url);
    expect(gets).toBe(before);
    expect(fast.status).toBe(200);
    expect(fast.body.equals(viaFastify.rawPayload)).toBe(true);
    expect(representation(fast.headers)).toEqual(representation(viaFastify.headers));
  });

  it('leaves ranges, conditionals, HEAD, encoded URLs and missing files to Fastify', async () => {
    const url = `/${PREFIX}/video/seg-1.m4s`;
    const ranged = await request(port, url, { range: 'bytes=0-9' });
    expect(ranged.status).toBe(206);
    expect(ranged.body.equals(SEGMENT.subarray(0, 10))).toBe(true);
    const notModified = await request(port, url, { 'if-none-match': String(ranged.headers.etag) });
    expect(notModified.status).toBe(304);
    const encoded = await request(port, url.replace('seg-1', 'seg%2D1'));
    expect(encoded.status).toBe(200);
    expect(encoded.body.equals(SEGMENT)).toBe(true);
    const missing = await request(port, `/${PREFIX}/video/seg-9.m4s`);
    expect(missing.status).toBe(404);
    expect(JSON.parse(missing.body.toString())).toEqual({ error: expect.objectContaining({ code: 'MEDIA_NOT_FOUND' }) });
    expect(missing.headers['access-control-allow-origin']).toBe('*');
    const directory = await request(port, `/${PREFIX}/video`);
    expect(directory.status).toBe(404);
  });

  it('survives clients that hang up mid-body, and keeps serving whole files', async () => {
    const url = `/${PREFIX}/video/seg-1.m4s`;
    await Promise.all(
      Array.from(
        { length: 12 },
        () =>
          new Promise<void>((resolve) => {
            const req = http.get({ host: '127.0.0.1', port, path: url }, (res) => {
              res.once('data', () => {
                req.destroy();
                resolve();
              });
            });
            req.on('error', () => resolve());
          }),
      ),
    );
    const answers = await Promise.all(Array.from({ length: 4 }, () => request(port, url)));
    for (const answer of answers) expect(answer.body.equals(SEGMENT)).toBe(true);
  });
});

describe('origin fast path (signed mount, as `marquee origin` runs)', () => {
  let app: FastifyInstance;
  let port: number;
  const token = () => signMediaToken(RING, { sessionId: 'sess-1', prefix: PREFIX, expiresAt: Date.now() / 1000 + 60 });
  beforeAll(async () => {
    app = await buildOriginApp({ blobs, ring: RING });
    port = await listening(app);
  });
  afterAll(async () => app.close());

  it('serves a valid token from the fast path', async () => {
    const url = signedMediaPath(token(), `${PREFIX}/video/seg-1.m4s`);
    const before = gets;
    const res = await request(port, url);
    expect(gets).toBe(before);
    expect(res.status).toBe(200);
    expect(res.body.equals(SEGMENT)).toBe(true);
    expect(res.headers['cache-control']).toBe('public, max-age=31536000, immutable');
  });

  it('refuses bad tokens, other prefixes and unsigned paths in the error shape', async () => {
    const expired = signMediaToken(RING, { sessionId: 'sess-1', prefix: PREFIX, expiresAt: Date.now() / 1000 - 1 });
    const cases: [string, number, string][] = [
      [signedMediaPath(expired, `${PREFIX}/master.m3u8`), 403, 'MEDIA_TOKEN_INVALID'],
      [signedMediaPath(token(), 'media/t2/j9/1/master.m3u8'), 403, 'MEDIA_TOKEN_INVALID'],
      [signedMediaPath('garbage', `${PREFIX}/master.m3u8`), 403, 'MEDIA_TOKEN_INVALID'],
      [`/${PREFIX}/master.m3u8`, 404, 'ROUTE_NOT_FOUND'],
      [`/t/${token()}/${PREFIX}/../../../secret`, 400, 'MEDIA_PATH_INVALID'],
    ];
    for (const [url, status, code] of cases) {
      const res = await request(port, url);
      expect(res.status, url).toBe(status);
      expect((JSON.parse(res.body.toString()) as { error: { code: string } }).error.code, url).toBe(code);
    }
  });
});
