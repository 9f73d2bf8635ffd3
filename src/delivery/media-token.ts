/**
 * Signed media URLs. A playback session gets one token per media prefix; the token travels in the URL
 * PATH, before the blob key, so relative URLs inside manifests (`video/720p/seg_1.m4s`) resolve to
 * paths that carry it too:
 *
 *     /t/<token>/media/<titleId>/<jobId>/<attempt>/master.max720.m3u8
 *     token = <kid>.<exp>.<sessionId>.<n>.<h>.<sig>
 *     sig   = base64url(HMAC-SHA256(secret[kid], "<kid>.<exp>.<sessionId>.<n>.<h>/<prefix>"))
 *
 * `exp` is a Unix time in seconds, `prefix` the first `n` slash-separated segments of the blob key
 * (e.g. `media/t1/j1/1`, n = 4), `h` the tallest rendition the plan allows (0: no limit). A request is
 * allowed when the key lies strictly below that prefix, is not a rendition taller than `h`
 * (`video/<height>p/...`), `exp` is in the future and the signature matches under a key of the ring.
 * The height claim is what keeps a basic member who guesses `video/1080p/` from fetching it. Verification is plain
 * string work plus one HMAC, so origins and edges (nginx njs) check tokens locally, with no call back.
 * Edges should cache by the path after the token so every session shares one cached copy.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import { AppError } from '../errors.js';
import type { MediaAuthorizer, MediaRequest } from './origin.js';

/** One HMAC key: `id` names it in tokens so keys can rotate. */
export interface MediaTokenKey {
  id: string;
  secret: string;
}

/** The keys a node accepts; the first (newest) signs, all verify. */
export interface MediaTokenKeyRing {
  readonly signing: MediaTokenKey;
  readonly byId: ReadonlyMap<string, string>;
}

export interface MediaTokenClaims {
  sessionId: string;
  /** Blob key prefix without a trailing slash, e.g. `media/t1/j1/1`. */
  prefix: string;
  /** Unix time in seconds. */
  expiresAt: number;
  /** Tallest video rendition the session may fetch; 0 or absent: no limit. */
  maxHeight?: number;
}

export type MediaTokenFailure = 'malformed' | 'unknown_key' | 'expired' | 'signature' | 'outside_prefix' | 'above_plan';
export type MediaTokenCheck = { ok: true; claims: MediaTokenClaims } | { ok: false; reason: MediaTokenFailure };

/** Route prefix under which the origin (and edges) serve signed media: register `originRoutes` with it. */
export const SIGNED_MEDIA_ROUTE_PREFIX = '/t/:token';

const KEY_ID = /^[A-Za-z0-9_-]{1,32}$/;
const SESSION_ID = /^[A-Za-z0-9-]{1,64}$/;
const TOKEN = /^([A-Za-z0-9_-]{1,32})\.(\d{1,12})\.([A-Za-z0-9-]{1,64})\.(\d{1,2})\.(\d{1,5})\.([A-Za-z0-9_-]{43})$/;
/** A video rendition's folder below the prefix, as the packager lays it out: `video/720p/seg_1.m4s`. */
const RENDITION = /^video\/(\d{1,5})p\//;
export const MIN_SECRET_LENGTH = 32;

/** Builds a ring from keys, newest first; throws on duplicates, bad ids or short secrets. */
export function keyRing(keys: readonly MediaTokenKey[]): MediaTokenKeyRing {
  const [signing] = keys;
  if (!signing) throw new Error('media token key ring needs at least one key');
  const byId = new Map<string, string>();
  for (const key of keys) {
    if (!KEY_ID.test(key.id)) throw new Error(`media token key id "${key.id}" must be 1-32 of [A-Za-z0-9_-]`);
    if (key.secret.length < MIN_SECRET_LENGTH) throw new Error(`media token key "${key.id}" needs a secret of at least ${MIN_SECRET_LENGTH} characters`);
    if (byId.has(key.id)) throw new Error(`media token key id "${key.id}" appears twice`);
    byId.set(key.id, key.secret);
  }
  return { signing, byId };
}

/** Parses `kid:secret[,kid:secret...]` (newest first), the form of MARQUEE_MEDIA_TOKEN_KEYS. */
export function parseMediaTokenKeys(spec: string): MediaTokenKey[] {
  return spec
    .split(',')
    .map((part) => part.trim())
    .filter(Boolean)
    .map((part) => {
      const colon = part.indexOf(':');
      if (colon <= 0) throw new Error('media token keys are written kid:secret, comma-separated');
      return { id: part.slice(0, colon), secret: part.slice(colon + 1) };
    });
}

function signature(secret: string, unsigned: string, prefix: string): string {
  return createHmac('sha256', secret).update(`${unsigned}/${prefix}`).digest('base64url');
}

/** Mints a token for `claims` under the ring's signing key. */
export function signMediaToken(ring: MediaTokenKeyRing, claims: MediaTokenClaims): string {
  if (!SESSION_ID.test(claims.sessionId)) throw new Error('media token session ids are 1-64 of [A-Za-z0-9-]');
  const segments = claims.prefix.split('/').length;
  if (claims.prefix === '' || claims.prefix.endsWith('/') || segments > 99) throw new Error(`not a media prefix: "${claims.prefix}"`);
  const unsigned = `${ring.signing.id}.${Math.floor(claims.expiresAt)}.${claims.sessionId}.${segments}.${claims.maxHeight ?? 0}`;
  return `${unsigned}.${signature(ring.signing.secret, unsigned, claims.prefix)}`;
}

/** The URL path of blob `key` under a token: `/t/<token>/<key>`. */
export function signedMediaPath(token: string, key: string): string {
  return `/t/${token}/${key}`;
}

/** Checks a token against the blob key being read. Pure: the caller passes the time (Unix seconds). */
export function verifyMediaToken(ring: MediaTokenKeyRing, token: string, key: string, nowSeconds: number): MediaTokenCheck {
  const match = TOKEN.exec(token);
  if (!match) return { ok: false, reason: 'malformed' };
  const [, kid = '', exp = '', sessionId = '', count = '', height = '', sig = ''] = match;
  const secret = ring.byId.get(kid);
  if (secret === undefined) return { ok: false, reason: 'unknown_key' };
  const segments = Number(count);
  const parts = key.split('/');
  // The key must name a file strictly below the prefix, never the prefix itself.
  if (segments < 1 || parts.length <= segments) return { ok: false, reason: 'outside_prefix' };
  const prefix = parts.slice(0, segments).join('/');
  const expected = Buffer.from(signature(secret, `${kid}.${exp}.${sessionId}.${count}.${height}`, prefix));
  const given = Buffer.from(sig);
  // A wrong prefix changes the signed text, so it fails here as a bad signature.
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) return { ok: false, reason: 'signature' };
  const expiresAt = Number(exp);
  if (expiresAt <= nowSeconds) return { ok: false, reason: 'expired' };
  const maxHeight = Number(height);
  const rendition = maxHeight > 0 ? RENDITION.exec(parts.slice(segments).join('/')) : null;
  if (rendition && Number(rendition[1]) > maxHeight) return { ok: false, reason: 'above_plan' };
  return { ok: true, claims: { sessionId, prefix, expiresAt, ...(maxHeight > 0 ? { maxHeight } : {}) } };
}

/**
 * The origin's `authorize` hook: reads the `:token` route parameter (set by mounting `originRoutes`
 * under SIGNED_MEDIA_ROUTE_PREFIX) and refuses with 403 MEDIA_TOKEN_INVALID unless it covers `key`.
 * Mounted without the prefix it refuses every request, so an unsigned mount cannot leak media.
 */
export function mediaAuthorizer(ring: MediaTokenKeyRing, now: () => number = Date.now): MediaAuthorizer {
  return (request: MediaRequest, key: string) => {
    const token = (request.params as { token?: unknown }).token;
    const check = typeof token === 'string' ? verifyMediaToken(ring, token, key, now() / 1000) : ({ ok: false, reason: 'malformed' } as const);
    if (!check.ok) throw new AppError('MEDIA_TOKEN_INVALID', undefined, { reason: check.reason });
  };
}
