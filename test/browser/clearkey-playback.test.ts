// The packaged, CENC-encrypted output really plays: Shaka Player in headless Chromium fetches the HLS and
// the DASH manifests through the origin, gets the key as a ClearKey and decodes; with a wrong key it must
// not play (so the content really is encrypted).
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import Fastify, { type FastifyInstance } from 'fastify';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { originRoutes } from '../../src/delivery/origin.js';
import { processSource, type ProcessResult } from '../../src/media/pipeline.js';
import { openBlobStore } from '../../src/platform/blobs/index.js';
import type { BlobStore } from '../../src/platform/blobs/types.js';
import { hasChromium, launchChromium, SCREENSHOTS } from '../helpers/browser.js';
import { hasFfmpeg, makeClip, mediaTools, tempDir } from '../media/helpers.js';

const PAGE = `<!doctype html><html><body style="margin:0;background:#000">
<video id="v" muted playsinline style="width:640px;height:360px"></video>
<script src="/shaka.js"></script>
<script>
  shaka.polyfill.installAll();
  window.playOnce = async (url, clearKeys) => {
    const video = document.getElementById('v');
    const player = new shaka.Player();
    await player.attach(video);
    player.configure({ drm: { clearKeys }, streaming: { retryParameters: { maxAttempts: 1 } } });
    const errors = [];
    player.addEventListener('error', (e) => errors.push(e.detail.code));
    try {
      await player.load(url);
      await video.play();
      const started = Date.now();
      while (video.currentTime < 2.5 && Date.now() - started < 15000 && errors.length === 0 && !video.error) {
        await new Promise((r) => setTimeout(r, 100));
      }
    } catch (e) {
      errors.push(e.code ?? String(e));
    }
    const track = player.getVariantTracks().find((t) => t.active);
    const result = { currentTime: video.currentTime, errors, mediaError: video.error ? video.error.code : null,
      height: track ? track.height : null, keySystem: player.keySystem(), decoded: video.getVideoPlaybackQuality().totalVideoFrames };
    window.stopPlay = () => player.destroy();
    return result;
  };
</script></body></html>`;

interface PlayResult {
  currentTime: number;
  errors: unknown[];
  mediaError: number | null;
  height: number | null;
  keySystem: string;
  decoded: number;
}

describe.skipIf(!hasFfmpeg || !hasChromium)('encrypted CMAF plays in Chromium with Shaka Player (needs ffmpeg, chromium)', () => {
  let remove: () => Promise<void>;
  let blobs: BlobStore;
  let app: FastifyInstance;
  let base: string;
  let title: ProcessResult;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    let dir: string;
    ({ dir, remove } = await tempDir('clearkey'));
    const source = path.join(dir, 'source.mp4');
    await makeClip(source, 6, '640x360');
    // Package straight into the blob store's media/ folder, where the origin serves from.
    title = await processSource(source, path.join(dir, 'blobs', 'media', 't1'), { tools: await mediaTools(), segmentSeconds: 2 });
    blobs = await openBlobStore({ dataDir: dir });

    const shaka = await readFile(path.resolve('node_modules/shaka-player/dist/shaka-player.compiled.js'));
    app = Fastify();
    await app.register(async (scope) => originRoutes(scope, { blobs }));
    app.get('/player.html', async (_req, reply) => reply.type('text/html').send(PAGE));
    app.get('/shaka.js', async (_req, reply) => reply.type('text/javascript').send(shaka));
    base = await app.listen({ port: 0, host: '127.0.0.1' });

    browser = await launchChromium();
    page = await browser.newPage();
    await page.goto(`${base}/player.html`);
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await app?.close();
    await blobs?.close();
    await remove?.();
  });

  const manifestUrl = (kind: 'hls' | 'dash'): string => `${base}/media/t1/output/${title.manifests[kind]}`;

  async function play(kind: 'hls' | 'dash', key: string): Promise<PlayResult> {
    return page.evaluate(([url, keys]) => (window as unknown as { playOnce: (u: string, k: Record<string, string>) => Promise<PlayResult> }).playOnce(url, keys), [
      manifestUrl(kind), { [title.key.keyId]: key },
    ] as const);
  }

  it.each(['dash', 'hls'] as const)('plays the %s manifest with the title key', async (kind) => {
    const result = await play(kind, title.key.key);
    await page.screenshot({ path: path.join(SCREENSHOTS, `clearkey-${kind}.png`), clip: { x: 0, y: 0, width: 640, height: 360 } });
    await page.evaluate(() => (window as unknown as { stopPlay: () => Promise<void> }).stopPlay());
    expect(result.errors).toEqual([]);
    expect(result.mediaError).toBeNull();
    expect(result.keySystem).toBe('org.w3.clearkey');
    expect(result.currentTime).toBeGreaterThanOrEqual(2.5);
    expect(result.decoded).toBeGreaterThan(25);
    expect(title.ladder.video.map((r) => r.height)).toContain(result.height);
  }, 60_000);

  it('does not play with a wrong key', async () => {
    const wrong = title.key.key.replace(/^./, (c) => (c === '0' ? '1' : '0'));
    const result = await play('dash', wrong);
    await page.evaluate(() => (window as unknown as { stopPlay: () => Promise<void> }).stopPlay());
    expect(result.errors.length > 0 || result.mediaError !== null || result.currentTime < 0.5).toBe(true);
    expect(result.currentTime).toBeLessThan(2.5);
  }, 60_000);
});
