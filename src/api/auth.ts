import type { FastifyInstance, FastifyRequest, preHandlerAsyncHookHandler } from 'fastify';
import type { AuthContext } from '../accounts/model.js';
import type { SessionService } from '../accounts/sessions.js';
import { AppError } from '../errors.js';

declare module 'fastify' {
  interface FastifyRequest {
    /** The signed-in caller; set by the `requireSession` preHandler, null elsewhere. */
    auth: AuthContext | null;
  }
}

/** Adds `request.auth` to every request (null until a preHandler resolves it). */
export function installAuth(app: FastifyInstance): void {
  // A null default keeps the request object's shape stable for V8 (Fastify's advice for decorators).
  app.decorateRequest('auth', null);
}

/** The bearer token of a request, if it sent one. */
export function bearerToken(request: FastifyRequest): string | undefined {
  const header = request.headers.authorization;
  if (!header || header.length < 8 || !header.startsWith('Bearer ')) return undefined;
  return header.slice(7).trim();
}

export interface SessionAuth {
  /** preHandler for routes that need a signed-in caller: sets `request.auth` or answers 401. */
  requireSession: preHandlerAsyncHookHandler;
  /** The caller when the request carries a valid session token, otherwise null (never throws). */
  optionalSession(request: FastifyRequest): Promise<AuthContext | null>;
}

/** Session authentication over the accounts module's session service. */
export function sessionAuth(sessions: SessionService): SessionAuth {
  async function resolve(request: FastifyRequest): Promise<AuthContext | null> {
    if (request.auth) return request.auth;
    const token = bearerToken(request);
    request.auth = token ? await sessions.authenticate(token) : null;
    return request.auth;
  }
  return {
    async requireSession(request) {
      // Tampered, expired and revoked tokens get the same answer as a missing one.
      if (!(await resolve(request))) throw new AppError('UNAUTHENTICATED');
    },
    optionalSession: resolve,
  };
}

/** The caller of a route guarded by `requireSession`. */
export function callerOf(request: { auth: AuthContext | null }): AuthContext {
  if (!request.auth) throw new AppError('UNAUTHENTICATED');
  return request.auth;
}
