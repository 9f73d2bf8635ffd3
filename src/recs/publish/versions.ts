import { randomBytes } from 'node:crypto';
import type { BlobStore } from '../../platform/blobs/index.js';
import { CURRENT_KEY, DATASET_NAMES, datasetKey, RECS_PREFIX, type DatasetManifest } from '../datasets.js';
import type { DatasetsByName } from '../jobs/compute.js';
import { readCurrentVersion } from '../store/read.js';

const VERSIONS_PREFIX = `${RECS_PREFIX}versions/`;

/** `v<UTC yyyymmddThhmmssZ>-<random>`: sorts by time (the contract in datasets.ts). */
export function newVersionId(at: Date): string {
  const stamp = at.toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, '');
  return `v${stamp}-${randomBytes(3).toString('hex')}`;
}

/**
 * Writes every dataset of a version, the manifest last: a version without its manifest is
 * incomplete (a crash mid-write) and is never listed, published or rolled back to.
 */
export async function writeVersion(blobs: BlobStore, manifest: DatasetManifest, data: DatasetsByName): Promise<void> {
  for (const name of DATASET_NAMES) {
    await blobs.put(datasetKey(manifest.version, name), Buffer.from(JSON.stringify(data[name])), { contentType: 'application/json' });
  }
  await blobs.put(datasetKey(manifest.version, 'manifest'), Buffer.from(JSON.stringify(manifest, null, 2)), { contentType: 'application/json' });
}

/** Points `recs/CURRENT` at a version: one atomic blob replace, so readers see the old or the new id. */
export async function publishVersion(blobs: BlobStore, version: string): Promise<void> {
  await blobs.put(CURRENT_KEY, Buffer.from(`${version}\n`), { contentType: 'text/plain' });
}

/** Complete versions (with a manifest), oldest first. */
export async function listVersions(blobs: BlobStore): Promise<string[]> {
  const versions: string[] = [];
  for await (const info of blobs.list(VERSIONS_PREFIX)) {
    const [version, file] = info.key.slice(VERSIONS_PREFIX.length).split('/');
    if (version && file === 'manifest.json') versions.push(version);
  }
  return versions.sort();
}

/** Deletes all but the newest `keep` versions, never the published one; returns the deleted ids. */
export async function pruneVersions(blobs: BlobStore, keep: number): Promise<string[]> {
  const current = await readCurrentVersion(blobs);
  const complete = await listVersions(blobs);
  const keepSet = new Set(complete.slice(-Math.max(1, keep)));
  if (current) keepSet.add(current);
  // Incomplete versions (no manifest) older than the newest kept one are crash leftovers: delete them too.
  const newestKept = complete[complete.length - 1] ?? '';
  const doomed = new Map<string, string[]>();
  for await (const info of blobs.list(VERSIONS_PREFIX)) {
    const version = info.key.slice(VERSIONS_PREFIX.length).split('/')[0] ?? '';
    if (keepSet.has(version) || (!complete.includes(version) && version >= newestKept)) continue;
    doomed.set(version, [...(doomed.get(version) ?? []), info.key]);
  }
  for (const keys of doomed.values()) for (const key of keys) await blobs.delete(key);
  return [...doomed.keys()];
}

/** A rollback that could not be made. */
export class RollbackError extends Error {
  override name = 'RollbackError';
}

/** Publishes the newest complete version older than the published one; returns both ids. */
export async function rollback(blobs: BlobStore): Promise<{ from: string; to: string }> {
  const current = await readCurrentVersion(blobs);
  if (!current) throw new RollbackError('no recommendation datasets are published');
  const older = (await listVersions(blobs)).filter((v) => v < current);
  const to = older[older.length - 1];
  if (!to) throw new RollbackError(`no version older than ${current} is kept`);
  await publishVersion(blobs, to);
  return { from: current, to };
}
