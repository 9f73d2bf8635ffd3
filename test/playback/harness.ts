import { randomUUID } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { expect } from 'vitest';
import { createAccounts, type Accounts } from '../../src/accounts/index.js';
import { buildApp } from '../../src/api/app.js';
import { createRegistry } from '../../src/api/metrics.js';
import { CatalogService } from '../../src/catalog/service.js';
import { keyRing, type MediaTokenKeyRing } from '../../src/delivery/media-token.js';
import type { MediaJobTables } from '../../src/media/jobs/tables.js';
import { allMigrations } from '../../src/migrations.js';
import { openFsBlobStore, type BlobStore } from '../../src/platform/blobs/index.js';
import { openMemoryCache } from '../../src/platform/cache/memory.js';
import type { Cache } from '../../src/platform/cache/types.js';
import { migrate, openPglite, type Db } from '../../src/platform/db/index.js';
import { createPlayback, type Playback, type PlaybackOptions } from '../../src/playback/index.js';
import { smallCatalog } from '../helpers/titles.js';
import { tempDir } from '../media/helpers.js';
import { KEY, KEY_ID, SHAKA_DASH_MPD, SHAKA_HLS_MASTER } from './fixtures.js';

/** scrypt at N = 2^10, as test/helpers/accounts-app.ts: fast enough for many sign-ups per test. */
const TEST_SCRYPT = { N: 2 ** 10, r: 8, p: 1 };
export const PASSWORD = 'correct horse battery';

export interface Member {
  accountId: string;
  headers: { authorization: string };
  email: string;
}

let counter = 0;
/** Registers an account on a plan and signs it in. */
export async function signUp(app: FastifyInstance, body: { country?: string; plan?: string } = {}): Promise<Member> {
  const email = `viewer.${++counter}.${Date.now().toString(36)}@example.com`;
  const registered = await app.inject({ method: 'POST', url: '/v1/accounts', payload: { email, password: PASSWORD, country: body.country ?? 'US', plan: body.plan ?? 'standard' } });
  expect(registered.statusCode, registered.body).toBe(201);
  const signedIn = await app.inject({ method: 'POST', url: '/v1/sessions', payload: { email, password: PASSWORD, deviceName: 'Test TV' } });
  expect(signedIn.statusCode, signedIn.body).toBe(201);
  const { token, accountId } = signedIn.json<{ token: string; accountId: string }>();
  return { accountId, email, headers: { authorization: `Bearer ${token}` } };
}

/** Creates a profile and returns its id. */
export async function createProfile(app: FastifyInstance, member: Member, body: Record<string, unknown> = {}): Promise<string> {
  const res = await app.inject({ method: 'POST', url: '/v1/profiles', headers: member.headers, payload: { name: `P${++counter}`, ...body } });
  expect(res.statusCode, res.body).toBe(201);
  return res.json<{ id: string }>().id;
}

export const TEST_KEYS = keyRing([
  { id: 'new', secret: 'n'.repeat(40) },
  { id: 'old', secret: 'o'.repeat(40) },
]);

/** The shared pieces of a playback deployment: one database, cache, blob store and catalog. */
export interface PlaybackWorld {
  db: Db;
  cache: Cache;
  blobs: BlobStore;
  catalog: CatalogService;
  accounts: Accounts;
  ring: MediaTokenKeyRing;
  close(): Promise<void>;
}

export async function createWorld(): Promise<PlaybackWorld> {
  const { dir, remove } = await tempDir('playback');
  const db = await openPglite(undefined);
  await migrate(db, allMigrations);
  const cache = openMemoryCache({});
  const blobs = await openFsBlobStore(`${dir}/blobs`);
  const catalog = new CatalogService(db);
  const { genres, titles } = smallCatalog();
  await catalog.importCatalog(genres, titles);
  const accounts = createAccounts({ db, cache, catalog, options: { scrypt: TEST_SCRYPT } });
  return {
    db,
    cache,
    blobs,
    catalog,
    accounts,
    ring: TEST_KEYS,
    async close() {
      await cache.close();
      await blobs.close();
      await db.close();
      await remove();
    },
  };
}

/** The real app (buildApp) with accounts, playback and the signed origin, as `marquee start` wires them. */
export async function buildPlaybackApp(world: PlaybackWorld, options: Partial<PlaybackOptions> = {}): Promise<{ app: FastifyInstance; playback: Playback }> {
  const playback = createPlayback({ ...world, tokens: world.ring, options });
  const app = await buildApp({
    catalog: world.catalog,
    accounts: world.accounts,
    playback,
    mediaOrigin: { blobs: world.blobs, ring: world.ring },
    publicUrl: 'http://api.test',
    adminToken: 'playback-test-admin-token',
    bodyLimitBytes: 64 * 1024,
    registry: createRegistry(),
    readiness: [],
  });
  return { app, playback };
}

/** The catalog's id of a show's episode by season and number. */
export function episodeId(world: PlaybackWorld, titleId: string, season: number, episode: number): string {
  const title = world.catalog.view().snapshot.byId.get(titleId);
  const found = title?.seasons.find((s) => s.number === season)?.episodes.find((e) => e.episodeNumber === episode);
  if (!found) throw new Error(`no episode S${season}E${episode} of ${titleId}`);
  return found.id;
}

/**
 * Publishes media for a title or episode the way the ingest worker's commit does: the job row, its key,
 * the current revision, and the packaged files in blobs (here: real Shaka manifests, stub segments).
 */
export async function fakePublish(world: PlaybackWorld, titleId: string, episodeId: string | null = null): Promise<{ jobId: string; prefix: string }> {
  const jobId = `job-${randomUUID().slice(0, 8)}`;
  const prefix = ['media', titleId, ...(episodeId ? [episodeId] : []), jobId, '1'].join('/');
  const q = world.db.builder<MediaJobTables>();
  await q.insertInto('media_jobs').values({ id: jobId, title_id: titleId, episode_id: episodeId, source_key: `sources/${jobId}`, state: 'ready' }).execute();
  await q.insertInto('media_keys').values({ job_id: jobId, key_id: KEY_ID, key: KEY }).execute();
  await q
    .insertInto('media_revisions')
    .values({ title_id: titleId, episode_id: episodeId ?? '', job_id: jobId, prefix, hls_path: `${prefix}/master.m3u8`, dash_path: `${prefix}/manifest.mpd` })
    .execute();
  await world.blobs.put(`${prefix}/master.m3u8`, Buffer.from(SHAKA_HLS_MASTER));
  await world.blobs.put(`${prefix}/manifest.mpd`, Buffer.from(SHAKA_DASH_MPD));
  await world.blobs.put(`${prefix}/trickplay/thumbnails.vtt`, Buffer.from('WEBVTT\n'));
  for (const rung of ['360p', '720p', '1080p']) await world.blobs.put(`${prefix}/video/${rung}/seg_1.m4s`, Buffer.from(`segment ${rung}`));
  return { jobId, prefix };
}
