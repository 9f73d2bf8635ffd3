import { gzipSync } from 'node:zlib';
import { LRUCache } from 'lru-cache';
import type { HomePage } from './assemble.js';

/**
 * Rendering a 60–70 kB page costs little, but copying and sending it costs more than the rest of the
 * request, and clients (browsers, TVs) accept gzip: JSON of cards gzips about 7 to 1.
 */
const GZIP_LEVEL = 6;
/** What an entry costs besides its bytes (the entry, the key, the LRU's slots). */
const ENTRY_OVERHEAD_BYTES = 200;

/**
 * Each profile's last page, gzipped, kept while it is the page its plan gives (page-plans.ts): a
 * plan reused is sent as the bytes compressed when it was first sent. A page assembled afresh is a
 * new object, so it is compressed afresh; nothing stale can be sent. Per api node, bounded by bytes.
 */
export class CompressedPages {
  private readonly pages: LRUCache<string, { page: HomePage; gzip: Buffer }> | undefined;

  /** `maxBytes` 0 keeps none (every gzipped page is compressed when sent). */
  constructor(maxBytes: number) {
    this.pages = maxBytes > 0 ? new LRUCache({ maxSize: maxBytes, sizeCalculation: (entry) => entry.gzip.length + ENTRY_OVERHEAD_BYTES }) : undefined;
  }

  /** `page` gzipped: the bytes kept for it, or `render`'s pieces compressed now (and kept). */
  gzip(profileId: string, page: HomePage, render: () => readonly Buffer[]): Buffer {
    const held = this.pages?.get(profileId);
    if (held?.page === page) return held.gzip;
    const gzip = gzipSync(Buffer.concat(render()), { level: GZIP_LEVEL });
    this.pages?.set(profileId, { page, gzip });
    return gzip;
  }
}
