import type { Dirent } from 'node:fs';
import { readdir } from 'node:fs/promises';
import { createReadStream } from 'node:fs';
import path from 'node:path';
import { sql } from 'kysely';
import type { BlobStore } from '../../platform/blobs/index.js';
import type { Db } from '../../platform/db/index.js';
import type { ContentKey } from '../types.js';
import { predecessors } from './model.js';
import type { Lease } from './store.js';
import type { MediaJobTables } from './tables.js';

/** What publication needs from the catalog: marking titles or episodes playable, many at once. */
export interface Playability {
  /** Returns the title ids that no longer exist. */
  setPlayableMany(items: ReadonlyArray<{ titleId: string; episodeId?: string }>, playable: boolean): Promise<string[]>;
}

/** `media/<titleId>[/<episodeId>]/<jobId>`: every attempt of one job publishes below it. */
export function jobPrefix(titleId: string, episodeId: string | null | undefined, jobId: string): string {
  return ['media', titleId, ...(episodeId ? [episodeId] : []), jobId].join('/');
}

/**
 * One folder per attempt: a worker that lost its lease but is still uploading can never overwrite the
 * files of the attempt that publishes (each attempt encrypts under its own key).
 */
export function attemptPrefix(jobFolder: string, attempt: number): string {
  return `${jobFolder}/${attempt}`;
}

async function filesUnder(dir: string, relative = ''): Promise<string[]> {
  const entries: Dirent[] = await readdir(path.join(dir, relative), { withFileTypes: true });
  const nested = await Promise.all(
    entries.map(async (entry) => {
      const rel = relative ? `${relative}/${entry.name}` : entry.name;
      if (entry.isDirectory()) return filesUnder(dir, rel);
      return entry.isFile() ? [rel] : [];
    }),
  );
  return nested.flat().sort();
}

/** Copies every file under `outputDir` to `prefix/<relative path>`, a few at a time; returns the keys. */
export async function uploadOutput(
  blobs: BlobStore,
  outputDir: string,
  prefix: string,
  options: { signal?: AbortSignal; concurrency?: number } = {},
): Promise<string[]> {
  const files = await filesUnder(outputDir);
  const queue = [...files];
  const worker = async (): Promise<void> => {
    for (let rel = queue.shift(); rel !== undefined; rel = queue.shift()) {
      options.signal?.throwIfAborted();
      await blobs.put(`${prefix}/${rel}`, createReadStream(path.join(outputDir, rel)));
    }
  };
  await Promise.all(Array.from({ length: Math.min(options.concurrency ?? 4, files.length) }, worker));
  return files.map((rel) => `${prefix}/${rel}`);
}

/** Deletes every blob under `prefix/`; used to leave no trace of a failed or superseded attempt. */
export async function deletePrefix(blobs: BlobStore, prefix: string): Promise<number> {
  const keys: string[] = [];
  for await (const info of blobs.list(`${prefix}/`)) keys.push(info.key);
  for (const key of keys) await blobs.delete(key);
  return keys.length;
}

export interface Publication {
  titleId: string;
  episodeId: string | null;
  prefix: string;
  hls: string;
  dash: string;
  key: ContentKey;
}

/**
 * The commit point of an ingest, in one transaction: the job becomes ready only while this lease still
 * owns it; the content key goes to its table (never to blobs); the title's current media revision
 * points at the new manifests and is flagged for the catalog. False (and nothing written) when the
 * lease was lost, so a job is never published twice.
 */
export async function commitPublication(db: Db, lease: Lease, publication: Publication): Promise<boolean> {
  return db.builder<MediaJobTables>().transaction().execute(async (trx) => {
    const owned = await trx
      .updateTable('media_jobs')
      .set({
        state: 'ready',
        progress: 1,
        lease_owner: null,
        lease_expires_at: null,
        reason_code: null,
        reason_message: null,
        output_prefix: publication.prefix,
        hls_path: publication.hls,
        dash_path: publication.dash,
        finished_at: sql<Date>`now()`,
        updated_at: sql<Date>`now()`,
      })
      .where('id', '=', lease.jobId)
      .where('lease_owner', '=', lease.owner)
      .where('attempts', '=', lease.attempt)
      .where('state', 'in', predecessors('ready'))
      .executeTakeFirst();
    if (owned.numUpdatedRows === 0n) return false;
    await trx
      .insertInto('media_keys')
      .values({ job_id: lease.jobId, key_id: publication.key.keyId, key: publication.key.key })
      .onConflict((oc) => oc.column('job_id').doUpdateSet({ key_id: publication.key.keyId, key: publication.key.key }))
      .execute();
    const revision = {
      job_id: lease.jobId,
      prefix: publication.prefix,
      hls_path: publication.hls,
      dash_path: publication.dash,
      catalog_synced: false,
    };
    await trx
      .insertInto('media_revisions')
      .values({ title_id: publication.titleId, episode_id: publication.episodeId ?? '', ...revision })
      .onConflict((oc) => oc.columns(['title_id', 'episode_id']).doUpdateSet({ ...revision, published_at: sql<Date>`now()` }))
      .execute();
    return true;
  });
}

/**
 * Makes every newly published revision playable in the catalog, then flags it synced. Runs right after
 * a commit and again on every worker tick, so a worker dying between the two steps only delays it.
 */
export async function syncPlayability(db: Db, catalog: Playability, onError?: (err: unknown, titleId: string) => void): Promise<number> {
  const q = db.builder<MediaJobTables>();
  let synced = 0;
  // Batches: one catalog write and one snapshot rebuild per batch (a season, or the demo's shared clips).
  for (;;) {
    const pending = await q
      .selectFrom('media_revisions')
      .select(['title_id', 'episode_id', 'job_id'])
      .where('catalog_synced', '=', false)
      .orderBy('published_at')
      .limit(500)
      .execute();
    if (pending.length === 0) return synced;
    try {
      // A title deleted since publication has nothing left to make playable: flagged synced all the same.
      await catalog.setPlayableMany(pending.map((r) => ({ titleId: r.title_id, ...(r.episode_id ? { episodeId: r.episode_id } : {}) })), true);
    } catch (err) {
      onError?.(err, pending[0]!.title_id);
      return synced;
    }
    await q.transaction().execute(async (trx) => {
      for (const row of pending) {
        await trx
          .updateTable('media_revisions')
          .set({ catalog_synced: true })
          .where('title_id', '=', row.title_id)
          .where('episode_id', '=', row.episode_id)
          .where('job_id', '=', row.job_id)
          .execute();
      }
    });
    synced += pending.length;
  }
}
