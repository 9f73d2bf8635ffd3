// The one place the web app talks HTTP: adds the session token, turns the API's error shape
// `{"error":{"code","message"}}` into an ApiError the pages show in words.
import { clearSession, loadSession } from './session';

/** An API failure with the stable code of src/errors.ts. */
export class ApiError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly status: number,
  ) {
    super(message);
  }
}

/** Friendlier words for the codes a viewer is likely to meet; others use the server's message. */
const WORDS: Record<string, string> = {
  UNAUTHENTICATED: 'Your session has expired. Please sign in again.',
  INVALID_CREDENTIALS: 'That email and password do not match an account.',
  EMAIL_TAKEN: 'An account with that email already exists. Try signing in.',
  STREAM_LIMIT_REACHED: 'Too many screens are watching on this account right now. Stop one and try again.',
  TITLE_UNAVAILABLE: 'This title cannot be streamed in your country right now.',
  NOT_PLAYABLE: 'This title has no video yet. The demo clips are still being prepared; try again in a few minutes.',
  PIN_REQUIRED: 'This profile is locked. Enter its PIN.',
  NETWORK: 'Cannot reach Marquee. Check your connection and try again.',
};

/** What to show a person for any thrown value. */
export function describeError(err: unknown): string {
  if (err instanceof ApiError) return WORDS[err.code] ?? err.message;
  if (err instanceof Error) return err.message;
  return 'Something went wrong.';
}

interface ErrorShape {
  error?: { code?: string; message?: string };
}

/** Calls the API; JSON in, JSON out; throws ApiError. A 401 forgets the stored session. */
export async function api<T>(method: string, url: string, body?: unknown): Promise<T> {
  const headers: Record<string, string> = {};
  const token = loadSession()?.token;
  if (token) headers.authorization = `Bearer ${token}`;
  if (body !== undefined) headers['content-type'] = 'application/json';
  let res: Response;
  try {
    res = await fetch(url, { method, headers, ...(body !== undefined ? { body: JSON.stringify(body) } : {}) });
  } catch {
    throw new ApiError('NETWORK', WORDS.NETWORK ?? 'Network error', 0);
  }
  if (res.status === 204) return undefined as T;
  const data = (await res.json().catch(() => ({}))) as T & ErrorShape;
  if (!res.ok) {
    if (data.error?.code === 'UNAUTHENTICATED') clearSession();
    throw new ApiError(data.error?.code ?? `HTTP_${res.status}`, data.error?.message ?? res.statusText, res.status);
  }
  return data;
}

/** Builds `/v1/...?a=b` skipping undefined values. */
export function withQuery(pathname: string, query: Record<string, string | number | undefined>): string {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) if (v !== undefined) params.set(k, String(v));
  const qs = params.toString();
  return qs ? `${pathname}?${qs}` : pathname;
}
