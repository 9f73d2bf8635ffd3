import fs from 'node:fs/promises';
import path from 'node:path';

/** fsync a directory so file creations, renames and deletions in it survive a crash. */
export async function syncDir(dir: string): Promise<void> {
  const handle = await fs.open(dir, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/** Replaces a small file atomically and durably: write a temp file, fsync, rename, fsync the dir. */
export async function writeFileAtomic(file: string, data: string): Promise<void> {
  const tmp = `${file}.${process.pid}.tmp`;
  const handle = await fs.open(tmp, 'w', 0o644);
  try {
    await handle.writeFile(data);
    await handle.sync();
  } finally {
    await handle.close();
  }
  await fs.rename(tmp, file);
  await syncDir(path.dirname(file));
}

/** Paths locked by this process: a second open in the same process must fail too. */
const heldHere = new Set<string>();

/**
 * Takes the data directory's lock file (holding our pid) so two processes never write one log.
 * A lock left by a dead process (crash, SIGKILL) is taken over. Returns the release function.
 */
export async function lockDir(dir: string): Promise<() => Promise<void>> {
  const file = path.join(dir, 'LOCK');
  if (heldHere.has(file)) throw new Error(`log directory ${dir} is already open in this process`);
  for (let attempt = 0; ; attempt++) {
    try {
      await fs.writeFile(file, String(process.pid), { flag: 'wx' });
      break;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST' || attempt > 0) throw err;
      const holder = Number(await fs.readFile(file, 'utf8').catch(() => ''));
      if (Number.isInteger(holder) && holder > 0 && holder !== process.pid && isAlive(holder)) {
        throw new Error(`log directory ${dir} is locked by running process ${holder}`, { cause: err });
      }
      await fs.rm(file, { force: true });
    }
  }
  heldHere.add(file);
  return async () => {
    heldHere.delete(file);
    await fs.rm(file, { force: true });
  };
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}
