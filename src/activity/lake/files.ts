import fs from 'node:fs/promises';
import path from 'node:path';

/**
 * The filesystem steps that make a lake file appear atomically: fsync the finished file, rename it
 * from the staging directory into its partition directory (same filesystem), fsync the directory.
 * A reader globbing `events/dt=*\/hr=*\/*.parquet` sees either no file or the whole file.
 */

/** Flushes a file's or directory's contents and entry to disk. */
export async function fsyncPath(target: string): Promise<void> {
  const handle = await fs.open(target, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/** Creates `dir` (and parents); the parents of new directories are fsync'd so the new entries survive a crash. */
export async function ensureDurableDir(dir: string): Promise<void> {
  const first = await fs.mkdir(dir, { recursive: true });
  if (first === undefined) return;
  // Every directory from the parent of the first created one down to `dir` got a new entry.
  let current = dir;
  const toSync: string[] = [];
  while (current.length >= first.length) {
    toSync.push(path.dirname(current));
    current = path.dirname(current);
  }
  for (const target of toSync.reverse()) await fsyncPath(target);
}

/** Moves a finished file into place durably: fsync file, rename, fsync the target directory. */
export async function publishFile(stagedPath: string, finalPath: string): Promise<void> {
  await fsyncPath(stagedPath);
  const dir = path.dirname(finalPath);
  await ensureDurableDir(dir);
  await fs.rename(stagedPath, finalPath);
  await fsyncPath(dir);
}

/** Removes staging leftovers older than `olderThanMs` (a crashed writer's); files of live writers are younger. */
export async function cleanStaging(tmpDir: string, olderThanMs: number, now = Date.now()): Promise<void> {
  let names: string[];
  try {
    names = await fs.readdir(tmpDir);
  } catch {
    return;
  }
  for (const name of names) {
    const file = path.join(tmpDir, name);
    const stat = await fs.stat(file).catch(() => undefined);
    if (stat && now - stat.mtimeMs > olderThanMs) await fs.rm(file, { force: true, recursive: true });
  }
}
