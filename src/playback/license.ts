import { timingSafeEqual } from 'node:crypto';
import type { AuthContext } from '../accounts/model.js';
import { AppError } from '../errors.js';
import type { RevisionSource } from './media-revisions.js';
import type { PlaybackSessions } from './sessions.js';

/** The W3C EME ClearKey license request (https://www.w3.org/TR/encrypted-media/#clear-key-request-format). */
export interface ClearKeyRequest {
  /** Key ids, base64url without padding. */
  kids: string[];
  type?: string;
}

/** The ClearKey license: a JSON Web Key Set of symmetric keys. */
export interface ClearKeyLicense {
  keys: { kty: 'oct'; kid: string; k: string }[];
  type: 'temporary';
}

export type LicenseDenial = 'session' | 'token' | 'account' | 'kid';

const hexToBase64Url = (hex: string): string => Buffer.from(hex, 'hex').toString('base64url');

function denied(reason: LicenseDenial): AppError {
  return new AppError('LICENSE_DENIED', undefined, { reason });
}

function sameSecret(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

/**
 * Releases a title's content key to the live playback session that plays it, and to nothing else:
 * the session must exist (heartbeats keep it), the URL's token must be the session's, a signed-in
 * caller must own it, and the requested key id must be the one its media was packaged under. Every
 * refusal is the same 403, so a forged session id learns nothing. Only temporary licenses are issued.
 */
export class LicenseService {
  constructor(
    private readonly sessions: PlaybackSessions,
    private readonly revisions: RevisionSource,
  ) {}

  async license(sessionId: string, token: string, request: ClearKeyRequest, caller: AuthContext | null): Promise<ClearKeyLicense> {
    const session = await this.sessions.get(sessionId);
    if (!session) throw denied('session');
    if (!sameSecret(token, session.licenseToken)) throw denied('token');
    if (caller && caller.accountId !== session.accountId) throw denied('account');
    const kid = hexToBase64Url(session.keyId);
    // Players send base64url without padding; some send padded or plain base64.
    const normal = (k: string): string => k.replace(/=+$/, '').replace(/\+/g, '-').replace(/\//g, '_');
    if (!request.kids.some((k) => normal(k) === kid)) throw denied('kid');
    const key = await this.revisions.contentKey(session.jobId);
    if (!key || key.keyId !== session.keyId) throw denied('kid');
    return { keys: [{ kty: 'oct', kid, k: hexToBase64Url(key.key) }], type: 'temporary' };
  }
}
