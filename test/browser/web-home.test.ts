// The personalised home page and More Like This in Debian's Chromium against the real app with
// published datasets: a member signs up, watches two titles (progress recorded as the progress
// consumer does), and the home page shows Continue Watching, Top Picks and Because You Watched rows,
// logs impressions, and a title page shows More Like This.
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_WEB_ROOT } from '../../src/api/web.js';
import { buildWeb, webBuildIsStale } from '../../src/web/build-if-needed.js';
import { hasChromium, launchChromium, pickedProfileId, SCREENSHOTS, signUpAndPickProfile } from '../helpers/browser.js';
import { createHomeTestApp, fixtureDatasets, homeCatalog, publish, type HomeTestApp } from '../recs/home-harness.js';

describe.skipIf(!hasChromium)('web home: personalised rows and More Like This (needs chromium)', () => {
  let t: HomeTestApp;
  let base: string;
  let browser: Browser;
  let page: Page;
  const impressions: { row: string; titleIds: string[] }[] = [];

  beforeAll(async () => {
    if (webBuildIsStale()) await buildWeb();
    t = await createHomeTestApp(homeCatalog(), {}, DEFAULT_WEB_ROOT);
    await publish(t.blobs, fixtureDatasets('v1', new Date()));
    await t.store.refresh();
    base = await t.app.listen({ port: 0, host: '127.0.0.1' });
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    page.on('request', (request) => {
      if (request.method() !== 'POST' || !request.url().endsWith('/v1/events')) return;
      const body = JSON.parse(request.postData() ?? '{}') as { events?: { type: string; row: string; titleIds: string[] }[] };
      for (const event of body.events ?? []) if (event.type === 'impression') impressions.push(event);
    });
  }, 300_000);

  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  it('shows the home rows in order, with Because You Watched after watching', async () => {
    await signUpAndPickProfile(page, base, { emailPrefix: 'web-home', password: 'correct horse battery', profile: 'Ana' });
    const profileId = await pickedProfileId(page);
    expect(profileId).toBeTruthy();
    const at = Date.now() - 600_000;
    await t.accounts.watch.recordProgress(profileId!, 'scifi-2', null, 6000, 6000, new Date(at));
    await t.accounts.watch.recordProgress(profileId!, 'drama-1', null, 1200, 6000, new Date(at + 60_000));
    await page.reload();
    await page.waitForSelector('[data-row-id="top-picks"]', { timeout: 60_000 });
    const rows = await page.$$eval('[data-row-id]', (els) => els.map((el) => el.getAttribute('data-row-id')));
    expect(rows.slice(0, 3)).toEqual(['continue-watching', 'top-picks', 'because-you-watched:scifi-2']);
    expect(await page.textContent('[data-row-id="top-picks"] .row-title')).toContain('Top Picks for Ana');
    expect(await page.textContent('[data-row-id="because-you-watched:scifi-2"] .row-title')).toContain('Because You Watched Sci-Fi 2');
    expect(await page.$('[data-row-id="continue-watching"] [data-title-id="drama-1"] progress')).not.toBeNull();
    // A row is an impression once half of it is on screen (below the hero, Top Picks may not be yet);
    // the page sends them in batches every 2 s.
    await page.locator('[data-row-id="top-picks"]').scrollIntoViewIfNeeded();
    await page.screenshot({ path: path.join(SCREENSHOTS, 'web-home-rows.png') });
    await expect.poll(() => impressions.map((i) => i.row), { timeout: 30_000 }).toContain('top-picks');
    expect(impressions.find((i) => i.row === 'continue-watching')?.titleIds).toEqual(['drama-1']);
  }, 120_000);

  it('shows More Like This on a title page', async () => {
    await page.click('[data-row-id="because-you-watched:scifi-2"] [data-title-id]');
    await page.waitForSelector('[data-row-id="more-like-this:scifi-3"], [data-row-id^="more-like-this:"]', { timeout: 60_000 });
    const ids = await page.$$eval('[data-row-id^="more-like-this:"] [data-title-id]', (els) => els.map((el) => el.getAttribute('data-title-id')));
    expect(ids.length).toBeGreaterThan(3);
    expect(ids.every((id) => id?.startsWith('scifi-'))).toBe(true);
    await page.locator('[data-row-id^="more-like-this:"]').scrollIntoViewIfNeeded();
    await page.screenshot({ path: path.join(SCREENSHOTS, 'web-home-more-like-this.png') });
  }, 120_000);

  it('says personalization is unavailable when the datasets are gone', async () => {
    await t.blobs.delete('recs/CURRENT');
    await t.store.refresh();
    await page.goto(base);
    await page.waitForSelector('.degraded-note', { timeout: 60_000 });
    expect(await page.$('[data-row-id="popular"]')).not.toBeNull();
    await page.screenshot({ path: path.join(SCREENSHOTS, 'web-home-degraded.png') });
  }, 120_000);
});
