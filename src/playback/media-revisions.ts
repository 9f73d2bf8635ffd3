import { currentRevision, jobContentKey, type MediaRevision } from '../media/jobs/revisions.js';
import type { Db } from '../platform/db/index.js';

export type { MediaRevision };

/** Where play requests and licenses look up current media; an interface so tests and benches can stub it. */
export interface RevisionSource {
  current(titleId: string, episodeId: string | null): Promise<MediaRevision | undefined>;
  /** The content key of one ingest job (a session keeps its job even after a newer one publishes). */
  contentKey(jobId: string): Promise<{ keyId: string; key: string } | undefined>;
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
    current: (titleId, episodeId) => remember(`r\u0000${titleId}\u0000${episodeId ?? ''}`, () => currentRevision(db, titleId, episodeId)),
    contentKey: (jobId) => remember(`k\u0000${jobId}`, () => jobContentKey(db, jobId)),
  };
}
