import { Transform, type Readable, type TransformCallback } from 'node:stream';
import type { Title } from '../../catalog/model.js';
import { AppError } from '../../errors.js';
import type { BlobStore } from '../../platform/blobs/index.js';
import type { Db } from '../../platform/db/index.js';
import type { Job } from './model.js';
import { JobStore, newJobId } from './store.js';

/** Which episode an upload is for: by season and episode number, or by id. */
export interface EpisodeSelector {
  season?: number;
  episode?: number;
  episodeId?: string;
}

/** What ingest needs from the catalog: the current titles, to check an upload's target. */
export interface TitleLookup {
  view(): { snapshot: { byId: ReadonlyMap<string, Title> } };
}

// Ids become blob key segments (`media/<titleId>/<episodeId>/...`) and URL path segments.
const KEY_SAFE = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;

/**
 * Resolves an upload's target: a movie takes no episode; a show needs one (season+episode or id).
 * Throws TITLE_NOT_FOUND / EPISODE_NOT_FOUND / VALIDATION_FAILED.
 */
export function resolveTarget(catalog: TitleLookup, titleId: string, selector: EpisodeSelector = {}): { titleId: string; episodeId?: string } {
  const title = catalog.view().snapshot.byId.get(titleId);
  if (!title) throw new AppError('TITLE_NOT_FOUND', undefined, { id: titleId });
  if (!KEY_SAFE.test(title.id)) throw new AppError('VALIDATION_FAILED', `Title id "${title.id}" cannot name a media folder`);
  const bySeason = selector.season !== undefined || selector.episode !== undefined;
  if (!bySeason && selector.episodeId === undefined) {
    if (title.kind === 'show') throw new AppError('VALIDATION_FAILED', 'A show takes media per episode: give season and episode, or episodeId');
    return { titleId };
  }
  if (bySeason && (selector.season === undefined || selector.episode === undefined)) {
    throw new AppError('VALIDATION_FAILED', 'Give both season and episode');
  }
  const episodes = title.seasons.flatMap((s) => s.episodes);
  const found = selector.episodeId !== undefined
    ? episodes.find((e) => e.id === selector.episodeId)
    : episodes.find((e) => e.seasonNumber === selector.season && e.episodeNumber === selector.episode);
  if (!found) throw new AppError('EPISODE_NOT_FOUND', undefined, { titleId, ...selector });
  if (!KEY_SAFE.test(found.id)) throw new AppError('VALIDATION_FAILED', `Episode id "${found.id}" cannot name a media folder`);
  return { titleId, episodeId: found.id };
}

/** Passes bytes through and fails the stream as soon as more than `limit` went by. */
class SizeLimit extends Transform {
  bytes = 0;
  constructor(private readonly limit: number) {
    super();
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, done: TransformCallback): void {
    this.bytes += chunk.length;
    if (this.bytes > this.limit) done(tooLarge(this.limit));
    else done(null, chunk);
  }
}

const tooLarge = (limit: number): AppError =>
  new AppError('MEDIA_UPLOAD_TOO_LARGE', `The upload is larger than the limit of ${limit} bytes`, { limitBytes: limit });

export interface IngestServiceDeps {
  db: Db;
  blobs: BlobStore;
  catalog: TitleLookup;
  uploadLimitBytes: number;
  /** Attempts before a job whose worker keeps dying is failed (default 3). */
  maxAttempts?: number;
}

/** Takes sources in (HTTP upload or CLI file) and queues them as ingest jobs. */
export class IngestService {
  readonly jobs: JobStore;

  constructor(private readonly deps: IngestServiceDeps) {
    this.jobs = new JobStore(deps.db);
  }

  get uploadLimitBytes(): number {
    return this.deps.uploadLimitBytes;
  }

  /**
   * Streams a source into blob storage under `sources/<jobId>` and queues a job for it. Nothing is kept
   * when the body is empty (MEDIA_UPLOAD_EMPTY), over the limit (MEDIA_UPLOAD_TOO_LARGE) or breaks off.
   */
  async submit(titleId: string, selector: EpisodeSelector, body: Readable, declaredBytes?: number): Promise<Job> {
    const target = resolveTarget(this.deps.catalog, titleId, selector);
    const limit = this.deps.uploadLimitBytes;
    // Refuse before reading a byte when the client says up front that it is too big.
    if (declaredBytes !== undefined && declaredBytes > limit) throw tooLarge(limit);
    const id = newJobId();
    const sourceKey = `sources/${id}`;
    const limiter = new SizeLimit(limit);
    body.on('error', (err) => limiter.destroy(err));
    try {
      const stored = await this.deps.blobs.put(sourceKey, body.pipe(limiter), { contentType: 'application/octet-stream' });
      if (stored.size === 0) throw new AppError('MEDIA_UPLOAD_EMPTY');
      return await this.jobs.enqueue({ id, titleId: target.titleId, episodeId: target.episodeId, sourceKey, maxAttempts: this.deps.maxAttempts });
    } catch (err) {
      body.unpipe(limiter);
      await this.deps.blobs.delete(sourceKey).catch(() => undefined);
      throw err;
    }
  }
}
