import { AppError } from '../errors.js';

/**
 * Maps the path after `/media/` (as the router hands it over: percent-decoded once) to a blob key
 * under `media/`. An allow-list rather than a deny-list: packaged media only ever uses plain ASCII
 * names, so anything else — `..` or `.` segments, dot files (the blob store's temp files among them),
 * empty segments, backslashes, NUL and control characters, and a `%` left over from double encoding
 * (`%252e` decodes to `%2e`) — is refused before it gets near storage.
 */

const SEGMENT = "[A-Za-z0-9_~!$&'()*+,;=:@ -][A-Za-z0-9._~!$&'()*+,;=:@ -]*";
const MEDIA_PATH = new RegExp(`^${SEGMENT}(?:/${SEGMENT})*$`);
/** Blob keys are at most 1024 characters; the `media/` prefix takes six of them. */
const MAX_PATH_LENGTH = 1024 - 'media/'.length;

/** The blob key for a `/media/<rest>` request, or MEDIA_PATH_INVALID (400). */
export function mediaKeyOf(rest: string): string {
  if (rest.length === 0 || rest.length > MAX_PATH_LENGTH || !MEDIA_PATH.test(rest)) {
    throw new AppError('MEDIA_PATH_INVALID', undefined, { path: rest.slice(0, 200) });
  }
  return `media/${rest}`;
}
