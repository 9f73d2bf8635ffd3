import { Type } from 'typebox';

/** The one error shape every failed request answers with. */
export const ErrorResponse = Type.Object(
  {
    error: Type.Object({
      code: Type.String({ description: 'Stable code from the error catalogue, e.g. TITLE_NOT_FOUND' }),
      message: Type.String(),
      details: Type.Optional(Type.Unknown()),
    }),
  },
  { $id: 'ErrorResponse', description: 'Error' },
);

/** Responses every route may give besides its own: validation, auth and not-found failures. */
export const errorResponses = {
  400: ErrorResponse,
  401: ErrorResponse,
  403: ErrorResponse,
  404: ErrorResponse,
  413: ErrorResponse,
} as const;

export const Limit = (max: number, fallback: number) => Type.Integer({ minimum: 1, maximum: max, default: fallback });
