import type { Title } from '../catalog/model.js';
import type { Db } from '../platform/db/index.js';
import type { BlobStore } from '../platform/blobs/index.js';
import { currentRevision } from '../media/jobs/revisions.js';
import { signedMediaPath, signMediaToken, type MediaTokenKeyRing } from './media-token.js';

/**
 * Proactive fill (Open Connect's nightly fill): pre-positions the most popular titles' files on an edge
 * by fetching them THROUGH the edge, so its own nginx cache takes them in exactly as it would for a
 * viewer (same keys, same slices). Idempotent: a second run finds every file cached (all HIT).
 */

/** One published revision to pre-position: a movie, or one episode of a show. */
export interface FillTarget {
  titleId: string;
  episodeId: string | null;
  /** Blob key prefix of the packaged output, e.g. `media/t1/job-…/1`. */
  prefix: string;
}

export interface FillProgress {
  target: FillTarget;
  index: number;
  total: number;
  files: number;
  bytes: number;
  hits: number;
}

export interface FillReport {
  targets: number;
  files: number;
  bytes: number;
  /** Files the edge already held (X-Cache-Status HIT), and files it had to take from the origin. */
  hits: number;
  misses: number;
  /** Files the edge did not serve (non-2xx or network error), with the first few for the operator. */
  failed: number;
  failures: string[];
}

export interface FillOptions {
  /** The edge's base URL (no trailing slash). */
  edgeUrl: string;
  blobs: BlobStore;
  ring: MediaTokenKeyRing;
  targets: readonly FillTarget[];
  /** Parallel fetches; the edge's proxy_cache_lock collapses any overlap. Default 4. */
  concurrency?: number;
  /** Unix seconds; default now. The fill token lives an hour past it. */
  nowSeconds?: number;
  onProgress?: (progress: FillProgress) => void;
}

/** The published revisions of the `top` most popular titles (every episode of a show), deduplicated by prefix. */
export async function popularFillTargets(db: Db, titlesByPopularity: readonly Title[], top: number): Promise<FillTarget[]> {
  const targets: FillTarget[] = [];
  const seen = new Set<string>();
  for (const title of titlesByPopularity.slice(0, top)) {
    const episodes = title.seasons.flatMap((season) => season.episodes.map((episode) => episode.id));
    for (const episodeId of episodes.length > 0 ? episodes : [null]) {
      const revision = await currentRevision(db, title.id, episodeId);
      // The demo catalog shares one clip among many titles: fetch each prefix once.
      if (!revision || seen.has(revision.prefix)) continue;
      seen.add(revision.prefix);
      targets.push({ titleId: title.id, episodeId, prefix: revision.prefix });
    }
  }
  return targets;
}

async function fetchOne(url: string): Promise<{ ok: boolean; bytes: number; hit: boolean; status: number }> {
  const res = await fetch(url);
  // Read the whole body: nginx caches what it sent, and slices are stored as they stream through.
  const body = await res.arrayBuffer();
  return { ok: res.ok, bytes: body.byteLength, hit: res.headers.get('x-cache-status') === 'HIT', status: res.status };
}

/** Fetches every file of every target through the edge; reports counts, never throws for one bad file. */
export async function fillEdge(options: FillOptions): Promise<FillReport> {
  const report: FillReport = { targets: options.targets.length, files: 0, bytes: 0, hits: 0, misses: 0, failed: 0, failures: [] };
  const now = options.nowSeconds ?? Date.now() / 1000;
  const concurrency = Math.max(1, options.concurrency ?? 4);
  for (const [index, target] of options.targets.entries()) {
    // One token per revision, scoped to its prefix like a viewer's, no height limit: every rung is filled.
    const token = signMediaToken(options.ring, { sessionId: 'fill', prefix: target.prefix, expiresAt: now + 3600 });
    const keys: string[] = [];
    for await (const blob of options.blobs.list(`${target.prefix}/`)) keys.push(blob.key);
    const progress: FillProgress = { target, index: index + 1, total: options.targets.length, files: 0, bytes: 0, hits: 0 };
    let next = 0;
    const worker = async (): Promise<void> => {
      while (next < keys.length) {
        const key = keys[next++] as string;
        try {
          const result = await fetchOne(options.edgeUrl + signedMediaPath(token, key));
          if (!result.ok) throw new Error(`HTTP ${result.status}`);
          progress.files++;
          progress.bytes += result.bytes;
          if (result.hit) progress.hits++;
        } catch (err) {
          report.failed++;
          if (report.failures.length < 5) report.failures.push(`${key}: ${(err as Error).message}`);
        }
      }
    };
    await Promise.all(Array.from({ length: Math.min(concurrency, keys.length) }, worker));
    report.files += progress.files;
    report.bytes += progress.bytes;
    report.hits += progress.hits;
    report.misses += progress.files - progress.hits;
    options.onProgress?.(progress);
  }
  return report;
}
