/**
 * The catalogue of stable error codes. The API, the CLI and the web app all speak these codes;
 * adding one here is the only way to create a new kind of error. The wire shape is
 * `{"error":{"code":"...","message":"...","details":...}}`.
 */
export const ERRORS = {
  VALIDATION_FAILED: { status: 400, message: 'The request is not valid' },
  BAD_REQUEST: { status: 400, message: 'The request could not be understood' },
  UNAUTHENTICATED: { status: 401, message: 'Sign in first' },
  ADMIN_TOKEN_REQUIRED: { status: 401, message: 'This route needs the admin token' },
  FORBIDDEN: { status: 403, message: 'Not allowed' },
  NOT_FOUND: { status: 404, message: 'No such resource' },
  ROUTE_NOT_FOUND: { status: 404, message: 'No such route' },
  TITLE_NOT_FOUND: { status: 404, message: 'No such title' },
  GENRE_NOT_FOUND: { status: 404, message: 'No such genre' },
  METHOD_NOT_ALLOWED: { status: 405, message: 'Method not allowed' },
  CONFLICT: { status: 409, message: 'The resource changed or already exists' },
  PAYLOAD_TOO_LARGE: { status: 413, message: 'The request body is too large' },
  UNSUPPORTED_MEDIA_TYPE: { status: 415, message: 'Unsupported content type' },
  RATE_LIMITED: { status: 429, message: 'Too many requests' },
  INTERNAL: { status: 500, message: 'Something went wrong on our side' },
  SERVICE_UNAVAILABLE: { status: 503, message: 'A dependency is unavailable' },
  // accounts, sessions, profiles and personal state
  EMAIL_TAKEN: { status: 409, message: 'An account with this email already exists' },
  INVALID_CREDENTIALS: { status: 401, message: 'The email or password is wrong' },
  SESSION_NOT_FOUND: { status: 404, message: 'No such session' },
  PROFILE_NOT_FOUND: { status: 404, message: 'No such profile' },
  PROFILE_LIMIT_REACHED: { status: 409, message: 'This account already has the most profiles allowed' },
  PROFILE_NAME_TAKEN: { status: 409, message: 'Another profile on this account has that name' },
  PIN_REQUIRED: { status: 403, message: 'This profile is locked; unlock it with its PIN first' },
  PIN_INVALID: { status: 403, message: 'The PIN is wrong' },
  PIN_LOCKED: { status: 429, message: 'Too many wrong PINs; try again later' },
  LIST_LIMIT_REACHED: { status: 409, message: 'My List is full' },
  // media ingest (a job's own failure reasons are MEDIA_* codes of src/media/errors.ts, shown on the job)
  EPISODE_NOT_FOUND: { status: 404, message: 'No such episode' },
  JOB_NOT_FOUND: { status: 404, message: 'No such ingest job' },
  MEDIA_UPLOAD_EMPTY: { status: 400, message: 'The upload has no bytes' },
  MEDIA_UPLOAD_TOO_LARGE: { status: 413, message: 'The upload is larger than the limit' },
  // delivery (origin)
  MEDIA_PATH_INVALID: { status: 400, message: 'The media path is not valid' },
  MEDIA_NOT_FOUND: { status: 404, message: 'No such media file' },
  RANGE_NOT_SATISFIABLE: { status: 416, message: 'The requested range is outside the file' },
  MEDIA_TOKEN_INVALID: { status: 403, message: 'The media URL is missing a valid token; request playback again' },
  EDGE_NOT_FOUND: { status: 404, message: 'No such edge' },
  // playback (play requests, stream leases, licenses)
  TITLE_UNAVAILABLE: { status: 403, message: 'This title cannot be streamed here right now' },
  MATURITY_RESTRICTED: { status: 403, message: "This title is above the profile's maturity rating" },
  NOT_PLAYABLE: { status: 409, message: 'This title has no published media yet' },
  STREAM_LIMIT_REACHED: { status: 409, message: 'Too many streams are playing on this account; stop one to start another' },
  PLAYBACK_SESSION_NOT_FOUND: { status: 404, message: 'No such playback session; it ended or expired' },
  LICENSE_DENIED: { status: 403, message: 'No license for this request' },
  // activity ingest (per-event errors of POST /v1/events use these codes too)
  EVENT_INVALID: { status: 400, message: 'The event does not match the event schema' },
} as const satisfies Record<string, { status: number; message: string }>;

export type ErrorCode = keyof typeof ERRORS;

/** An error the caller can act on: a stable code, an HTTP status and optional structured details. */
export class AppError extends Error {
  readonly status: number;

  constructor(
    readonly code: ErrorCode,
    message?: string,
    readonly details?: unknown,
  ) {
    super(message ?? ERRORS[code].message);
    this.name = 'AppError';
    this.status = ERRORS[code].status;
  }
}

/** The JSON body every failed request answers with. */
export interface ErrorBody {
  error: { code: string; message: string; details?: unknown };
}

export function errorBody(code: string, message: string, details?: unknown): ErrorBody {
  return details === undefined ? { error: { code, message } } : { error: { code, message, details } };
}
