import { timingSafeEqual } from 'node:crypto';
import type { FastifyRequest } from 'fastify';
import { AppError } from '../errors.js';

/** A preHandler that lets a request through only with `Authorization: Bearer <admin token>`. */
export function requireAdmin(adminToken: string) {
  const expected = Buffer.from(adminToken);
  return async (request: FastifyRequest): Promise<void> => {
    const header = request.headers.authorization ?? '';
    const given = Buffer.from(header.startsWith('Bearer ') ? header.slice(7) : '');
    // Constant-time compare so the token cannot be guessed byte by byte from timings.
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
      throw new AppError('ADMIN_TOKEN_REQUIRED');
    }
  };
}
