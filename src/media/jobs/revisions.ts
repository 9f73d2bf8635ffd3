import type { Db } from '../../platform/db/index.js';
import type { ContentKey } from '../types.js';
import type { MediaJobTables } from './tables.js';

/** A title's (or episode's) current published media and its content key, as playback needs it. */
export interface MediaRevision {
  titleId: string;
  episodeId: string | null;
  jobId: string;
  /** Blob key prefix of the packaged output, e.g. `media/t1/job-…/1` (served as `/media/t1/job-…/1/`). */
  prefix: string;
  /** Blob keys of the manifests. */
  hlsKey: string;
  dashKey: string;
  /** CENC key id and key, lower-case hex: for the license service only. */
  keyId: string;
  key: string;
}

/** The current revision of a title (episodeId null) or episode; undefined until one is published. */
export async function currentRevision(db: Db, titleId: string, episodeId: string | null): Promise<MediaRevision | undefined> {
  const row = await db
    .builder<MediaJobTables>()
    .selectFrom('media_revisions')
    .innerJoin('media_keys', 'media_keys.job_id', 'media_revisions.job_id')
    .select(['media_revisions.job_id', 'media_revisions.prefix', 'media_revisions.hls_path', 'media_revisions.dash_path', 'media_keys.key_id', 'media_keys.key'])
    .where('media_revisions.title_id', '=', titleId)
    .where('media_revisions.episode_id', '=', episodeId ?? '')
    .executeTakeFirst();
  return row && { titleId, episodeId, jobId: row.job_id, prefix: row.prefix, hlsKey: row.hls_path, dashKey: row.dash_path, keyId: row.key_id, key: row.key };
}

/** The key one ingest job packaged under (a playback session keeps its job after a newer one publishes). */
export async function jobContentKey(db: Db, jobId: string): Promise<ContentKey | undefined> {
  const row = await db.builder<MediaJobTables>().selectFrom('media_keys').select(['key_id', 'key']).where('job_id', '=', jobId).executeTakeFirst();
  return row && { keyId: row.key_id, key: row.key };
}

/** The content key of a title's (or episode's) current media, with the job it belongs to. */
export async function currentContentKey(db: Db, titleId: string, episodeId?: string): Promise<(ContentKey & { jobId: string }) | undefined> {
  const revision = await currentRevision(db, titleId, episodeId ?? null);
  return revision && { keyId: revision.keyId, key: revision.key, jobId: revision.jobId };
}

/** A title, or one episode of a show. */
export interface MediaTarget {
  titleId: string;
  episodeId?: string;
}

/**
 * Points titles or episodes that have no media yet at another one's published revision (same files, same
 * key): the demo catalog shares a few generated clips among hundreds of titles. Real media is never
 * replaced. Returns how many were linked; syncPlayability then makes them playable.
 */
export async function shareRevision(db: Db, from: MediaTarget, targets: readonly MediaTarget[]): Promise<number> {
  const q = db.builder<MediaJobTables>();
  const source = await q
    .selectFrom('media_revisions')
    .select(['job_id', 'prefix', 'hls_path', 'dash_path'])
    .where('title_id', '=', from.titleId)
    .where('episode_id', '=', from.episodeId ?? '')
    .executeTakeFirst();
  if (!source) throw new Error(`no published media for ${from.titleId}${from.episodeId ? `/${from.episodeId}` : ''}`);
  let linked = 0;
  for (let i = 0; i < targets.length; i += 500) {
    const rows = targets.slice(i, i + 500).map((t) => ({
      title_id: t.titleId,
      episode_id: t.episodeId ?? '',
      job_id: source.job_id,
      prefix: source.prefix,
      hls_path: source.hls_path,
      dash_path: source.dash_path,
      catalog_synced: false,
    }));
    const inserted = await q.insertInto('media_revisions').values(rows).onConflict((oc) => oc.columns(['title_id', 'episode_id']).doNothing()).returning('title_id').execute();
    linked += inserted.length;
  }
  return linked;
}
