import path from 'node:path';
import { openFsBlobStore } from './fs.js';
import type { BlobStore } from './types.js';

export type { BlobInfo, BlobRead, BlobReadOptions, BlobStore, ByteRange } from './types.js';
export { openFsBlobStore };
export { contentTypeFor, validateKey } from './keys.js';

export interface BlobStoreOptions {
  /** The filesystem store lives under `<dataDir>/blobs`. */
  dataDir: string;
  // `s3?: S3Config` joins here with the S3 adapter: when set, it wins over the filesystem.
}

/** The blob store for this deployment: the filesystem under `<dataDir>/blobs` (S3 comes later). */
export function openBlobStore(options: BlobStoreOptions): Promise<BlobStore> {
  return openFsBlobStore(path.join(options.dataDir, 'blobs'));
}
