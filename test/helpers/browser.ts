import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';

/** Debian's Chromium; `.ci/run` installs it. Tests that need it say so in their describe name. */
export const CHROMIUM = process.env.MARQUEE_CHROMIUM ?? '/usr/bin/chromium';
export const hasChromium = existsSync(CHROMIUM);

/** Where browser tests leave screenshots for a human to look at (ignored by git). */
export const SCREENSHOTS = path.resolve('test-results/screenshots');

/**
 * Headless Chromium as root in a sandbox-less container. Background networking is off because this
 * machine's network is closed: without it Chromium keeps retrying Google's hosts.
 */
export async function launchChromium(): Promise<Browser> {
  await mkdir(SCREENSHOTS, { recursive: true });
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync', '--autoplay-policy=no-user-gesture-required',
    ],
  });
}

/** Signs a new member up through the web app and picks a fresh profile named `profile`; ends on home. */
export async function signUpAndPickProfile(page: Page, base: string, options: { emailPrefix: string; password: string; profile?: string }): Promise<void> {
  const profile = options.profile ?? 'Sam';
  await page.goto(base);
  await page.waitForURL(/\/login$/);
  await page.fill('input[name=email]', `${options.emailPrefix}.${Date.now()}@example.com`);
  await page.fill('input[name=password]', options.password);
  await page.click('button[type=submit]');
  await page.waitForURL(/\/profiles$/);
  await page.click('text=Add profile');
  await page.fill('input[name=profileName]', profile);
  await page.click('button:has-text("Save")');
  await page.click(`.profile-tile:has-text("${profile}")`);
  await page.waitForURL(`${base}/`);
}

/** The profile the web app has picked (it keeps it in localStorage), or null. */
export function pickedProfileId(page: Page): Promise<string | null> {
  return page.evaluate(() => {
    for (const key of Object.keys(localStorage)) {
      const value = localStorage.getItem(key) ?? '';
      const match = /"profileId":"([^"]+)"/.exec(value) ?? /^(prof[^"]*|[0-9a-f-]{36})$/.exec(value);
      if (match) return match[1] ?? null;
    }
    return null;
  });
}
