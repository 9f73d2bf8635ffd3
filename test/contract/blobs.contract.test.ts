import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { setImmediate as yieldToLoop } from 'node:timers/promises';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { openBlobStore, openFsBlobStore, type BlobInfo, type BlobStore } from '../../src/platform/blobs/index.js';

/**
 * One contract for every BlobStore adapter: the filesystem store in a temp dir (the S3 adapter joins
 * this suite with its own harness).
 */
interface Harness {
  /** An empty store of its own. */
  open(): Promise<BlobStore>;
  teardown(): Promise<void>;
}

const tempDirs: string[] = [];
async function tempDir(): Promise<string> {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'marquee-blobs-contract-'));
  tempDirs.push(dir);
  return dir;
}
afterAll(async () => {
  await Promise.all(tempDirs.map((dir) => fs.rm(dir, { recursive: true, force: true })));
});

function fsHarness(): Harness {
  return { open: async () => openFsBlobStore(path.join(await tempDir(), 'store')), teardown: async () => {} };
}

async function readAll(body: Readable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of body) chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk as string));
  return Buffer.concat(chunks);
}

async function collect(iterable: AsyncIterable<BlobInfo>): Promise<BlobInfo[]> {
  const all: BlobInfo[] = [];
  for await (const info of iterable) all.push(info);
  return all;
}

const keysOf = async (store: BlobStore, prefix: string): Promise<string[]> => (await collect(store.list(prefix))).map((info) => info.key);

/** A stream that hands out `total` bytes of `fill` in 64 KiB chunks, yielding to the event loop between them. */
function slowStream(total: number, fill: string): Readable {
  return Readable.from(
    (async function* () {
      const chunk = 64 * 1024;
      for (let sent = 0; sent < total; sent += chunk) {
        await yieldToLoop();
        yield Buffer.alloc(Math.min(chunk, total - sent), fill);
      }
    })(),
  );
}

/** A stream that sends some bytes, then fails like a dropped upload. */
function brokenStream(): Readable {
  return Readable.from(
    (async function* () {
      yield Buffer.alloc(100_000, 'x');
      await yieldToLoop();
      yield Buffer.alloc(100_000, 'y');
      throw new Error('source broke');
    })(),
  );
}

export const HOSTILE_KEYS = ['', '../x', '/etc/passwd', 'a/../../b', 'a\\b', 'a\0b', 'a//b', 'a/', './a', 'a/./b', '..'];

/** The cases every adapter must pass; registered inside the caller's describe block. */
function blobContract(harness: Harness): void {
  let opened: BlobStore[] = [];
  async function fresh(): Promise<BlobStore> {
    const store = await harness.open();
    opened.push(store);
    return store;
  }
  afterEach(async () => {
    await Promise.all(opened.map((store) => store.close()));
    opened = [];
  });
  afterAll(() => harness.teardown());

  it('stores a Buffer and reads it back whole', async () => {
    const store = await fresh();
    const body = Buffer.from('#EXTM3U\n#EXT-X-VERSION:7\n');
    const info = await store.put('titles/t1/hls/master.m3u8', body);
    expect(info).toMatchObject({ key: 'titles/t1/hls/master.m3u8', size: body.length, contentType: 'application/vnd.apple.mpegurl' });
    const read = await store.get('titles/t1/hls/master.m3u8');
    expect(read).toMatchObject({ length: body.length, totalSize: body.length, contentType: 'application/vnd.apple.mpegurl' });
    expect(read?.range).toBeUndefined();
    expect(await readAll(read!.body)).toEqual(body);
  });

  it('stores a Readable and reads it back whole', async () => {
    const store = await fresh();
    const info = await store.put('lake/dt=2026-01-01/part-0.parquet', slowStream(300_000, 'p'));
    expect(info.size).toBe(300_000);
    const read = await store.get('lake/dt=2026-01-01/part-0.parquet');
    expect(read?.length).toBe(300_000);
    expect((await readAll(read!.body)).equals(Buffer.alloc(300_000, 'p'))).toBe(true);
  });

  it('stores an empty object', async () => {
    const store = await fresh();
    expect((await store.put('empty.json', Buffer.alloc(0))).size).toBe(0);
    const read = await store.get('empty.json');
    expect(read?.length).toBe(0);
    expect((await readAll(read!.body)).length).toBe(0);
  });

  it('serves byte ranges, clamping the end and refusing unsatisfiable starts', async () => {
    const store = await fresh();
    await store.put('seg.m4s', Buffer.from('abcdefghij'));
    const cases: [{ start: number; end?: number }, string, { start: number; end: number }][] = [
      [{ start: 2, end: 5 }, 'cdef', { start: 2, end: 5 }],
      [{ start: 0, end: 0 }, 'a', { start: 0, end: 0 }],
      [{ start: 7 }, 'hij', { start: 7, end: 9 }],
      [{ start: 8, end: 100 }, 'ij', { start: 8, end: 9 }],
      [{ start: 9, end: 9 }, 'j', { start: 9, end: 9 }],
    ];
    for (const [range, text, served] of cases) {
      const read = await store.get('seg.m4s', range);
      expect(read).toMatchObject({ length: text.length, totalSize: 10, range: served, contentType: 'video/iso.segment' });
      expect((await readAll(read!.body)).toString()).toBe(text);
    }
    await expect(store.get('seg.m4s', { start: 10 })).rejects.toThrow(RangeError);
    await expect(store.get('seg.m4s', { start: 50, end: 60 })).rejects.toThrow(RangeError);
    await expect(store.get('seg.m4s', { start: 5, end: 2 })).rejects.toThrow(RangeError);
    await expect(store.get('seg.m4s', { start: -1 })).rejects.toThrow(RangeError);
    expect(await store.get('missing.m4s', { start: 0 })).toBeUndefined();
  });

  it('stats objects and answers undefined for missing ones', async () => {
    const store = await fresh();
    const before = Date.now();
    await store.put('titles/t1/manifest.mpd', Buffer.from('<MPD/>'));
    const info = await store.stat('titles/t1/manifest.mpd');
    expect(info).toMatchObject({ key: 'titles/t1/manifest.mpd', size: 6, contentType: 'application/dash+xml' });
    expect(info!.modifiedAt).toBeInstanceOf(Date);
    expect(info!.modifiedAt.getTime()).toBeGreaterThan(before - 5_000);
    expect(await store.stat('titles/t1/missing.mpd')).toBeUndefined();
    expect(await store.stat('titles/t1')).toBeUndefined(); // a prefix is not an object
    expect(await store.stat('titles/t1/manifest.mpd/deeper')).toBeUndefined();
    expect(await store.get('nope/nothing.vtt')).toBeUndefined();
  });

  it('derives content types from extensions', async () => {
    const store = await fresh();
    const expected: Record<string, string> = {
      'a.mp4': 'video/mp4',
      'a.vtt': 'text/vtt',
      'a.jpg': 'image/jpeg',
      'a.png': 'image/png',
      'a.svg': 'image/svg+xml',
      'a.json': 'application/json',
      'a.parquet': 'application/vnd.apache.parquet',
      'a.bin': 'application/octet-stream',
    };
    for (const [key, type] of Object.entries(expected)) {
      expect((await store.put(key, Buffer.from('x'))).contentType).toBe(type);
      expect((await store.stat(key))?.contentType).toBe(type);
    }
  });

  it('lists by prefix in key order, excluding other prefixes', async () => {
    const store = await fresh();
    const keys = ['titles/t1/b.m4s', 'other/z', 'titles/t10/x', 'titles/t1/sub/c', 'titles/t1.json', 'titles/t1/a.m4s', 'titles/t1-extra/y', 'titles/t2/q'];
    for (const key of keys) await store.put(key, Buffer.from(key));
    expect(await keysOf(store, 'titles/t1/')).toEqual(['titles/t1/a.m4s', 'titles/t1/b.m4s', 'titles/t1/sub/c']);
    expect(await keysOf(store, 'titles/t1')).toEqual(['titles/t1-extra/y', 'titles/t1.json', 'titles/t1/a.m4s', 'titles/t1/b.m4s', 'titles/t1/sub/c', 'titles/t10/x']);
    expect(await keysOf(store, '')).toEqual([...keys].sort());
    expect(await keysOf(store, 'titles/t1/a')).toEqual(['titles/t1/a.m4s']);
    expect(await keysOf(store, 'nope/')).toEqual([]);
    expect(await keysOf(store, 'other/z')).toEqual(['other/z']);
    const infos = await collect(store.list('titles/t1/'));
    expect(infos[0]).toMatchObject({ key: 'titles/t1/a.m4s', size: 'titles/t1/a.m4s'.length, contentType: 'video/iso.segment' });
  });

  it('lists keys with unusual but valid names', async () => {
    const store = await fresh();
    const keys = ['x/report.tmp-1', 'x/.hidden', 'x/ünï cödé.json', 'x/a b+c%20.m4s', 'x/~lock'];
    for (const key of keys) await store.put(key, Buffer.from(key));
    expect(await keysOf(store, 'x/')).toEqual([...keys].sort());
    for (const key of keys) expect((await readAll((await store.get(key))!.body)).toString()).toBe(key);
  });

  it('deletes objects; absent keys and bare prefixes are not errors', async () => {
    const store = await fresh();
    await store.put('d/one', Buffer.from('1'));
    await store.put('d/two', Buffer.from('2'));
    await store.delete('d/one');
    expect(await store.stat('d/one')).toBeUndefined();
    expect(await store.get('d/one')).toBeUndefined();
    expect(await keysOf(store, 'd/')).toEqual(['d/two']);
    await expect(store.delete('d/one')).resolves.toBeUndefined();
    await expect(store.delete('never/was')).resolves.toBeUndefined();
    await expect(store.delete('d')).resolves.toBeUndefined();
    expect(await keysOf(store, 'd/')).toEqual(['d/two']);
  });

  it('overwrites atomically: every reader sees the old or the new object in full', async () => {
    const store = await fresh();
    const oldBody = Buffer.alloc(4 * 1024 * 1024, 'A');
    const newBody = Buffer.alloc(3 * 1024 * 1024, 'B'); // a different size, so a mixed read also shows in `length`
    await store.put('big.mp4', oldBody);
    const heldOpen = await store.get('big.mp4');

    let writing = true;
    const write = store.put('big.mp4', slowStream(newBody.length, 'B')).finally(() => {
      writing = false;
    });
    const seen = { old: 0, new: 0 };
    while (writing) {
      const read = (await store.get('big.mp4'))!;
      const bytes = await readAll(read.body);
      expect(bytes.length).toBe(read.length);
      if (bytes.equals(oldBody)) seen.old += 1;
      else if (bytes.equals(newBody)) seen.new += 1;
      else throw new Error(`torn read: ${bytes.length} bytes, first ${bytes[0]}, last ${bytes[bytes.length - 1]}`);
    }
    await write;
    expect(seen.old + seen.new).toBeGreaterThan(0);
    expect((await readAll((await store.get('big.mp4'))!.body)).equals(newBody)).toBe(true);
    // A read opened before the rename still delivers the old object, with the length it announced.
    expect(heldOpen!.length).toBe(oldBody.length);
    expect((await readAll(heldOpen!.body)).equals(oldBody)).toBe(true);
  });

  it('rejects hostile keys with a TypeError naming the key', async () => {
    const store = await fresh();
    for (const key of HOSTILE_KEYS) {
      const named = expect.objectContaining({ name: 'TypeError', message: expect.stringContaining(JSON.stringify(key)) });
      await expect(store.put(key, Buffer.from('x')), key).rejects.toEqual(named);
      await expect(store.get(key), key).rejects.toEqual(named);
      await expect(store.stat(key), key).rejects.toEqual(named);
      await expect(store.delete(key), key).rejects.toEqual(named);
    }
    await expect(collect(store.list('../'))).rejects.toThrow(TypeError);
    await expect(collect(store.list('a/../../'))).rejects.toThrow(TypeError);
    expect(await keysOf(store, '')).toEqual([]);
  });

  it('leaves nothing behind when the source stream fails midway', async () => {
    const store = await fresh();
    await store.put('keep/old.mp4', Buffer.from('old content'));
    await expect(store.put('up/new.mp4', brokenStream())).rejects.toThrow('source broke');
    await expect(store.put('keep/old.mp4', brokenStream())).rejects.toThrow('source broke');
    expect(await store.stat('up/new.mp4')).toBeUndefined();
    expect(await keysOf(store, '')).toEqual(['keep/old.mp4']);
    expect((await readAll((await store.get('keep/old.mp4'))!.body)).toString()).toBe('old content');
  });
}

describe('BlobStore contract: fs', () => blobContract(fsHarness()));

/** Every file under `dir`, relative, including ones list() hides. */
async function filesOnDisk(dir: string): Promise<string[]> {
  const entries = await fs.readdir(dir, { recursive: true, withFileTypes: true });
  return entries.filter((entry) => entry.isFile()).map((entry) => path.relative(dir, path.join(entry.parentPath, entry.name)));
}

describe('fs blob store', () => {
  it('writes nothing outside its root for hostile keys', async () => {
    const dir = await tempDir();
    const store = await openFsBlobStore(path.join(dir, 'store'));
    for (const key of HOSTILE_KEYS) await store.put(key, Buffer.from('x')).catch(() => undefined);
    expect(await filesOnDisk(dir)).toEqual([]);
  });

  it('leaves no temp file on disk after a failed put', async () => {
    const root = path.join(await tempDir(), 'store');
    const store = await openFsBlobStore(root);
    await store.put('a/keep.m4s', Buffer.from('1'));
    await expect(store.put('a/lost.m4s', brokenStream())).rejects.toThrow('source broke');
    expect(await filesOnDisk(root)).toEqual([path.join('a', 'keep.m4s')]);
  });

  it('reserves the temp-file name prefix', async () => {
    const store = await openFsBlobStore(path.join(await tempDir(), 'store'));
    await expect(store.put('a/.marquee-tmp-123', Buffer.from('x'))).rejects.toThrow(TypeError);
    await expect(store.put('.marquee-tmp-x/a', Buffer.from('x'))).rejects.toThrow(TypeError);
  });

  it('explains a key that collides with a prefix, which a filesystem cannot hold', async () => {
    const store = await openFsBlobStore(path.join(await tempDir(), 'store'));
    await store.put('a', Buffer.from('file'));
    await expect(store.put('a/b', Buffer.from('x'))).rejects.toThrow(/collides/);
    await store.put('c/d', Buffer.from('x'));
    await expect(store.put('c', Buffer.from('x'))).rejects.toThrow(/collides/);
    expect(await keysOf(store, '')).toEqual(['a', 'c/d']);
  });

  it('openBlobStore keeps objects under <dataDir>/blobs', async () => {
    const dataDir = await tempDir();
    const store = await openBlobStore({ dataDir });
    expect(store.kind).toBe('fs');
    await store.put('artwork/t1.jpg', Buffer.from('jpg'));
    expect(await fs.readFile(path.join(dataDir, 'blobs', 'artwork', 't1.jpg'), 'utf8')).toBe('jpg');
  });
});
