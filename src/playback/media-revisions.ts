import type { Db } from '../platform/db/index.js';
import type { MediaJobTables } from '../media/jobs/tables.js';

/** A title's (or episode's) current packaged media and its content key, as a play request needs it. */
export interface MediaRevision {
  titleId: string;
  episodeId: string | null;
  jobId: string;
  /** Blob key prefix of the packaged output, e.g. `media/t1/j1/1`. */
  prefix: string;
  /** Blob keys of the full-ladder manifests. */
  hlsKey: string;
  dashKey: string;
  /** CENC key id and key, lower-case hex. */
  keyId: string;
  key: string;
}

/** Where play requests and licenses look up current media; an interface so tests and benches can stub it. */
export interface RevisionSource {
  current(titleId: string, episodeId: string | null): Promise<MediaRevision | undefined>;
  /** The content key of one ingest job (a session keeps its job even after a newer one publishes). */
  contentKey(jobId: string): Promise<{ keyId: string; key: string } | undefined>;
}

/**
 * Reads `media_revisions` joined with `media_keys` (the tables of src/media/jobs, which publishes them).
 * TODO(media): move this query next to `currentContentKey` as `currentRevision()` and call that instead;
 * until then this is the only place outside media/ that reads those tables.
 */
export async function queryRevision(db: Db, titleId: string, episodeId: string | null): Promise<MediaRevision | undefined> {
  const row = await db
    .builder<MediaJobTables>()
    .selectFrom('media_revisions')
    .innerJoin('media_keys', 'media_keys.job_id', 'media_revisions.job_id')
    .select(['media_revisions.job_id', 'media_revisions.prefix', 'media_revisions.hls_path', 'media_revisions.dash_path', 'media_keys.key_id', 'media_keys.key'])
    .where('media_revisions.title_id', '=', titleId)
    .where('media_revisions.episode_id', '=', episodeId ?? '')
    .executeTakeFirst();
  return (
    row && {
      titleId,
      episodeId,
      jobId: row.job_id,
      prefix: row.prefix,
      hlsKey: row.hls_path,
      dashKey: row.dash_path,
      keyId: row.key_id,
      key: row.key,
    }
  );
}

/** The key a job was packaged under, from `media_keys`. */
export async function queryContentKey(db: Db, jobId: string): Promise<{ keyId: string; key: string } | undefined> {
  const row = await db.builder<MediaJobTables>().selectFrom('media_keys').select(['key_id', 'key']).where('job_id', '=', jobId).executeTakeFirst();
  return row && { keyId: row.key_id, key: row.key };
}

/**
 * The database source with a short in-process memo: every play and license request needs the current
 * revision, and a republished title may keep serving its previous revision for `ttlMs` (both stay
 * complete in blob storage), which keeps the database off the play hot path.
 */
export function dbRevisionSource(db: Db, options: { ttlMs?: number; maxEntries?: number; now?: () => number } = {}): RevisionSource {
  const ttlMs = options.ttlMs ?? 5_000;
  const maxEntries = options.maxEntries ?? 10_000;
  const now = options.now ?? Date.now;
  const memo = new Map<string, { at: number; value: Promise<unknown> }>();
  function remember<T>(id: string, load: () => Promise<T>): Promise<T> {
    const hit = memo.get(id);
    if (hit && now() - hit.at < ttlMs) return hit.value as Promise<T>;
    if (memo.size >= maxEntries) memo.clear();
    const value = load();
    memo.set(id, { at: now(), value });
    // A failed lookup is not remembered.
    value.catch(() => memo.delete(id));
    return value;
  }
  return {
    current: (titleId, episodeId) => remember(`r\u0000${titleId}\u0000${episodeId ?? ''}`, () => queryRevision(db, titleId, episodeId)),
    contentKey: (jobId) => remember(`k\u0000${jobId}`, () => queryContentKey(db, jobId)),
  };
}
