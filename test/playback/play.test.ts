import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PlayResult } from '../../src/playback/index.js';
import { buildPlaybackApp, createProfile, createWorld, fakePublish, PASSWORD, signUp, type Member, type PlaybackWorld } from './harness.js';

let world: PlaybackWorld;
let app: FastifyInstance;
let prefix: string;

beforeAll(async () => {
  world = await createWorld();
  ({ app } = await buildPlaybackApp(world));
  ({ prefix } = await fakePublish(world, 'mv-drama'));
  await fakePublish(world, 'mv-kids');
  await fakePublish(world, 'mv-gb');
}, 60_000);

afterAll(async () => {
  await app?.close();
  await world?.close();
});

async function member(plan: string, country = 'US', on: FastifyInstance = app): Promise<Member & { profileId: string }> {
  const m = await signUp(on, { plan, country });
  return { ...m, profileId: await createProfile(on, m) };
}

function play(m: Member & { profileId: string }, body: Record<string, unknown> = {}, on: FastifyInstance = app) {
  return on.inject({ method: 'POST', url: '/v1/play', headers: m.headers, payload: { profileId: m.profileId, titleId: 'mv-drama', device: { id: 'tv-1' }, ...body } });
}

describe('POST /v1/play', () => {
  it('gives an entitled profile signed manifest URLs that play through the origin, plus license, trickplay and hosts', async () => {
    const m = await member('premium');
    const res = await play(m);
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json<PlayResult>();
    expect(body).toMatchObject({ titleId: 'mv-drama', episode: null, maxHeight: 2160, heartbeatIntervalSec: 30, baseUrls: ['http://api.test'], resume: null, nextEpisode: null });
    expect(body.paths.hls).toMatch(new RegExp(`^/t/[^/]+/${prefix}/master\\.m3u8$`));
    expect(body.manifests.dash).toBe(`http://api.test${body.paths.dash}`);
    expect(body.trickplay).toBe(`http://api.test${body.paths.trickplay ?? ''}`);
    expect(body.license).toEqual({ keySystem: 'org.w3.clearkey', url: expect.stringMatching(new RegExp(`^http://api\\.test/v1/licenses/${body.sessionId}\\?token=.+`)) });
    const hls = await app.inject({ method: 'GET', url: body.paths.hls });
    expect(hls.statusCode).toBe(200);
    expect(hls.body).toContain('RESOLUTION=1920x1080');
    // A relative URL inside the manifest resolves below the token and is served.
    const segment = await app.inject({ method: 'GET', url: new URL('video/1080p/seg_1.m4s', `http://x${body.paths.hls}`).pathname });
    expect(segment.statusCode).toBe(200);
  });

  it('gives a basic plan manifests with no rung above 720p (HLS and DASH), written once next to the originals', async () => {
    const m = await member('basic');
    const body = (await play(m)).json<PlayResult>();
    expect(body.maxHeight).toBe(720);
    expect(body.paths.hls).toMatch(/\/master\.max720\.m3u8$/);
    const hls = (await app.inject({ method: 'GET', url: body.paths.hls })).body;
    const dash = (await app.inject({ method: 'GET', url: body.paths.dash })).body;
    const heights = [...hls.matchAll(/RESOLUTION=\d+x(\d+)/g), ...dash.matchAll(/\sheight="(\d+)"/g)].map((m) => Number(m[1]));
    expect(heights.sort()).toEqual([360, 360, 720, 720]);
    expect(Math.max(...heights)).toBe(720);
    expect(await world.blobs.stat(`${prefix}/manifest.max720.mpd`)).toBeDefined();
    // Guessing the 1080p rendition's path does not help: the token carries the plan's height.
    const base = body.paths.hls.slice(0, body.paths.hls.lastIndexOf('/'));
    expect((await app.inject({ method: 'GET', url: `${base}/video/720p/seg_1.m4s` })).statusCode).toBe(200);
    const above = await app.inject({ method: 'GET', url: `${base}/video/1080p/seg_1.m4s` });
    expect(above.statusCode).toBe(403);
    expect(above.json().error).toMatchObject({ code: 'MEDIA_TOKEN_INVALID', details: { reason: 'above_plan' } });
    await app.inject({ method: 'DELETE', url: `/v1/play/${body.sessionId}`, headers: m.headers });
  });

  it('refuses a second concurrent stream on basic with 409 STREAM_LIMIT_REACHED; stopping the first frees it', async () => {
    const m = await member('basic');
    const first = await play(m, { device: { id: 'tv' } });
    expect(first.statusCode).toBe(200);
    const second = await play(m, { device: { id: 'phone' } });
    expect(second.statusCode).toBe(409);
    expect(second.json()).toMatchObject({ error: { code: 'STREAM_LIMIT_REACHED', details: { limit: 1, plan: 'basic' } } });
    const stop = await app.inject({ method: 'DELETE', url: `/v1/play/${first.json<PlayResult>().sessionId}`, headers: m.headers });
    expect(stop.statusCode).toBe(204);
    expect((await play(m, { device: { id: 'phone' } })).statusCode).toBe(200);
  });

  it('lets the same device start another title without a second slot, ending its previous session', async () => {
    const m = await member('basic');
    const first = (await play(m)).json<PlayResult>();
    const next = await play(m, { titleId: 'mv-kids' });
    expect(next.statusCode).toBe(200);
    const beat = await app.inject({ method: 'POST', url: `/v1/play/${first.sessionId}/heartbeat`, headers: m.headers, payload: {} });
    expect(beat.statusCode).toBe(404);
    expect(beat.json()).toMatchObject({ error: { code: 'PLAYBACK_SESSION_NOT_FOUND' } });
  });

  it('allows two streams on standard, not three', async () => {
    const m = await member('standard');
    expect((await play(m, { device: { id: 'a' } })).statusCode).toBe(200);
    expect((await play(m, { device: { id: 'b' } })).statusCode).toBe(200);
    expect((await play(m, { device: { id: 'c' } })).statusCode).toBe(409);
  });

  it('refuses a title unavailable in the account country with 403 and the reason', async () => {
    const res = await play(await member('premium', 'US'), { titleId: 'mv-gb' });
    expect(res.statusCode).toBe(403);
    expect(res.json()).toMatchObject({ error: { code: 'TITLE_UNAVAILABLE', details: { reason: 'NOT_IN_COUNTRY', country: 'US', titleId: 'mv-gb' } } });
    expect((await play(await member('premium', 'GB'), { titleId: 'mv-gb' })).statusCode).toBe(200);
  });

  it('refuses a kids profile a TV-MA show, but plays it a G title', async () => {
    const m = await signUp(app, { plan: 'premium' });
    const kids = { ...m, profileId: await createProfile(app, m, { kids: true }) };
    const res = await play(kids, { titleId: 'sh-ma' });
    expect(res.statusCode).toBe(403);
    expect(res.json()).toMatchObject({ error: { code: 'MATURITY_RESTRICTED', details: { rating: 'TV-MA' } } });
    expect((await play(kids, { titleId: 'mv-kids' })).statusCode).toBe(200);
  });

  it('asks for the PIN of a locked profile, and refuses another account’s profile', async () => {
    const owner = await signUp(app, { plan: 'premium' });
    const locked = await createProfile(app, owner, { pin: '1234' });
    const otherDevice = await app.inject({ method: 'POST', url: '/v1/sessions', payload: { email: owner.email, password: PASSWORD } });
    const headers = { authorization: `Bearer ${otherDevice.json<{ token: string }>().token}` };
    const pin = await app.inject({ method: 'POST', url: '/v1/play', headers, payload: { profileId: locked, titleId: 'mv-drama', device: { id: 'x' } } });
    expect(pin.json()).toMatchObject({ error: { code: 'PIN_REQUIRED' } });
    const stranger = await member('premium');
    const foreign = await app.inject({ method: 'POST', url: '/v1/play', headers: stranger.headers, payload: { profileId: locked, titleId: 'mv-drama', device: { id: 'x' } } });
    expect(foreign.statusCode).toBe(404);
  });

  it('answers 409 NOT_PLAYABLE for a title without published media, 404 for unknown ids, 401 signed out', async () => {
    const m = await member('premium');
    expect((await play(m, { titleId: 'mv-r' })).json()).toMatchObject({ error: { code: 'NOT_PLAYABLE' } });
    expect((await play(m, { titleId: 'nope' })).statusCode).toBe(404);
    expect((await play(m, { titleId: undefined, episodeId: 'nope' })).json()).toMatchObject({ error: { code: 'EPISODE_NOT_FOUND' } });
    expect((await app.inject({ method: 'POST', url: '/v1/play', payload: { profileId: m.profileId, titleId: 'mv-drama', device: { id: 'x' } } })).statusCode).toBe(401);
  });
});

describe('stream leases expire when heartbeats stop', () => {
  let shortApp: FastifyInstance;
  beforeAll(async () => {
    ({ app: shortApp } = await buildPlaybackApp(world, { leaseTtlMs: 1000 }));
  });
  afterAll(async () => {
    await shortApp?.close();
  });

  it('keeps the slot while heartbeats arrive, and frees it once they stop', async () => {
    const m = await member('basic', 'US', shortApp);
    const first = (await play(m, { device: { id: 'tv' } }, shortApp)).json<PlayResult>();
    for (let i = 0; i < 3; i++) {
      await new Promise((r) => setTimeout(r, 400));
      const beat = await shortApp.inject({ method: 'POST', url: `/v1/play/${first.sessionId}/heartbeat`, headers: m.headers, payload: { positionSec: 10 + i } });
      expect(beat.statusCode, beat.body).toBe(200);
    }
    expect((await play(m, { device: { id: 'phone' } }, shortApp)).statusCode).toBe(409);
    await new Promise((r) => setTimeout(r, 1300));
    expect((await play(m, { device: { id: 'phone' } }, shortApp)).statusCode).toBe(200);
    const late = await shortApp.inject({ method: 'POST', url: `/v1/play/${first.sessionId}/heartbeat`, headers: m.headers, payload: {} });
    expect(late.statusCode).toBe(404);
  });
});
