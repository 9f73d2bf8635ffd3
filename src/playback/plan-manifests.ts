import { text } from 'node:stream/consumers';
import { AppError } from '../errors.js';
import type { BlobStore } from '../platform/blobs/index.js';
import { filterDashMpd, filterHlsMaster, type FilteredManifest } from './manifest-filter.js';
import type { MediaRevision } from './media-revisions.js';

/** Blob keys a play response points at, for one revision and one plan's maximum height. */
export interface PlanMedia {
  hlsKey: string;
  dashKey: string;
  /** The trickplay WebVTT index, when the revision has one. */
  trickplayKey: string | null;
}

/** Where the pipeline writes the trickplay index, relative to the revision prefix (src/media/trickplay.ts). */
export const TRICKPLAY_INDEX = 'trickplay/thumbnails.vtt';

/** `…/master.m3u8` → `…/master.max720.m3u8`: the plan's copy, next to the original so relative URLs match. */
export function variantKey(key: string, maxHeight: number): string {
  const dot = key.lastIndexOf('.');
  const slash = key.lastIndexOf('/');
  return dot > slash ? `${key.slice(0, dot)}.max${maxHeight}${key.slice(dot)}` : `${key}.max${maxHeight}`;
}

/**
 * Writes the plan-limited manifests of a revision once and remembers them. Idempotent across nodes: the
 * copies are a pure function of the original, so two nodes racing write the same bytes (puts are
 * atomic). A ladder that already fits the plan is served from the original manifests.
 */
export class PlanManifests {
  private readonly memo = new Map<string, Promise<PlanMedia>>();

  constructor(
    private readonly blobs: BlobStore,
    private readonly maxEntries = 10_000,
  ) {}

  forPlan(revision: MediaRevision, maxHeight: number): Promise<PlanMedia> {
    const id = `${revision.hlsKey}\u0000${revision.dashKey}\u0000${maxHeight}`;
    let media = this.memo.get(id);
    if (!media) {
      if (this.memo.size >= this.maxEntries) this.memo.clear();
      media = this.prepare(revision, maxHeight);
      this.memo.set(id, media);
      media.catch(() => this.memo.delete(id));
    }
    return media;
  }

  private async prepare(revision: MediaRevision, maxHeight: number): Promise<PlanMedia> {
    const [hlsKey, dashKey, trickplay] = await Promise.all([
      this.variant(revision.hlsKey, maxHeight, filterHlsMaster),
      this.variant(revision.dashKey, maxHeight, filterDashMpd),
      this.blobs.stat(`${revision.prefix}/${TRICKPLAY_INDEX}`),
    ]);
    return { hlsKey, dashKey, trickplayKey: trickplay ? trickplay.key : null };
  }

  private async variant(original: string, maxHeight: number, filter: (text: string, maxHeight: number) => FilteredManifest): Promise<string> {
    const target = variantKey(original, maxHeight);
    if (await this.blobs.stat(target)) return target;
    const read = await this.blobs.get(original);
    if (!read) throw new AppError('NOT_PLAYABLE', 'The published media is missing its manifest', { key: original });
    const filtered = filter(await text(read.body), maxHeight);
    if (filtered.kept === 0) {
      throw new AppError('NOT_PLAYABLE', `This title has no rendition at or below ${maxHeight}p`, { maxHeight });
    }
    if (filtered.removed === 0) return original;
    await this.blobs.put(target, Buffer.from(filtered.text));
    return target;
  }
}
