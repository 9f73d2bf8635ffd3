import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PlayResult } from '../../src/playback/index.js';
import { buildPlaybackApp, createProfile, createWorld, episodeId, fakePublish, signUp, type Member, type PlaybackWorld } from './harness.js';

let world: PlaybackWorld;
let app: FastifyInstance;
let m: Member;
let profileId: string;

beforeAll(async () => {
  world = await createWorld();
  ({ app } = await buildPlaybackApp(world));
  await fakePublish(world, 'mv-drama');
  for (const [season, episode] of [[1, 1], [1, 2], [1, 3], [2, 1], [2, 2]] as const) {
    await fakePublish(world, 'sh-ma', episodeId(world, 'sh-ma', season, episode));
  }
  m = await signUp(app, { plan: 'premium' });
  profileId = await createProfile(app, m);
}, 60_000);

afterAll(async () => {
  await app?.close();
  await world?.close();
});

async function play(body: Record<string, unknown>): Promise<PlayResult> {
  const res = await app.inject({ method: 'POST', url: '/v1/play', headers: m.headers, payload: { profileId, device: { id: 'tv' }, ...body } });
  expect(res.statusCode, res.body).toBe(200);
  return res.json<PlayResult>();
}

async function heartbeat(sessionId: string, positionSec: number, durationSec: number): Promise<void> {
  const res = await app.inject({ method: 'POST', url: `/v1/play/${sessionId}/heartbeat`, headers: m.headers, payload: { positionSec, durationSec } });
  expect(res.statusCode, res.body).toBe(200);
}

describe('resume position', () => {
  it('resumes a movie where the last heartbeat left it', async () => {
    const first = await play({ titleId: 'mv-drama' });
    expect(first.resume).toBeNull();
    await heartbeat(first.sessionId, 1234, 6000);
    const again = await play({ titleId: 'mv-drama' });
    expect(again.resume).toMatchObject({ positionSec: 1234, durationSec: 6000 });
  });

  it('starts a finished movie from the beginning', async () => {
    const s = await play({ titleId: 'mv-drama' });
    await heartbeat(s.sessionId, 5900, 6000);
    expect((await play({ titleId: 'mv-drama' })).resume).toBeNull();
  });
});

describe('next episode', () => {
  it('follows season order, then the next season, and ends after the last episode', async () => {
    const s1e2 = await play({ episodeId: episodeId(world, 'sh-ma', 1, 2) });
    expect(s1e2.episode).toMatchObject({ seasonNumber: 1, episodeNumber: 2 });
    expect(s1e2.nextEpisode).toMatchObject({ id: episodeId(world, 'sh-ma', 1, 3), seasonNumber: 1, episodeNumber: 3 });
    const s1e3 = await play({ titleId: 'sh-ma', episodeId: episodeId(world, 'sh-ma', 1, 3) });
    expect(s1e3.nextEpisode).toMatchObject({ id: episodeId(world, 'sh-ma', 2, 1), seasonNumber: 2, episodeNumber: 1 });
    expect((await play({ episodeId: episodeId(world, 'sh-ma', 2, 2) })).nextEpisode).toBeNull();
  });

  it('plays a show from where the profile is: the episode in progress, or the one after a finished one', async () => {
    const other = await createProfile(app, m);
    const playShow = async (): Promise<PlayResult> =>
      (await app.inject({ method: 'POST', url: '/v1/play', headers: m.headers, payload: { profileId: other, titleId: 'sh-ma', device: { id: 'tv' } } })).json<PlayResult>();
    expect((await playShow()).episode).toMatchObject({ seasonNumber: 1, episodeNumber: 1 });
    const e3 = (await app.inject({ method: 'POST', url: '/v1/play', headers: m.headers, payload: { profileId: other, episodeId: episodeId(world, 'sh-ma', 1, 3), device: { id: 'tv' } } })).json<PlayResult>();
    await app.inject({ method: 'POST', url: `/v1/play/${e3.sessionId}/heartbeat`, headers: m.headers, payload: { positionSec: 600, durationSec: 2700 } });
    const resumed = await playShow();
    expect(resumed.episode).toMatchObject({ seasonNumber: 1, episodeNumber: 3 });
    expect(resumed.resume).toMatchObject({ positionSec: 600 });
    await app.inject({ method: 'POST', url: `/v1/play/${resumed.sessionId}/heartbeat`, headers: m.headers, payload: { positionSec: 2690, durationSec: 2700 } });
    const next = await playShow();
    expect(next.episode).toMatchObject({ seasonNumber: 2, episodeNumber: 1 });
    expect(next.resume).toBeNull();
  });
});
