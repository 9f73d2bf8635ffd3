// The web app end to end in Debian's Chromium against the real app (buildApp with accounts, playback,
// the signed origin and the built bundle): sign up → profile → home posters → title → Play, and the
// video really plays — a 4 s clip went through the real media pipeline (CENC, ClearKey license).
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/api/app.js';
import { createRegistry } from '../../src/api/metrics.js';
import { DEFAULT_WEB_ROOT } from '../../src/api/web.js';
import { uploadOutput } from '../../src/media/jobs/publish.js';
import type { MediaJobTables } from '../../src/media/jobs/tables.js';
import { processSource } from '../../src/media/pipeline.js';
import { createPlayback } from '../../src/playback/index.js';
import { buildWeb, webBuildIsStale } from '../../src/web/build-if-needed.js';
import { hasChromium, launchChromium, SCREENSHOTS, signUpAndPickProfile } from '../helpers/browser.js';
import { hasFfmpeg, makeClip, mediaTools, tempDir } from '../media/helpers.js';
import { createWorld, PASSWORD, type PlaybackWorld } from '../playback/harness.js';

const TITLE_ID = 'mv-kids';
const TITLE_NAME = 'The Little Lantern';

/** Runs the real pipeline on a tiny clip and publishes it as the ingest worker's commit does. */
async function publishRealClip(world: PlaybackWorld, dir: string): Promise<void> {
  const source = path.join(dir, 'source.mp4');
  await makeClip(source, 4, '320x240');
  const result = await processSource(source, path.join(dir, 'work'), { tools: await mediaTools(), segmentSeconds: 2 });
  const jobId = 'job-web-app';
  const prefix = `media/${TITLE_ID}/${jobId}/1`;
  await uploadOutput(world.blobs, result.outputDir, prefix);
  const q = world.db.builder<MediaJobTables>();
  await q.insertInto('media_jobs').values({ id: jobId, title_id: TITLE_ID, episode_id: null, source_key: `sources/${jobId}`, state: 'ready' }).execute();
  await q.insertInto('media_keys').values({ job_id: jobId, key_id: result.key.keyId, key: result.key.key }).execute();
  await q
    .insertInto('media_revisions')
    .values({ title_id: TITLE_ID, episode_id: '', job_id: jobId, prefix, hls_path: `${prefix}/${result.manifests.hls}`, dash_path: `${prefix}/${result.manifests.dash}` })
    .execute();
  await world.catalog.setPlayableMany([{ titleId: TITLE_ID }], true);
}

describe.skipIf(!hasFfmpeg || !hasChromium)('web app: sign up, browse, open a title and watch it (needs ffmpeg, chromium)', () => {
  let world: PlaybackWorld;
  let remove: () => Promise<void>;
  let app: FastifyInstance;
  let base: string;
  let browser: Browser;
  let page: Page;
  const pageErrors: string[] = [];

  beforeAll(async () => {
    let dir: string;
    ({ dir, remove } = await tempDir('web-app'));
    // The bundle and the media are independent: build both at once.
    await Promise.all([webBuildIsStale() ? buildWeb() : Promise.resolve(), (async () => {
      world = await createWorld();
      await publishRealClip(world, dir);
    })()]);
    const playback = createPlayback({ ...world, tokens: world.ring, options: {} });
    // No publicUrl: play responses point at the request's own host, which is what the browser reaches.
    app = await buildApp({
      catalog: world.catalog,
      accounts: world.accounts,
      playback,
      mediaOrigin: { blobs: world.blobs, ring: world.ring },
      webRoot: DEFAULT_WEB_ROOT,
      adminToken: 'web-app-test-admin-token',
      bodyLimitBytes: 64 * 1024,
      registry: createRegistry(),
      readiness: [],
    });
    base = await app.listen({ port: 0, host: '127.0.0.1' });
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1280, height: 720 } });
    page.on('pageerror', (err) => pageErrors.push(err.message));
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await app?.close();
    await world?.close();
    await remove?.();
  });

  it('serves the app for deep links and keeps JSON 404s for unknown API paths', async () => {
    const deep = await app.inject({ method: 'GET', url: '/title/anything' });
    expect(deep.statusCode).toBe(200);
    expect(deep.headers['content-type']).toContain('text/html');
    const unknown = await app.inject({ method: 'GET', url: '/v1/nope' });
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json<{ error: { code: string } }>().error.code).toBe('ROUTE_NOT_FOUND');
  });

  it('signs up, picks a profile, browses posters, opens a title and plays it', async () => {
    await signUpAndPickProfile(page, base, { emailPrefix: 'web', password: PASSWORD });
    const card = page.locator(`.poster-card[data-title-id="${TITLE_ID}"]`).first();
    await card.waitFor();
    // Real images: every visible poster decoded to a non-empty bitmap.
    await page.waitForFunction(() => {
      const imgs = Array.from(document.querySelectorAll<HTMLImageElement>('.poster-card img')).slice(0, 4);
      return imgs.length > 0 && imgs.every((img) => img.complete && img.naturalWidth > 0);
    });
    await page.screenshot({ path: path.join(SCREENSHOTS, 'web-home.png') });

    // Remote keys: arrows move focus onto cards, Enter opens the focused one.
    await page.keyboard.press('ArrowDown');
    await card.focus();
    await page.keyboard.press('Enter');
    await page.waitForURL(`${base}/title/${TITLE_ID}`);
    await page.locator('h1', { hasText: TITLE_NAME }).waitFor();
    await page.screenshot({ path: path.join(SCREENSHOTS, 'web-title.png') });

    await page.click('button:has-text("Play")');
    await page.waitForURL(`${base}/watch/${TITLE_ID}`);
    const played = await page.waitForFunction(
      () => {
        const alert = document.querySelector('[role=alert]');
        if (alert) return { error: alert.textContent };
        const video = document.querySelector<HTMLVideoElement>('video');
        return video && video.currentTime > 1.2 ? { time: video.currentTime } : null;
      },
      undefined,
      { timeout: 20_000 },
    );
    const outcome = (await played.jsonValue()) as { error?: string; time?: number };
    await page.screenshot({ path: path.join(SCREENSHOTS, 'web-player.png') });
    expect(outcome.error).toBeUndefined();
    expect(outcome.time).toBeGreaterThan(1);
    expect(await page.evaluate(() => document.querySelector('video')?.error ?? null)).toBeNull();

    // Escape leaves the player (the session is stopped on the server), back on the title page.
    await page.keyboard.press('Escape');
    await page.waitForURL(`${base}/title/${TITLE_ID}`);
    expect(pageErrors).toEqual([]);
  }, 60_000);
});
