import { randomBytes } from 'node:crypto';
import fs from 'node:fs/promises';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import Fastify, { type FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { installErrorHandling } from '../../src/api/error-handler.js';
import { buildOriginApp } from '../../src/delivery/origin-app.js';
import { originRoutes } from '../../src/delivery/origin.js';
import { AppError } from '../../src/errors.js';
import { openFsBlobStore, type BlobStore } from '../../src/platform/blobs/index.js';

const SEGMENT = randomBytes(1000);
const SECRET = Buffer.from('TOP-SECRET-CONTENT-KEY');
let dir: string;
let blobs: BlobStore;
let app: FastifyInstance;

beforeAll(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), 'marquee-origin-'));
  blobs = await openFsBlobStore(path.join(dir, 'blobs'));
  await blobs.put('media/t1/v1/video/seg-1.m4s', SEGMENT);
  await blobs.put('media/t1/v1/video/init.mp4', Buffer.from('init-bytes'));
  await blobs.put('media/t1/v1/master.m3u8', Buffer.from('#EXTM3U\n'));
  await blobs.put('media/t1/v1/manifest.mpd', Buffer.from('<MPD/>'));
  await blobs.put('media/t1/v1/subs/en.vtt', Buffer.from('WEBVTT\n'));
  await blobs.put('media/t1/v1/poster.jpg', Buffer.from('jpeg'));
  await blobs.put('media/t1/v1/info.json', Buffer.from('{}'));
  await blobs.put('media/t1/empty.m4s', Buffer.alloc(0));
  // Objects outside media/ that no request may ever reach.
  await blobs.put('secret', SECRET);
  await blobs.put('x', SECRET);
  await blobs.put('keys/t1.json', SECRET);
  await fs.writeFile(path.join(dir, 'outside'), SECRET);
  app = await buildOriginApp({ blobs });
});

afterAll(async () => {
  await app.close();
  await fs.rm(dir, { recursive: true, force: true });
});

const SEG_URL = '/media/t1/v1/video/seg-1.m4s';

describe('origin: whole files', () => {
  it('serves a segment with 200, exact bytes and the delivery headers', async () => {
    const res = await app.inject({ method: 'GET', url: SEG_URL });
    expect(res.statusCode).toBe(200);
    expect(res.rawPayload.equals(SEGMENT)).toBe(true);
    expect(res.headers['content-length']).toBe('1000');
    expect(res.headers['content-type']).toBe('video/iso.segment');
    expect(res.headers['accept-ranges']).toBe('bytes');
    expect(res.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(res.headers.etag).toMatch(/^"[0-9a-f]+-[0-9a-f]+"$/);
    expect(new Date(String(res.headers['last-modified'])).getTime()).not.toBeNaN();
    expect(res.headers['access-control-allow-origin']).toBe('*');
    expect(res.headers['access-control-expose-headers']).toContain('Content-Range');
    expect(res.headers['access-control-expose-headers']).toContain('Content-Length');
  });

  it('answers HEAD with the same headers and no body', async () => {
    const get = await app.inject({ method: 'GET', url: SEG_URL });
    const head = await app.inject({ method: 'HEAD', url: SEG_URL });
    expect(head.statusCode).toBe(200);
    expect(head.rawPayload.length).toBe(0);
    expect(head.headers['content-length']).toBe('1000');
    expect(head.headers['content-type']).toBe('video/iso.segment');
    // The plain-GET path takes validators from get(), HEAD from stat(): they must agree.
    expect(head.headers.etag).toBe(get.headers.etag);
    expect(head.headers['last-modified']).toBe(get.headers['last-modified']);
  });

  it.each([
    ['/media/t1/v1/master.m3u8', 'application/vnd.apple.mpegurl', 'public, max-age=2'],
    ['/media/t1/v1/manifest.mpd', 'application/dash+xml', 'public, max-age=2'],
    ['/media/t1/v1/video/init.mp4', 'video/mp4', 'public, max-age=31536000, immutable'],
    ['/media/t1/v1/poster.jpg', 'image/jpeg', 'public, max-age=31536000, immutable'],
    ['/media/t1/v1/subs/en.vtt', 'text/vtt', 'public, max-age=300'],
    ['/media/t1/v1/info.json', 'application/json', 'public, max-age=300'],
  ])('%s is %s with %s', async (url, type, cache) => {
    const res = await app.inject({ method: 'GET', url });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe(type);
    expect(res.headers['cache-control']).toBe(cache);
  });

  it('answers a CORS preflight', async () => {
    const res = await app.inject({ method: 'OPTIONS', url: SEG_URL, headers: { origin: 'https://app.example', 'access-control-request-headers': 'range' } });
    expect(res.statusCode).toBe(204);
    expect(res.headers['access-control-allow-origin']).toBe('*');
    expect(String(res.headers['access-control-allow-headers'])).toContain('Range');
  });
});

describe('origin: byte ranges', () => {
  it.each([
    ['bytes=0-99', 0, 99],
    ['bytes=100-', 100, 999],
    ['bytes=-50', 950, 999],
    ['bytes=990-5000', 990, 999],
    ['bytes=-5000', 0, 999],
  ])('%s → 206 with bytes %i-%i', async (range, start, end) => {
    const res = await app.inject({ method: 'GET', url: SEG_URL, headers: { range } });
    expect(res.statusCode).toBe(206);
    expect(res.headers['content-range']).toBe(`bytes ${start}-${end}/1000`);
    expect(res.headers['content-length']).toBe(String(end - start + 1));
    expect(res.rawPayload.equals(SEGMENT.subarray(start, end + 1))).toBe(true);
    expect(res.headers['access-control-allow-origin']).toBe('*');
  });

  it('HEAD with a range reports the partial length without a body', async () => {
    const res = await app.inject({ method: 'HEAD', url: SEG_URL, headers: { range: 'bytes=0-99' } });
    expect(res.statusCode).toBe(206);
    expect(res.headers['content-range']).toBe('bytes 0-99/1000');
    expect(res.headers['content-length']).toBe('100');
    expect(res.rawPayload.length).toBe(0);
  });

  it.each(['bytes=1000-', 'bytes=5000-6000', 'bytes=-0'])('%s → 416 with bytes */size', async (range) => {
    const res = await app.inject({ method: 'GET', url: SEG_URL, headers: { range } });
    expect(res.statusCode).toBe(416);
    expect(res.headers['content-range']).toBe('bytes */1000');
    expect(res.json()).toEqual({ error: { code: 'RANGE_NOT_SATISFIABLE', message: expect.any(String), details: { size: 1000 } } });
  });

  it('any range of an empty file is unsatisfiable', async () => {
    const res = await app.inject({ method: 'GET', url: '/media/t1/empty.m4s', headers: { range: 'bytes=0-' } });
    expect(res.statusCode).toBe(416);
    expect(res.headers['content-range']).toBe('bytes */0');
  });

  it.each(['bytes=0-1,5-6', 'items=0-5', 'bytes=9-3', 'bytes=abc'])('ignores %s and sends the whole file', async (range) => {
    const res = await app.inject({ method: 'GET', url: SEG_URL, headers: { range } });
    expect(res.statusCode).toBe(200);
    expect(res.rawPayload.equals(SEGMENT)).toBe(true);
  });

  it('honours If-Range only while the validator still matches', async () => {
    const { headers } = await app.inject({ method: 'HEAD', url: SEG_URL });
    const etag = String(headers.etag);
    const fresh = await app.inject({ method: 'GET', url: SEG_URL, headers: { range: 'bytes=0-9', 'if-range': etag } });
    expect(fresh.statusCode).toBe(206);
    expect(fresh.rawPayload.length).toBe(10);
    const byDate = await app.inject({ method: 'GET', url: SEG_URL, headers: { range: 'bytes=0-9', 'if-range': String(headers['last-modified']) } });
    expect(byDate.statusCode).toBe(206);
    const stale = await app.inject({ method: 'GET', url: SEG_URL, headers: { range: 'bytes=0-9', 'if-range': '"0-0"' } });
    expect(stale.statusCode).toBe(200);
    expect(stale.rawPayload.equals(SEGMENT)).toBe(true);
  });
});

describe('origin: conditional requests', () => {
  it('If-None-Match with the current ETag → 304 without a body', async () => {
    const { headers } = await app.inject({ method: 'GET', url: SEG_URL });
    for (const value of [String(headers.etag), `"nope", W/${String(headers.etag)}`, '*']) {
      const res = await app.inject({ method: 'GET', url: SEG_URL, headers: { 'if-none-match': value } });
      expect(res.statusCode).toBe(304);
      expect(res.rawPayload.length).toBe(0);
      expect(res.headers.etag).toBe(headers.etag);
      expect(res.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    }
    const changed = await app.inject({ method: 'GET', url: SEG_URL, headers: { 'if-none-match': '"other"' } });
    expect(changed.statusCode).toBe(200);
    expect(changed.rawPayload.equals(SEGMENT)).toBe(true);
  });

  it('If-Modified-Since → 304 when unchanged, 200 when older', async () => {
    const { headers } = await app.inject({ method: 'HEAD', url: SEG_URL });
    const lastModified = String(headers['last-modified']);
    const same = await app.inject({ method: 'GET', url: SEG_URL, headers: { 'if-modified-since': lastModified } });
    expect(same.statusCode).toBe(304);
    const older = new Date(Date.parse(lastModified) - 60_000).toUTCString();
    const res = await app.inject({ method: 'GET', url: SEG_URL, headers: { 'if-modified-since': older } });
    expect(res.statusCode).toBe(200);
    // If-None-Match wins over If-Modified-Since.
    const both = await app.inject({ method: 'GET', url: SEG_URL, headers: { 'if-modified-since': lastModified, 'if-none-match': '"other"' } });
    expect(both.statusCode).toBe(200);
  });
});

describe('origin: paths', () => {
  it('a missing file → 404 in the error shape', async () => {
    const res = await app.inject({ method: 'GET', url: '/media/t1/v1/video/seg-999.m4s' });
    expect(res.statusCode).toBe(404);
    expect(res.json()).toEqual({ error: { code: 'MEDIA_NOT_FOUND', message: expect.any(String), details: { key: 'media/t1/v1/video/seg-999.m4s' } } });
    expect(res.headers['access-control-allow-origin']).toBe('*');
    expect(res.headers['cache-control']).toBeUndefined();
  });

  it('a directory is not a file', async () => {
    const res = await app.inject({ method: 'GET', url: '/media/t1/v1' });
    expect(res.statusCode).toBe(404);
  });

  const attempts = [
    '/media/../secret',
    '/media/%2e%2e/x',
    '/media/%2E%2E/secret',
    '/media/a%2f..%2f..%2fx',
    '/media/t1/%2e%2e%2f%2e%2e%2fkeys/t1.json',
    '/media/%252e%252e/x',
    '/media/%252e%252e%252fsecret',
    '/media/..%5c..%5csecret',
    '/media/..\\..\\secret',
    '/media/t1/%00.m4s',
    '/media//secret',
    '/media/.marquee-tmp-0000',
    '/media/%',
    '/media/%c0%ae%c0%ae/secret',
  ];

  it.each(attempts)('%s → 400/404 in the error shape, never a file outside media/', async (url) => {
    const res = await app.inject({ method: 'GET', url });
    expect([400, 404]).toContain(res.statusCode);
    expect(res.rawPayload.includes(SECRET)).toBe(false);
    expect(res.json()).toEqual({ error: expect.objectContaining({ code: expect.stringMatching(/^(MEDIA_PATH_INVALID|MEDIA_NOT_FOUND|ROUTE_NOT_FOUND)$/) }) });
  });

  // inject() normalises `..`, `.` and backslashes like a browser would; a raw client does not.
  it.each([...attempts, '/media/./t1/v1/master.m3u8', '/media/t1/v1/../../secret'])('%s over a raw socket → 400/404, never a file outside media/', async (url) => {
    await app.listen({ port: 0, host: '127.0.0.1' }).catch(() => undefined);
    const { port } = app.server.address() as AddressInfo;
    const { status, body } = await rawGet(port, url);
    expect([400, 404]).toContain(status);
    expect(body.includes(SECRET)).toBe(false);
    expect((JSON.parse(body.toString()) as { error: { code: string } }).error.code).toMatch(/^(MEDIA_PATH_INVALID|MEDIA_NOT_FOUND|ROUTE_NOT_FOUND)$/);
  });
});

describe('origin: authorize hook', () => {
  it('runs before storage with the blob key; a thrown AppError is the answer', async () => {
    const seen: string[] = [];
    const scoped = Fastify();
    installErrorHandling(scoped);
    await originRoutes(scoped, {
      blobs,
      authorize: (request, key) => {
        seen.push(key);
        if (request.headers['x-token'] !== 'ok') throw new AppError('FORBIDDEN', 'bad media token');
      },
    });
    const refused = await scoped.inject({ method: 'GET', url: SEG_URL });
    expect(refused.statusCode).toBe(403);
    expect(refused.json()).toEqual({ error: { code: 'FORBIDDEN', message: 'bad media token' } });
    expect(refused.headers['access-control-allow-origin']).toBe('*');
    const allowed = await scoped.inject({ method: 'GET', url: SEG_URL, headers: { 'x-token': 'ok' } });
    expect(allowed.statusCode).toBe(200);
    // Not even consulted for an invalid path, and a missing file still needs a token.
    await scoped.inject({ method: 'GET', url: '/media/%2e%2e/x' });
    const missing = await scoped.inject({ method: 'GET', url: '/media/nope.m4s' });
    expect(missing.statusCode).toBe(403);
    expect(seen).toEqual(['media/t1/v1/video/seg-1.m4s', 'media/t1/v1/video/seg-1.m4s', 'media/nope.m4s']);
    await scoped.close();
  });
});

function rawGet(port: number, pathname: string): Promise<{ status: number; body: Buffer }> {
  return new Promise((resolve, reject) => {
    // http.request sends `path` verbatim: no `..` resolution, no backslash rewriting.
    const req = http.request({ host: '127.0.0.1', port, path: pathname, method: 'GET' }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks) }));
    });
    req.on('error', reject);
    req.end();
  });
}
