import { randomUUID } from 'node:crypto';
import { AppError } from '../errors.js';
import type { Cache } from '../platform/cache/types.js';
import type { AccountsRepository } from './accounts-repository.js';
import { normalizeEmail } from './accounts.js';
import { HotCache } from './hot-cache.js';
import type { AuthContext, SessionInfo } from './model.js';
import type { AccountsOptions } from './options.js';
import { hashSecret, verifySecret } from './passwords.js';
import { FailureCounter } from './rate-limit.js';
import { hashToken, looksLikeToken, newSessionToken } from './tokens.js';
import type { SessionRow } from './tables.js';

export interface SignInInput {
  email: string;
  password: string;
  deviceName?: string;
  ip: string;
  userAgent?: string;
}

export interface SignedIn {
  token: string;
  accountId: string;
  session: SessionInfo;
}

/** What the hot path keeps per token hash. */
interface CachedSession {
  sessionId: string;
  accountId: string;
  expiresAt: number;
}

function toInfo(row: SessionRow, currentId: string | undefined): SessionInfo {
  return {
    id: row.id,
    deviceName: row.device_name,
    ip: row.ip,
    createdAt: row.created_at.toISOString(),
    lastSeenAt: row.last_seen_at.toISOString(),
    expiresAt: row.expires_at.toISOString(),
    current: row.id === currentId,
  };
}

/** Last-seen times are written behind, in one statement per this many sessions or this long. */
const SEEN_BATCH = 100;
const SEEN_FLUSH_MS = 5_000;

type SessionOptions = Pick<AccountsOptions, 'scrypt' | 'sessionTtlMs' | 'hotCacheTtlMs' | 'signInPerEmail' | 'signInPerIp' | 'now'>;

/** Sign-in, token resolution, device list and sign-out/revocation. */
export class SessionService {
  private readonly hot: HotCache<CachedSession>;
  private readonly perEmail: FailureCounter;
  private readonly perIp: FailureCounter;
  private dummyHash: Promise<string> | undefined;
  /** Sessions seen (on cache misses) whose last-seen time is not written yet, and since when. */
  private readonly seen = new Map<string, Date>();
  private seenSince = 0;

  constructor(
    private readonly repo: AccountsRepository,
    cache: Cache,
    private readonly options: SessionOptions,
  ) {
    this.hot = new HotCache(cache, 'sess:', options.hotCacheTtlMs);
    this.perEmail = new FailureCounter(cache, 'signin-email', options.signInPerEmail, options.now);
    this.perIp = new FailureCounter(cache, 'signin-ip', options.signInPerIp, options.now);
  }

  /**
   * Checks the password and opens a session. Unknown emails and wrong passwords give the same
   * error after the same scrypt work, so the answer does not reveal whether an email is registered.
   */
  async signIn(input: SignInInput): Promise<SignedIn> {
    const email = normalizeEmail(input.email);
    const wait = Math.max(await this.perEmail.blockedFor(email), await this.perIp.blockedFor(input.ip));
    if (wait > 0) throw new AppError('RATE_LIMITED', 'Too many failed sign-ins; try again later', { retryAfterSeconds: wait });

    const account = await this.repo.findAccountByEmail(email);
    const ok = await verifySecret(input.password, account?.password_hash ?? (await this.fakeHash()));
    if (!account || !ok) {
      await Promise.all([this.perEmail.fail(email), this.perIp.fail(input.ip)]);
      throw new AppError('INVALID_CREDENTIALS');
    }
    await this.perEmail.reset(email);

    const token = newSessionToken();
    const now = this.options.now();
    const row: SessionRow = {
      id: randomUUID(),
      account_id: account.id,
      token_hash: hashToken(token),
      device_name: input.deviceName?.trim() || 'Unknown device',
      ip: input.ip,
      user_agent: input.userAgent?.slice(0, 300) ?? null,
      created_at: now,
      last_seen_at: now,
      expires_at: new Date(now.getTime() + this.options.sessionTtlMs),
      revoked_at: null,
    };
    await this.repo.insertSession(row);
    return { token, accountId: account.id, session: toInfo(row, row.id) };
  }

  /**
   * The caller behind a bearer token, or null when it is malformed, unknown, expired or revoked.
   * Served from the cache; a miss reads the database once and notes the device as seen (written
   * behind with other sessions', see `noteSeen`).
   */
  async authenticate(token: string): Promise<AuthContext | null> {
    if (!looksLikeToken(token)) return null;
    const now = this.options.now();
    const session = await this.hot.get(hashToken(token), async () => {
      const row = await this.repo.findSessionByTokenHash(hashToken(token));
      if (!row || row.expires_at <= now) return undefined;
      this.seen.set(row.id, now);
      if (this.seen.size === 1) this.seenSince = now.getTime();
      return { sessionId: row.id, accountId: row.account_id, expiresAt: row.expires_at.getTime() };
    });
    await this.noteSeen(now);
    if (!session || session.expiresAt <= now.getTime()) return null;
    return { accountId: session.accountId, sessionId: session.sessionId };
  }

  /**
   * Writes the noted last-seen times once SEEN_BATCH sessions or SEEN_FLUSH_MS have gathered: a
   * statement per batch rather than per cache miss (one of the six a cold home page paid). What a
   * node notes is written by its next request after that, or before it lists devices; a crash loses
   * at most that much of an approximate field.
   */
  private async noteSeen(now: Date): Promise<void> {
    if (this.seen.size >= SEEN_BATCH || (this.seen.size > 0 && now.getTime() - this.seenSince >= SEEN_FLUSH_MS)) await this.flushSeen();
  }

  private async flushSeen(): Promise<void> {
    if (this.seen.size === 0) return;
    const batch = [...this.seen].map(([id, at]) => ({ id, at }));
    this.seen.clear();
    await this.repo.touchSessions(batch);
  }

  /** The account's signed-in devices, newest first, marking the caller's own. */
  async list(auth: AuthContext): Promise<SessionInfo[]> {
    await this.flushSeen();
    const rows = await this.repo.listSessions(auth.accountId, this.options.now());
    return rows.map((row) => toInfo(row, auth.sessionId));
  }

  /** Revokes one of the account's sessions; its token is refused from the next request on. */
  async revoke(auth: AuthContext, sessionId: string): Promise<void> {
    const tokenHash = await this.repo.revokeSession(auth.accountId, sessionId, this.options.now());
    if (tokenHash === undefined) throw new AppError('SESSION_NOT_FOUND', undefined, { id: sessionId });
    await this.hot.invalidate(tokenHash);
  }

  /** Signs the caller out (revokes the session the request came with). */
  signOut(auth: AuthContext): Promise<void> {
    return this.revoke(auth, auth.sessionId);
  }

  private fakeHash(): Promise<string> {
    this.dummyHash ??= hashSecret(randomUUID(), this.options.scrypt);
    return this.dummyHash;
  }
}
