import type { Readable } from 'node:stream';

/** Metadata of one stored object. */
export interface BlobInfo {
  key: string;
  size: number;
  modifiedAt: Date;
  contentType?: string;
}

/** An inclusive byte range, as in HTTP `Range: bytes=start-end`; `end` undefined means to the end. */
export interface ByteRange {
  start: number;
  end?: number;
}

export interface BlobRead {
  body: Readable;
  /** Bytes in `body`. */
  length: number;
  /** Size of the whole object. */
  totalSize: number;
  /** The range actually served (clamped to the object), when one was asked for. */
  range?: { start: number; end: number };
  contentType?: string;
  /**
   * When the object was last written, from the same open file (or response) as the bytes, so a reader
   * can build validators (ETag, Last-Modified) without a second round trip to `stat`.
   */
  modifiedAt?: Date;
}

/** How a read is streamed; adapters ignore what they cannot honour. */
export interface BlobReadOptions {
  /**
   * Bytes per read from the backing store (Node's stream highWaterMark). Large sequential reads (the
   * origin sending segments) want fewer, bigger reads; the default keeps memory per open read small.
   */
  highWaterMark?: number;
}

/**
 * Object storage for media, artwork, lake files and dataset versions: filesystem embedded,
 * S3-compatible in services mode. Keys are relative slash-separated paths (`titles/t1/hls/master.m3u8`);
 * anything that could escape the store (`..`, absolute paths, backslashes, NUL) is rejected.
 */
export interface BlobStore {
  readonly kind: 'fs' | 's3';
  /** Writes atomically: readers see the old object or the whole new one, never a part. */
  put(key: string, body: Buffer | Readable, options?: { contentType?: string }): Promise<BlobInfo>;
  /** Streams an object or a byte range of it; undefined when absent. Throws RangeError for an unsatisfiable range. */
  get(key: string, range?: ByteRange, options?: BlobReadOptions): Promise<BlobRead | undefined>;
  stat(key: string): Promise<BlobInfo | undefined>;
  /** Every object whose key starts with `prefix`, in key order. */
  list(prefix: string): AsyncIterable<BlobInfo>;
  /** Removes an object; absent is not an error. */
  delete(key: string): Promise<void>;
  /**
   * The local file that holds `key` (it may not exist), for a server that sends files with its own
   * reused buffers instead of a stream's fresh ones; only stores backed by the local filesystem have it.
   * Validates the key like every other method. Read-only use: writes must go through `put`.
   */
  localFile?(key: string): string;
  close(): Promise<void>;
}
