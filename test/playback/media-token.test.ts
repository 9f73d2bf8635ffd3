import Fastify, { type FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { installErrorHandling } from '../../src/api/error-handler.js';
import {
  keyRing,
  mediaAuthorizer,
  parseMediaTokenKeys,
  signedMediaPath,
  signMediaToken,
  SIGNED_MEDIA_ROUTE_PREFIX,
  verifyMediaToken,
} from '../../src/delivery/media-token.js';
import { originRoutes } from '../../src/delivery/origin.js';
import { openFsBlobStore, type BlobStore } from '../../src/platform/blobs/index.js';
import { tempDir } from '../media/helpers.js';
import { TEST_KEYS } from './harness.js';

const NOW = 1_800_000_000;
const PREFIX = 'media/t1/j1/1';
const SESSION = '7d3c1a52-5f0e-4c36-9a55-2f7a0d8e1b11';
const claims = { sessionId: SESSION, prefix: PREFIX, expiresAt: NOW + 60 };

describe('media tokens (pure)', () => {
  const token = signMediaToken(TEST_KEYS, claims);

  it('has the documented shape and verifies for every file below its prefix', () => {
    expect(token).toMatch(new RegExp(`^new\\.${NOW + 60}\\.${SESSION}\\.4\\.0\\.[A-Za-z0-9_-]{43}$`));
    expect(verifyMediaToken(TEST_KEYS, token, `${PREFIX}/master.m3u8`, NOW)).toEqual({ ok: true, claims });
    expect(verifyMediaToken(TEST_KEYS, token, `${PREFIX}/video/720p/seg_1.m4s`, NOW).ok).toBe(true);
  });

  it('refuses expiry, tampering, other prefixes, the prefix itself and unknown keys', () => {
    const check = (t: string, key: string, now = NOW) => verifyMediaToken(TEST_KEYS, t, key, now);
    expect(check(token, `${PREFIX}/master.m3u8`, NOW + 60)).toEqual({ ok: false, reason: 'expired' });
    expect(check(token.replace(`.${NOW + 60}.`, `.${NOW + 9999}.`), `${PREFIX}/master.m3u8`)).toEqual({ ok: false, reason: 'signature' });
    expect(check(token.replace(SESSION, SESSION.replace('7d3c', '7d3d')), `${PREFIX}/master.m3u8`)).toEqual({ ok: false, reason: 'signature' });
    const sig = token.slice(-43);
    const flipped = token.slice(0, -43) + (sig[0] === 'A' ? 'B' : 'A') + sig.slice(1);
    expect(check(flipped, `${PREFIX}/master.m3u8`)).toEqual({ ok: false, reason: 'signature' });
    expect(check(token, 'media/t2/j9/1/master.m3u8')).toEqual({ ok: false, reason: 'signature' });
    expect(check(token, 'media/t1/j1/2/master.m3u8')).toEqual({ ok: false, reason: 'signature' });
    expect(check(token, PREFIX)).toEqual({ ok: false, reason: 'outside_prefix' });
    expect(check(token.replace(/^new\./, 'gone.'), `${PREFIX}/a`)).toEqual({ ok: false, reason: 'unknown_key' });
    expect(check('not-a-token', `${PREFIX}/a`)).toEqual({ ok: false, reason: 'malformed' });
  });

  it("refuses renditions taller than the plan's height, and a forged height", () => {
    const basic = signMediaToken(TEST_KEYS, { ...claims, maxHeight: 720 });
    expect(verifyMediaToken(TEST_KEYS, basic, `${PREFIX}/video/720p/seg_1.m4s`, NOW)).toEqual({ ok: true, claims: { ...claims, maxHeight: 720 } });
    expect(verifyMediaToken(TEST_KEYS, basic, `${PREFIX}/video/1080p/seg_1.m4s`, NOW)).toEqual({ ok: false, reason: 'above_plan' });
    expect(verifyMediaToken(TEST_KEYS, basic, `${PREFIX}/audio/en/seg_1.m4s`, NOW).ok).toBe(true);
    const raised = basic.replace('.4.720.', '.4.2160.');
    expect(verifyMediaToken(TEST_KEYS, raised, `${PREFIX}/video/1080p/seg_1.m4s`, NOW)).toEqual({ ok: false, reason: 'signature' });
  });

  it('rotates: tokens of an older key still verify, new tokens are signed by the newest', () => {
    const old = keyRing([{ id: 'old', secret: 'o'.repeat(40) }]);
    const oldToken = signMediaToken(old, claims);
    expect(verifyMediaToken(TEST_KEYS, oldToken, `${PREFIX}/x`, NOW).ok).toBe(true);
    const retired = keyRing([{ id: 'new', secret: 'n'.repeat(40) }]);
    expect(verifyMediaToken(retired, oldToken, `${PREFIX}/x`, NOW)).toEqual({ ok: false, reason: 'unknown_key' });
  });

  it('parses MARQUEE_MEDIA_TOKEN_KEYS and refuses weak or duplicate keys', () => {
    expect(parseMediaTokenKeys(` a:${'x'.repeat(32)} , b:${'y'.repeat(32)}`)).toEqual([
      { id: 'a', secret: 'x'.repeat(32) },
      { id: 'b', secret: 'y'.repeat(32) },
    ]);
    expect(() => keyRing(parseMediaTokenKeys('a:short'))).toThrow(/at least 32/);
    expect(() => keyRing(parseMediaTokenKeys(`a:${'x'.repeat(32)},a:${'y'.repeat(32)}`))).toThrow(/twice/);
    expect(() => parseMediaTokenKeys('nocolon')).toThrow(/kid:secret/);
  });
});

describe('media tokens at the origin (authorize hook)', () => {
  let remove: () => Promise<void>;
  let blobs: BlobStore;
  let app: FastifyInstance;
  const now = () => NOW * 1000;

  beforeAll(async () => {
    let dir: string;
    ({ dir, remove } = await tempDir('media-token'));
    blobs = await openFsBlobStore(`${dir}/blobs`);
    await blobs.put(`${PREFIX}/master.m3u8`, Buffer.from('#EXTM3U\n'));
    await blobs.put(`${PREFIX}/video/720p/seg_1.m4s`, Buffer.from('segment'));
    await blobs.put('media/t2/j9/1/master.m3u8', Buffer.from('#EXTM3U\nother title\n'));
    app = Fastify();
    installErrorHandling(app);
    await app.register(async (scope) => originRoutes(scope, { blobs, authorize: mediaAuthorizer(TEST_KEYS, now) }), { prefix: SIGNED_MEDIA_ROUTE_PREFIX });
    // An unsigned mount with the same hook must refuse everything.
    await app.register(async (scope) => originRoutes(scope, { blobs, authorize: mediaAuthorizer(TEST_KEYS, now) }));
    await app.ready();
  });

  afterAll(async () => {
    await app?.close();
    await blobs?.close();
    await remove?.();
  });

  const get = (url: string, headers: Record<string, string> = {}) => app.inject({ method: 'GET', url, headers });
  const refusal = async (url: string, reason: string) => {
    const res = await get(url);
    expect(res.statusCode, url).toBe(403);
    expect(res.json()).toEqual({ error: { code: 'MEDIA_TOKEN_INVALID', message: expect.any(String), details: { reason } } });
  };

  it('serves manifests and segments (also ranged) to a valid token', async () => {
    const token = signMediaToken(TEST_KEYS, claims);
    const manifest = await get(signedMediaPath(token, `${PREFIX}/master.m3u8`));
    expect(manifest.statusCode).toBe(200);
    expect(manifest.body).toBe('#EXTM3U\n');
    const ranged = await get(signedMediaPath(token, `${PREFIX}/video/720p/seg_1.m4s`), { range: 'bytes=0-2' });
    expect(ranged.statusCode).toBe(206);
    expect(ranged.body).toBe('seg');
  });

  it('refuses an expired token with 403', async () => {
    await refusal(signedMediaPath(signMediaToken(TEST_KEYS, { ...claims, expiresAt: NOW - 1 }), `${PREFIX}/master.m3u8`), 'expired');
  });

  it('refuses a tampered token with 403', async () => {
    const token = signMediaToken(TEST_KEYS, claims).replace(`.${NOW + 60}.`, `.${NOW + 86_400}.`);
    await refusal(signedMediaPath(token, `${PREFIX}/master.m3u8`), 'signature');
  });

  it("refuses a token valid for another title's prefix with 403", async () => {
    await refusal(signedMediaPath(signMediaToken(TEST_KEYS, claims), 'media/t2/j9/1/master.m3u8'), 'signature');
  });

  it('refuses requests without a token', async () => {
    await refusal(`/media/${PREFIX.slice('media/'.length)}/master.m3u8`, 'malformed');
    await refusal(`/t/garbage/${PREFIX}/master.m3u8`, 'malformed');
  });
});
