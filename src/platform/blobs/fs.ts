import { randomBytes } from 'node:crypto';
import type { Dirent } from 'node:fs';
import fs from 'node:fs/promises';
import path from 'node:path';
import type { Readable } from 'node:stream';
import type { BlobInfo, BlobRead, BlobReadOptions, BlobStore, ByteRange } from './types.js';
import { contentTypeFor, validateKey } from './keys.js';

/**
 * Temp files sit next to their target (same filesystem, so rename is atomic) under this reserved
 * name prefix; keys with a segment starting with it are refused so no object can ever look like one.
 */
const TEMP_PREFIX = '.marquee-tmp-';

type ErrnoCode = string | undefined;
const codeOf = (err: unknown): ErrnoCode => (err as NodeJS.ErrnoException | undefined)?.code;
/** The errors that mean "no object there": missing, or a path component is not a directory. */
const isAbsent = (err: unknown): boolean => codeOf(err) === 'ENOENT' || codeOf(err) === 'ENOTDIR';

/** UTF-8 byte order, the order S3 lists keys in. */
const byteOrder = (a: string, b: string): number => Buffer.compare(Buffer.from(a), Buffer.from(b));

/**
 * Blob storage on the local filesystem under `root`. Writes are temp file + fsync + rename (+ fsync of
 * the directory), reads hold the file they opened, so a reader sees the old object or the new one in
 * full. Content types come from the key's extension (`options.contentType` is not stored).
 */
export async function openFsBlobStore(root: string): Promise<BlobStore> {
  const base = path.resolve(root);
  await fs.mkdir(base, { recursive: true });

  const pathOf = (key: string): string => {
    validateKey(key);
    if (key.split('/').some((segment) => segment.startsWith(TEMP_PREFIX))) {
      throw new TypeError(`invalid blob key (reserved name): ${JSON.stringify(key)}`);
    }
    const full = path.resolve(base, key);
    // Defence in depth: validation already forbids escapes, but never trust a single check with paths.
    if (!full.startsWith(base + path.sep)) throw new TypeError(`invalid blob key (escapes the store): ${JSON.stringify(key)}`);
    return full;
  };

  const infoOf = (key: string, stat: { size: number; mtime: Date }): BlobInfo => ({
    key,
    size: stat.size,
    modifiedAt: stat.mtime,
    contentType: contentTypeFor(key),
  });

  async function statFile(key: string, full: string): Promise<BlobInfo | undefined> {
    try {
      const stat = await fs.stat(full);
      return stat.isFile() ? infoOf(key, stat) : undefined;
    } catch (err) {
      if (isAbsent(err)) return undefined;
      throw err;
    }
  }

  /** Keys under `dir` in key order; only descends into directories that can hold `prefix` matches. */
  async function* walk(dir: string, relative: string, prefix: string): AsyncGenerator<string> {
    let entries: Dirent[];
    try {
      entries = await fs.readdir(dir, { withFileTypes: true });
    } catch (err) {
      if (isAbsent(err)) return;
      throw err;
    }
    // A directory sorts as "name/" so its keys land where they belong among sibling files ("a.txt" < "a/b").
    const sortName = (entry: Dirent): string => (entry.isDirectory() ? `${entry.name}/` : entry.name);
    entries.sort((a, b) => byteOrder(sortName(a), sortName(b)));
    for (const entry of entries) {
      if (entry.name.startsWith(TEMP_PREFIX)) continue;
      const key = relative ? `${relative}/${entry.name}` : entry.name;
      if (entry.isDirectory()) {
        const asPrefix = `${key}/`;
        if (asPrefix.startsWith(prefix) || prefix.startsWith(asPrefix)) yield* walk(path.join(dir, entry.name), key, prefix);
      } else if (entry.isFile() && key.startsWith(prefix)) {
        yield key;
      }
    }
  }

  async function syncDir(dir: string): Promise<void> {
    try {
      const handle = await fs.open(dir, 'r');
      try {
        await handle.sync();
      } finally {
        await handle.close();
      }
    } catch {
      // Best effort: some platforms (Windows) cannot open or fsync a directory; the file itself is synced.
    }
  }

  /** Awaiting each write gives backpressure; a source error surfaces from the loop and ends the put. */
  async function writeFully(handle: fs.FileHandle, chunk: Buffer | string): Promise<void> {
    const bytes = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
    for (let offset = 0; offset < bytes.length; ) {
      const { bytesWritten } = await handle.write(bytes, offset, bytes.length - offset);
      offset += bytesWritten;
    }
  }

  async function writeTemp(temp: string, body: Buffer | Readable): Promise<{ size: number; mtime: Date }> {
    const handle = await fs.open(temp, 'wx');
    try {
      if (Buffer.isBuffer(body)) await handle.writeFile(body);
      else for await (const chunk of body as AsyncIterable<Buffer | string>) await writeFully(handle, chunk);
      await handle.sync();
      return await handle.stat();
    } finally {
      await handle.close();
    }
  }

  return {
    kind: 'fs',
    async put(key, body) {
      const full = pathOf(key);
      const temp = path.join(path.dirname(full), `${TEMP_PREFIX}${randomBytes(8).toString('hex')}`);
      try {
        await fs.mkdir(path.dirname(full), { recursive: true });
        const stat = await writeTemp(temp, body);
        await fs.rename(temp, full);
        await syncDir(path.dirname(full));
        return infoOf(key, stat);
      } catch (err) {
        // Cleanup must not mask the original error (e.g. ENOTDIR when a parent is a file).
        await fs.rm(temp, { force: true }).catch(() => undefined);
        const code = codeOf(err);
        if (code === 'EEXIST' || code === 'ENOTDIR' || code === 'EISDIR' || code === 'ENOTEMPTY') {
          // A filesystem cannot hold both "a" and "a/b" as files; S3 can, so say so plainly.
          throw new Error(`blob ${JSON.stringify(key)} collides with an object or prefix of the same name on the filesystem store`, { cause: err });
        }
        throw err;
      }
    },
    async get(key, range?: ByteRange, options?: BlobReadOptions): Promise<BlobRead | undefined> {
      const full = pathOf(key);
      let handle: fs.FileHandle;
      try {
        handle = await fs.open(full, 'r');
      } catch (err) {
        if (isAbsent(err) || codeOf(err) === 'EISDIR') return undefined;
        throw err;
      }
      // Size and bytes both come from the opened file: a concurrent rename cannot mix two versions.
      let read: BlobRead;
      try {
        const stat = await handle.stat();
        if (!stat.isFile()) {
          await handle.close();
          return undefined;
        }
        const contentType = contentTypeFor(key);
        const highWaterMark = options?.highWaterMark;
        if (!range) {
          // A known end lets the stream size its last buffer to the bytes left and skip the read that
          // would only find EOF (an empty file has no end to give).
          const whole = stat.size > 0 ? { start: 0, end: stat.size - 1, highWaterMark } : { highWaterMark };
          read = { body: handle.createReadStream(whole), length: stat.size, totalSize: stat.size, contentType, modifiedAt: stat.mtime };
        } else {
          if (!Number.isSafeInteger(range.start) || range.start < 0 || range.start >= stat.size || (range.end !== undefined && range.end < range.start)) {
            throw new RangeError(`range ${range.start}-${range.end ?? ''} not satisfiable for ${key} (${stat.size} bytes)`);
          }
          const end = Math.min(range.end ?? stat.size - 1, stat.size - 1);
          read = {
            body: handle.createReadStream({ start: range.start, end, highWaterMark }),
            length: end - range.start + 1,
            totalSize: stat.size,
            range: { start: range.start, end },
            contentType,
            modifiedAt: stat.mtime,
          };
        }
      } catch (err) {
        await handle.close();
        throw err;
      }
      return read;
    },
    async stat(key) {
      return statFile(key, pathOf(key));
    },
    async *list(prefix) {
      // Start from the deepest directory the prefix names; walk() filters by the rest of it.
      const slash = prefix.lastIndexOf('/');
      const dirPart = slash >= 0 ? prefix.slice(0, slash) : '';
      const start = dirPart ? pathOf(dirPart) : base;
      for await (const key of walk(start, dirPart, prefix)) {
        const info = await statFile(key, path.join(base, key));
        if (info) yield info; // deleted between the directory read and the stat: skip it
      }
    },
    async delete(key) {
      const full = pathOf(key);
      try {
        await fs.unlink(full);
      } catch (err) {
        if (isAbsent(err)) return;
        // Linux says EISDIR, macOS EPERM: a directory is only a prefix of other keys, not an object.
        if ((codeOf(err) === 'EISDIR' || codeOf(err) === 'EPERM') && (await fs.lstat(full)).isDirectory()) return;
        throw err;
      }
    },
    localFile: pathOf,
    async close() {},
  };
}
