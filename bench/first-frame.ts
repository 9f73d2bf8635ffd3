// `npm run bench:first-frame`: time from clicking Play on the title page to the first rendered video
// frame (requestVideoFrameCallback), in headless Debian Chromium against the real app with a clip that
// went through the media pipeline (two rungs, ClearKey). Median of BENCH_RUNS (5) runs.
import { launchChromium } from '../test/helpers/browser.js';
import { startWebWorld } from '../test/helpers/web-world.js';
import { PASSWORD } from '../test/playback/harness.js';

const TITLE_ID = 'mv-kids';
const runs = Number(process.env.BENCH_RUNS ?? 5);

/**
 * Runs in the page. A string, not a function: tsx would wrap named inner functions in a `__name`
 * helper that does not exist in the browser.
 */
const MEASURE = `new Promise((resolve, reject) => {
  const button = Array.from(document.querySelectorAll('button')).find((b) => /Play|Resume/.test(b.textContent || ''));
  if (!button) return reject(new Error('no Play button'));
  const t0 = performance.now();
  button.click();
  const deadline = t0 + 20000;
  const wait = () => {
    const alert = document.querySelector('[role=alert]');
    if (alert) return reject(new Error(alert.textContent || 'player error'));
    if (performance.now() > deadline) return reject(new Error('no frame within 20 s'));
    const v = document.querySelector('video');
    if (v) v.requestVideoFrameCallback(() => resolve(performance.now() - t0));
    else requestAnimationFrame(wait);
  };
  wait();
})`;

const web = await startWebWorld({ titleId: TITLE_ID, seconds: 8, size: '640x360', heights: [180, 360], subtitles: false });
const browser = await launchChromium();
try {
  // Premium: four streams, so a session still closing from the previous run never blocks the next.
  const email = `bench.${Date.now()}@example.com`;
  await web.app.inject({ method: 'POST', url: '/v1/accounts', payload: { email, password: PASSWORD, country: 'US', plan: 'premium' } });
  const signedIn = await web.app.inject({ method: 'POST', url: '/v1/sessions', payload: { email, password: PASSWORD, deviceName: 'Bench' } });
  const { token, accountId } = signedIn.json<{ token: string; accountId: string }>();
  const created = await web.app.inject({ method: 'POST', url: '/v1/profiles', headers: { authorization: `Bearer ${token}` }, payload: { name: 'Bench' } });
  const profileId = created.json<{ id: string }>().id;

  const page = await browser.newPage({ viewport: { width: 1280, height: 720 } });
  await page.goto(web.base);
  await page.evaluate((s) => localStorage.setItem('marquee.session', s), JSON.stringify({ token, accountId, profileId }));
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    await page.goto(`${web.base}/title/${TITLE_ID}`);
    await page.locator('button:has-text("Play"), button:has-text("Resume")').first().waitFor();
    const ms = Number(await page.evaluate(MEASURE));
    times.push(ms);
    console.log(`run ${i + 1}: ${ms.toFixed(0)} ms`);
  }
  const sorted = [...times].sort((a, b) => a - b);
  const median = sorted[Math.floor(sorted.length / 2)] ?? 0;
  console.log(`first frame after Play: median ${median.toFixed(0)} ms, min ${(sorted[0] ?? 0).toFixed(0)} ms, max ${(sorted[sorted.length - 1] ?? 0).toFixed(0)} ms over ${runs} runs`);
} finally {
  await browser.close();
  await web.close();
}
