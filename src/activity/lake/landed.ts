import fs from 'node:fs/promises';
import path from 'node:path';
import type { SqlEngine } from '../../platform/sql/index.js';
import { lakeEventsDir, parsePartFileName, type PartFile } from './paths.js';
import { landedOffsetsSql } from './sql.js';

/**
 * What is already in the lake, for recovery after a crash: published part files found by name,
 * then the exact `(log_partition, log_offset)` pairs read from the files that may overlap.
 */

/** Every published part file under `events/dt=*\/hr=*\/` (names only; one directory walk). */
export async function listPartFiles(lakeRoot: string): Promise<PartFile[]> {
  const root = lakeEventsDir(lakeRoot);
  const files: PartFile[] = [];
  for (const dt of await readdirOrEmpty(root)) {
    if (!dt.startsWith('dt=')) continue;
    for (const hr of await readdirOrEmpty(path.join(root, dt))) {
      if (!hr.startsWith('hr=')) continue;
      const dir = path.join(root, dt, hr);
      for (const name of await readdirOrEmpty(dir)) {
        const part = parsePartFileName(path.join(dir, name));
        if (part) files.push(part);
      }
    }
  }
  return files;
}

async function readdirOrEmpty(dir: string): Promise<string[]> {
  try {
    return await fs.readdir(dir);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT' || (err as NodeJS.ErrnoException).code === 'ENOTDIR') return [];
    throw err;
  }
}

/**
 * The offsets of `partition` at or after `fromOffset` already in the lake. Names prune the files
 * (only those whose last offset reaches `fromOffset`); the offsets themselves are read from the
 * files, because one flush may have published some of its hour files and not others.
 */
export async function landedOffsets(sql: SqlEngine, files: readonly PartFile[], partition: number, fromOffset: number): Promise<Set<number>> {
  const overlapping = files.filter((f) => f.partition === partition && f.lastOffset >= fromOffset).map((f) => f.path);
  if (overlapping.length === 0) return new Set();
  const rows = await sql.all<{ log_offset: number }>(landedOffsetsSql(overlapping, partition, fromOffset));
  return new Set(rows.map((r) => Number(r.log_offset)));
}
