import { buffer } from 'node:stream/consumers';
import type { BlobStore } from '../../platform/blobs/index.js';
import {
  CURRENT_KEY,
  DATASET_NAMES,
  datasetKey,
  type DatasetManifest,
  type DatasetName,
  LATER_DATASETS,
  type RecsDatasets,
} from '../datasets.js';

/** The published version id from `recs/CURRENT`, or undefined when nothing is published. */
export async function readCurrentVersion(blobs: BlobStore): Promise<string | undefined> {
  const read = await blobs.get(CURRENT_KEY);
  if (!read) return undefined;
  const version = (await buffer(read.body)).toString('utf8').trim();
  return version === '' ? undefined : version;
}

async function readJson(blobs: BlobStore, key: string, absent?: unknown): Promise<unknown> {
  const read = await blobs.get(key);
  if (!read && absent !== undefined) return absent;
  if (!read) throw new Error(`dataset file ${key} is missing`);
  return JSON.parse((await buffer(read.body)).toString('utf8')) as unknown;
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** The shape each dataset must have at its top level; deeper checks are the publisher's validation. */
const SHAPES: Record<DatasetName, (value: unknown) => boolean> = {
  trending: isRecord,
  top10: isRecord,
  similar: isRecord,
  affinity: isRecord,
  popularity: Array.isArray,
  communities: isRecord,
};

/** Reads every dataset of one version; throws when a file is missing, malformed or of another version. */
export async function readVersion(blobs: BlobStore, version: string): Promise<RecsDatasets> {
  const manifest = await readJson(blobs, datasetKey(version, 'manifest'));
  if (!isRecord(manifest) || manifest.version !== version || typeof manifest.createdAt !== 'string') {
    throw new Error(`manifest of ${version} is not valid`);
  }
  const files = await Promise.all(DATASET_NAMES.map((name) => readJson(blobs, datasetKey(version, name), LATER_DATASETS.has(name) ? {} : undefined)));
  const out: Record<string, unknown> = { manifest };
  DATASET_NAMES.forEach((name, i) => {
    if (!SHAPES[name](files[i])) throw new Error(`dataset ${name} of ${version} has the wrong shape`);
    out[name] = files[i];
  });
  // Shapes were checked above (manifest fields and each dataset's top level).
  return out as unknown as RecsDatasets & { manifest: DatasetManifest };
}
