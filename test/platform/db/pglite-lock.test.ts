import { spawn } from 'node:child_process';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openPglite } from '../../../src/platform/db/pglite.js';

describe('PGlite on disk serves one process', () => {
  let root: string | undefined;
  afterEach(async () => {
    if (root) await fs.rm(root, { recursive: true, force: true });
  });

  it('refuses a directory another live process holds, names it, and takes over once that process is gone', async () => {
    root = await fs.mkdtemp(path.join(os.tmpdir(), 'pglite-lock-'));
    const dir = path.join(root, 'db');
    const holder = spawn('sleep', ['30']);
    await fs.writeFile(`${dir}.lock`, String(holder.pid));
    await expect(openPglite(dir)).rejects.toThrow(`database directory ${dir} is locked by running process ${holder.pid}: embedded PGlite serves one process`);

    const exited = new Promise((resolve) => holder.once('exit', resolve));
    holder.kill('SIGKILL');
    await exited;
    const db = await openPglite(dir);
    await db.ping();
    expect(await fs.readFile(`${dir}.lock`, 'utf8')).toBe(String(process.pid));
    await expect(openPglite(dir)).rejects.toThrow('is already open in this process');
    await db.close();
    await expect(fs.access(`${dir}.lock`)).rejects.toThrow();
    const again = await openPglite(dir);
    await again.close();
  }, 60_000);
});
