import { AppError } from '../errors.js';

/** A keyset position in a list ordered by (time desc, title id desc). */
export interface TimeCursor {
  at: Date;
  titleId: string;
}

/** Encodes the position after which the next page starts. */
export function encodeTimeCursor(cursor: TimeCursor): string {
  return Buffer.from(JSON.stringify([cursor.at.toISOString(), cursor.titleId])).toString('base64url');
}

/** Decodes a cursor from a query string; a malformed one is a 400 naming the field. */
export function decodeTimeCursor(raw: string | undefined): TimeCursor | undefined {
  if (raw === undefined) return undefined;
  try {
    const value: unknown = JSON.parse(Buffer.from(raw, 'base64url').toString('utf8'));
    if (Array.isArray(value) && value.length === 2 && typeof value[0] === 'string' && typeof value[1] === 'string') {
      const at = new Date(value[0]);
      if (!Number.isNaN(at.getTime())) return { at, titleId: value[1] };
    }
  } catch {
    // fall through to the validation error
  }
  throw new AppError('VALIDATION_FAILED', 'querystring.cursor is not a cursor this API issued', [
    { field: 'querystring.cursor', message: 'is not a cursor this API issued' },
  ]);
}
