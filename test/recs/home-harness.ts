// Shared set-up of the home, store and similar tests: the real app with accounts on in-memory PGlite,
// a filesystem blob store in a temp dir holding published datasets, and a generated catalog.
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { createAccounts, type Accounts } from '../../src/accounts/index.js';
import { buildApp } from '../../src/api/app.js';
import { createRegistry } from '../../src/api/metrics.js';
import type { Genre, MaturityRating, TitleInput } from '../../src/catalog/model.js';
import { CatalogService } from '../../src/catalog/service.js';
import { allMigrations } from '../../src/migrations.js';
import { openFsBlobStore, type BlobStore } from '../../src/platform/blobs/index.js';
import { openMemoryCache } from '../../src/platform/cache/memory.js';
import type { Cache } from '../../src/platform/cache/types.js';
import { migrate, openPglite, type Db } from '../../src/platform/db/index.js';
import { CURRENT_KEY, DATASET_NAMES, datasetKey, type RecsDatasets, type ScoredTitle } from '../../src/recs/datasets.js';
import { DatasetStore, type DatasetStoreOptions } from '../../src/recs/store/dataset-store.js';
import { TEST_SCRYPT } from '../helpers/accounts-app.js';
import { titleInput } from '../helpers/titles.js';

export const GENRES: Genre[] = [
  { id: 'action', name: 'Action' },
  { id: 'comedy', name: 'Comedy' },
  { id: 'drama', name: 'Drama' },
  { id: 'horror', name: 'Horror' },
  { id: 'kids', name: 'Kids' },
  { id: 'scifi', name: 'Sci-Fi' },
];

/**
 * 20 titles per genre (ids `<genre>-<n>`), popularity falling with n; every 5th is R-rated, kids titles
 * are G, every 7th is only available in GB, and each genre has a few shows.
 */
export function homeCatalog(): { genres: Genre[]; titles: TitleInput[] } {
  const titles: TitleInput[] = [];
  GENRES.forEach((genre, g) => {
    for (let n = 0; n < 20; n++) {
      const id = `${genre.id}-${n}`;
      const rating: MaturityRating = genre.id === 'kids' ? 'G' : n % 5 === 4 ? 'R' : 'PG-13';
      titles.push(
        titleInput({
          id,
          name: `${genre.name} ${n}`,
          kind: n % 4 === 3 ? 'show' : 'movie',
          genres: [genre.id],
          maturityRating: rating,
          popularity: Math.round((1 - n / 25 - g / 200) * 1000) / 1000,
          releaseYear: 2000 + ((n * 7 + g) % 25),
          people: [{ name: `Star of ${genre.id} ${n % 3}`, role: 'actor' }],
          ...(n % 7 === 6 ? { availability: [{ country: 'GB', from: '2000-01-01T00:00:00.000Z', until: null }] } : {}),
        }),
      );
    }
  });
  return { genres: GENRES, titles };
}

const scored = (ids: string[]): ScoredTitle[] => ids.map((titleId, i) => ({ titleId, score: Math.round((1 - i / (ids.length + 1)) * 1000) / 1000 }));

/** Datasets over homeCatalog(): neighbours within a genre, trending and top 10 for US, popularity by id. */
export function fixtureDatasets(version: string, createdAt: Date, extra: Partial<Omit<RecsDatasets, 'manifest'>> = {}): RecsDatasets {
  const similar: Record<string, ScoredTitle[]> = {};
  for (const genre of GENRES) {
    for (let n = 0; n < 20; n++) similar[`${genre.id}-${n}`] = scored(Array.from({ length: 19 }, (_, k) => `${genre.id}-${(n + k + 1) % 20}`));
  }
  const popular = GENRES.flatMap((g) => [0, 1, 2, 3].map((n) => `${g.id}-${n}`));
  const datasets: Omit<RecsDatasets, 'manifest'> = {
    trending: { US: scored(['action-1', 'comedy-2', 'drama-3', 'scifi-0', 'horror-1', 'action-4', 'drama-0']), GLOBAL: scored(['drama-1', 'comedy-1']) },
    top10: {
      US: { movies: scored(['scifi-1', 'scifi-2', 'action-0', 'comedy-0', 'drama-2']), shows: scored(['drama-3', 'comedy-3', 'action-3']) },
      GLOBAL: { movies: scored(['comedy-0']), shows: scored(['comedy-3']) },
    },
    similar,
    affinity: {},
    popularity: scored(popular),
    communities: {},
    ...extra,
  };
  const rows = Object.fromEntries(DATASET_NAMES.map((name) => [name, Object.keys(datasets[name]).length])) as RecsDatasets['manifest']['rows'];
  return { manifest: { version, createdAt: createdAt.toISOString(), rows, jobSeconds: {}, eventsRead: 0 }, ...datasets };
}

/** Writes a version's files, then points `recs/CURRENT` at it (as the publisher does). */
export async function publish(blobs: BlobStore, datasets: RecsDatasets): Promise<void> {
  const version = datasets.manifest.version;
  await blobs.put(datasetKey(version, 'manifest'), Buffer.from(JSON.stringify(datasets.manifest)));
  for (const name of DATASET_NAMES) await blobs.put(datasetKey(version, name), Buffer.from(JSON.stringify(datasets[name])));
  await blobs.put(CURRENT_KEY, Buffer.from(version));
}

export interface HomeTestApp {
  app: FastifyInstance;
  db: Db;
  blobs: BlobStore;
  blobRoot: string;
  store: DatasetStore;
  catalog: CatalogService;
  accounts: Accounts;
  /** The shared (embedded) cache the accounts module reads members' state through. */
  cache: Cache;
  close(): Promise<void>;
}

/** The real app with accounts and a dataset store over a temp filesystem blob store. */
export async function createHomeTestApp(
  catalogData: { genres: Genre[]; titles: TitleInput[] } = homeCatalog(),
  storeOptions: Partial<DatasetStoreOptions> = {},
  webRoot?: string,
  now?: () => Date,
): Promise<HomeTestApp> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'marquee-home-'));
  const blobRoot = path.join(dir, 'blobs');
  const blobs = await openFsBlobStore(blobRoot);
  const db = await openPglite(undefined);
  await migrate(db, allMigrations);
  const cache = openMemoryCache({});
  const catalog = new CatalogService(db);
  await catalog.importCatalog(catalogData.genres, catalogData.titles);
  const accounts = createAccounts({ db, cache, catalog, options: { scrypt: TEST_SCRYPT, ...(now ? { now } : {}) } });
  const store = new DatasetStore(blobs, { pollIntervalMs: 50, ...storeOptions });
  const app = await buildApp({
    catalog,
    accounts,
    recs: store,
    ...(webRoot ? { webRoot } : {}),
    adminToken: 'test-admin-token-0123456789',
    bodyLimitBytes: 64 * 1024,
    registry: createRegistry(),
    readiness: [],
    ...(now ? { now } : {}),
  });
  return {
    app,
    db,
    blobs,
    blobRoot,
    store,
    catalog,
    accounts,
    cache,
    async close() {
      await store.stop();
      await app.close();
      await cache.close();
      await db.close();
      await blobs.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

export interface HomeBody {
  profileId: string;
  datasetVersion: string | null;
  degraded?: { reason: string };
  /** Where the rows' cards are (GET /v1/cards…). */
  cards: string;
  rows: { id: string; title: string; reason: string; items: { id: string; progress?: { positionSec: number; durationSec: number } }[] }[];
}

/** GET /v1/cards: title id → card. */
export interface CardsBody {
  catalogVersion: number;
  country: string | null;
  maxMaturityLevel: number;
  cards: Record<string, { id: string; kind: string; name: string; maturityRating: string; genres: string[]; playable: boolean }>;
}
