import fs from 'node:fs/promises';

/** Lock files held by this process: a second open in the same process must fail too. */
const heldHere = new Set<string>();

/**
 * Takes `file` as a lock (it holds our pid) so two processes never open the same embedded store;
 * `what` names the store in errors ("log directory /data/log"). A lock left by a dead process (crash,
 * SIGKILL) is taken over. Returns the release function.
 */
export async function lockFile(file: string, what: string): Promise<() => Promise<void>> {
  if (heldHere.has(file)) throw new Error(`${what} is already open in this process`);
  for (let attempt = 0; ; attempt++) {
    try {
      await fs.writeFile(file, String(process.pid), { flag: 'wx' });
      break;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST' || attempt > 0) throw err;
      const holder = Number(await fs.readFile(file, 'utf8').catch(() => ''));
      if (Number.isInteger(holder) && holder > 0 && holder !== process.pid && isAlive(holder)) {
        throw new Error(`${what} is locked by running process ${holder}`, { cause: err });
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
