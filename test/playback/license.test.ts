import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PlayResult } from '../../src/playback/index.js';
import { KEY, KEY_ID } from './fixtures.js';
import { buildPlaybackApp, createProfile, createWorld, fakePublish, signUp, type Member, type PlaybackWorld } from './harness.js';

let world: PlaybackWorld;
let app: FastifyInstance;
const KID = Buffer.from(KEY_ID, 'hex').toString('base64url');

beforeAll(async () => {
  world = await createWorld();
  ({ app } = await buildPlaybackApp(world));
  await fakePublish(world, 'mv-drama');
}, 60_000);

afterAll(async () => {
  await app?.close();
  await world?.close();
});

async function start(m: Member, profileId: string, device = 'tv', on: FastifyInstance = app): Promise<PlayResult> {
  const res = await on.inject({ method: 'POST', url: '/v1/play', headers: m.headers, payload: { profileId, titleId: 'mv-drama', device: { id: device } } });
  expect(res.statusCode, res.body).toBe(200);
  return res.json<PlayResult>();
}

/** The path and query of a license URL, posted the way Shaka Player does: raw bytes, no Content-Type, no Authorization. */
function license(url: string, kids: string[] = [KID], headers: Record<string, string> = {}, on: FastifyInstance = app) {
  const { pathname, search } = new URL(url);
  return on.inject({ method: 'POST', url: pathname + search, headers, payload: Buffer.from(JSON.stringify({ kids, type: 'temporary' })) });
}

function expectDenied(res: { statusCode: number; json: () => unknown }, reason: string): void {
  expect(res.statusCode).toBe(403);
  expect(res.json()).toMatchObject({ error: { code: 'LICENSE_DENIED', details: { reason } } });
}

describe('POST /v1/licenses/:sessionId (ClearKey)', () => {
  it('gives a live session its title key as a ClearKey JWK set', async () => {
    const m = await signUp(app, { plan: 'premium' });
    const played = await start(m, await createProfile(app, m));
    const res = await license(played.license.url);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toEqual({ keys: [{ kty: 'oct', kid: KID, k: Buffer.from(KEY, 'hex').toString('base64url') }], type: 'temporary' });
    // Also with a JSON content type and the owner's Bearer token.
    const { pathname, search } = new URL(played.license.url);
    const json = await app.inject({ method: 'POST', url: pathname + search, headers: m.headers, payload: { kids: [KID] } });
    expect(json.statusCode).toBe(200);
  });

  it('refuses a stopped session', async () => {
    const m = await signUp(app, { plan: 'premium' });
    const played = await start(m, await createProfile(app, m));
    await app.inject({ method: 'DELETE', url: `/v1/play/${played.sessionId}`, headers: m.headers });
    expectDenied(await license(played.license.url), 'session');
  });

  it('refuses an expired session (no heartbeat within the lease)', async () => {
    const { app: shortApp } = await buildPlaybackApp(world, { leaseTtlMs: 1000 });
    try {
      const m = await signUp(shortApp, { plan: 'premium' });
      const played = await start(m, await createProfile(shortApp, m), 'tv', shortApp);
      expect((await license(played.license.url, [KID], {}, shortApp)).statusCode).toBe(200);
      await new Promise((r) => setTimeout(r, 1300));
      expectDenied(await license(played.license.url, [KID], {}, shortApp), 'session');
    } finally {
      await shortApp.close();
    }
  });

  it("refuses another profile's session: its token does not open this one, nor does another account's Bearer", async () => {
    const m = await signUp(app, { plan: 'premium' });
    const mine = await start(m, await createProfile(app, m), 'tv');
    const sibling = await start(m, await createProfile(app, m), 'tablet');
    const siblingToken = new URL(sibling.license.url).searchParams.get('token') ?? '';
    expectDenied(await license(`http://api.test/v1/licenses/${mine.sessionId}?token=${siblingToken}`), 'token');
    const stranger = await signUp(app, { plan: 'premium' });
    expectDenied(await license(mine.license.url, [KID], stranger.headers), 'account');
  });

  it('refuses a forged session id, a missing token and a key id of another title', async () => {
    const m = await signUp(app, { plan: 'premium' });
    const played = await start(m, await createProfile(app, m));
    const token = new URL(played.license.url).searchParams.get('token') ?? '';
    expectDenied(await license(`http://api.test/v1/licenses/00000000-0000-4000-8000-000000000000?token=${token}`), 'session');
    expect((await license(`http://api.test/v1/licenses/${played.sessionId}`)).statusCode).toBe(400);
    expectDenied(await license(played.license.url, [Buffer.alloc(16, 7).toString('base64url')]), 'kid');
  });
});
