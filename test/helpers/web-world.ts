// A real app for browser tests and the first-frame bench: the catalog, accounts and playback of the
// playback harness, the signed origin and the built web bundle, plus one clip that went through the real
// media pipeline (two rungs, an English subtitle track, trickplay) published as the ingest commit does.
import { writeFile } from 'node:fs/promises';
import http from 'node:http';
import type { Socket } from 'node:net';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { ACTIVITY_TOPIC, EventIngest, type StoredEvent } from '../../src/activity/index.js';
import { buildApp } from '../../src/api/app.js';
import { createRegistry } from '../../src/api/metrics.js';
import { DEFAULT_WEB_ROOT } from '../../src/api/web.js';
import { demoSubtitles } from '../../src/media/demo-sources.js';
import { uploadOutput } from '../../src/media/jobs/publish.js';
import type { MediaJobTables } from '../../src/media/jobs/tables.js';
import { processSource } from '../../src/media/pipeline.js';
import { openSegmentLog, type Log } from '../../src/platform/log/index.js';
import { createPlayback, type PlaybackOptions } from '../../src/playback/index.js';
import { buildWeb, webBuildIsStale } from '../../src/web/build-if-needed.js';
import { makeClip, mediaTools, tempDir } from '../media/helpers.js';
import { createWorld, type PlaybackWorld } from '../playback/harness.js';

export interface ClipSpec {
  titleId: string;
  seconds: number;
  /** Source size; the ladder gets `heights` up to its short side. */
  size: string;
  heights: readonly number[];
  subtitles: boolean;
}

/** Runs the real pipeline on a generated clip and publishes it for `titleId`. */
export async function publishClip(world: PlaybackWorld, dir: string, spec: ClipSpec): Promise<void> {
  const source = path.join(dir, 'source.mp4');
  await makeClip(source, spec.seconds, spec.size);
  const srt = path.join(dir, 'eng.srt');
  if (spec.subtitles) await writeFile(srt, demoSubtitles('eng', spec.seconds));
  const result = await processSource(source, path.join(dir, 'work'), {
    tools: await mediaTools(),
    segmentSeconds: 2,
    ladder: { heights: spec.heights },
    ...(spec.subtitles ? { subtitles: [{ path: srt, language: 'eng' }] } : {}),
  });
  const jobId = `job-${spec.titleId}`;
  const prefix = `media/${spec.titleId}/${jobId}/1`;
  await uploadOutput(world.blobs, result.outputDir, prefix);
  const q = world.db.builder<MediaJobTables>();
  await q.insertInto('media_jobs').values({ id: jobId, title_id: spec.titleId, episode_id: null, source_key: `sources/${jobId}`, state: 'ready' }).execute();
  await q.insertInto('media_keys').values({ job_id: jobId, key_id: result.key.keyId, key: result.key.key }).execute();
  await q
    .insertInto('media_revisions')
    .values({ title_id: spec.titleId, episode_id: '', job_id: jobId, prefix, hls_path: `${prefix}/${result.manifests.hls}`, dash_path: `${prefix}/${result.manifests.dash}` })
    .execute();
  await world.catalog.setPlayableMany([{ titleId: spec.titleId }], true);
}

export interface WebWorld {
  world: PlaybackWorld;
  app: FastifyInstance;
  base: string;
  /** Delivery hosts the play API ranks; empty means the app's own host only. */
  hosts: string[];
  /** The activity log behind POST /v1/events (a segment log in the world's temp dir). */
  log: Log;
  /** Every activity event stored so far, read through a fresh consumer group. */
  storedEvents(): Promise<StoredEvent[]>;
  close(): Promise<void>;
}

/** Builds the bundle (when stale) and publishes the clip at once, then listens on a free port. */
export async function startWebWorld(clip: ClipSpec, playbackOptions: Partial<PlaybackOptions> = {}): Promise<WebWorld> {
  const { dir, remove } = await tempDir('web-world');
  const world = await createWorld();
  await Promise.all([webBuildIsStale() ? buildWeb() : Promise.resolve(), publishClip(world, dir, clip)]);
  const hosts: string[] = [];
  // Events as src/server.ts wires them: the player's QoE and playback events land in a real log.
  const log = await openSegmentLog({ dir: path.join(dir, 'log'), partitions: 2 });
  const activity = new EventIngest({ log, profiles: world.accounts.profiles });
  const playback = createPlayback({ ...world, tokens: world.ring, options: playbackOptions, ranker: () => Promise.resolve([...hosts]) });
  const app = await buildApp({
    catalog: world.catalog,
    accounts: world.accounts,
    playback,
    activity,
    mediaOrigin: { blobs: world.blobs, ring: world.ring },
    webRoot: DEFAULT_WEB_ROOT,
    adminToken: 'web-world-admin-token',
    bodyLimitBytes: 64 * 1024,
    registry: createRegistry(),
    readiness: [],
  });
  const base = await app.listen({ port: 0, host: '127.0.0.1' });
  return {
    world,
    app,
    base,
    hosts,
    log,
    async storedEvents() {
      const consumer = await log.consumer(ACTIVITY_TOPIC, `verify-${Date.now()}-${Math.random().toString(36).slice(2)}`);
      const out: StoredEvent[] = [];
      try {
        for (;;) {
          const batch = await consumer.poll(1000, 50);
          if (batch.length === 0) return out;
          out.push(...batch.map((r) => JSON.parse(new TextDecoder().decode(r.value)) as StoredEvent));
        }
      } finally {
        await consumer.close();
      }
    },
    async close() {
      await app.close();
      await log.close();
      await world.close();
      await remove();
    },
  };
}

/** A plain HTTP proxy to `target` standing in for an edge; `stop()` kills it and its open connections. */
export async function startEdgeProxy(target: string): Promise<{ url: string; stop: () => Promise<void> }> {
  const sockets = new Set<Socket>();
  const upstream = new URL(target);
  const server = http.createServer((req, res) => {
    // Another origin than the page's: the browser needs CORS to read media from it.
    const cors = { 'access-control-allow-origin': '*', 'access-control-allow-headers': '*', 'access-control-allow-methods': 'GET, HEAD, OPTIONS' };
    if (req.method === 'OPTIONS') return void res.writeHead(204, cors).end();
    const forward = http.request({ host: upstream.hostname, port: upstream.port, path: req.url, method: req.method, headers: { ...req.headers, host: upstream.host } }, (up) => {
      res.writeHead(up.statusCode ?? 502, { ...up.headers, ...cors });
      up.pipe(res);
    });
    forward.on('error', () => res.writeHead(502).end());
    req.pipe(forward);
  });
  server.on('connection', (s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    url: `http://127.0.0.1:${port}`,
    stop: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        for (const s of sockets) s.destroy();
      }),
  };
}
