import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PROGRESS_GROUP, startProgressConsumer, type RunningConsumer } from '../../src/activity/index.js';
import { createProfile, signUp, type Member } from '../helpers/accounts-app.js';
import { createActivityTestApp, heartbeat, type ActivityTestApp } from './harness.js';

let t: ActivityTestApp;
let member: Member;
let consumer: RunningConsumer;

beforeAll(async () => {
  t = await createActivityTestApp();
  member = await signUp(t.app);
  consumer = startProgressConsumer({ log: t.log, watch: t.accounts.watch, pollWaitMs: 20 });
});
afterAll(async () => {
  await consumer.stop();
  await t.close();
});

interface Progress { titleId: string; positionSec: number; completed: boolean }

async function progress(profileId: string): Promise<Progress[]> {
  const res = await t.app.inject({ method: 'GET', url: `/v1/profiles/${profileId}/progress?includeCompleted=true`, headers: member.headers });
  expect(res.statusCode, res.body).toBe(200);
  return res.json<{ items: Progress[] }>().items;
}

/** Polls the API until `check` passes: the consumer is asynchronous. */
async function eventually(check: () => Promise<void>, ms = 5000): Promise<void> {
  const until = Date.now() + ms;
  for (;;) {
    try {
      return await check();
    } catch (err) {
      if (Date.now() > until) throw err;
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
  }
}

async function send(events: unknown[]): Promise<void> {
  const res = await t.app.inject({ method: 'POST', url: '/v1/events', headers: member.headers, payload: { events } });
  expect(res.json()).toMatchObject({ errors: [] });
}

describe('progress compactor', () => {
  it('turns heartbeats into the latest position, shown by the progress API and Continue Watching', async () => {
    const p = await createProfile(t.app, member);
    const t0 = Date.now() - 60_000;
    await send([10, 20, 30].map((s, i) => heartbeat(p, { positionSec: s * 60, clientTime: t0 + i * 10_000 })));
    await eventually(async () => expect(await progress(p)).toMatchObject([{ titleId: 'mv-drama', positionSec: 1800, completed: false }]));
    const home = await t.accounts.watch.continueWatching(p, { maxMaturityLevel: 100, country: 'US' }, 10);
    expect(home.map((e) => [e.titleId, e.positionSec])).toEqual([['mv-drama', 1800]]);

    // An older event arriving late does not move the position back.
    await send([heartbeat(p, { positionSec: 5, clientTime: t0 - 1000 })]);
    // A stop then a complete (≥ 95 %) finishes it.
    const { bitrateKbps: _bitrate, bufferSec: _buffer, ...fields } = heartbeat(p, { positionSec: 3000, clientTime: t0 + 40_000 });
    await send([{ ...fields, type: 'stop' }]);
    await eventually(async () => expect(await progress(p)).toMatchObject([{ positionSec: 3000, completed: false }]));
    await send([{ type: 'complete', id: crypto.randomUUID(), clientTime: t0 + 50_000, profileId: p, deviceId: 'd', titleId: 'mv-drama', playbackSessionId: 'ps', durationSec: 6000 }]);
    await eventually(async () => expect(await progress(p)).toMatchObject([{ positionSec: 6000, completed: true }]));
  });

  it('is idempotent under redelivery: replaying the whole topic never moves a position backwards', async () => {
    const p = await createProfile(t.app, member);
    const t0 = Date.now() - 30_000;
    await send([heartbeat(p, { titleId: 'mv-kids', positionSec: 100, clientTime: t0 }), heartbeat(p, { titleId: 'mv-kids', positionSec: 900, clientTime: t0 + 5000 })]);
    await eventually(async () => expect(await progress(p)).toMatchObject([{ titleId: 'mv-kids', positionSec: 900 }]));
    await consumer.stop();

    // Rewind the group to the start: everything is delivered again, older positions included.
    const rewind = await t.log.consumer('activity', PROGRESS_GROUP);
    await rewind.seek({ at: 'earliest' });
    await rewind.close();
    consumer = startProgressConsumer({ log: t.log, watch: t.accounts.watch, pollWaitMs: 20, pollRecords: 1 });
    await send([heartbeat(p, { titleId: 'mv-kids', positionSec: 950, clientTime: t0 + 9000 })]);
    const seen: number[] = [];
    await eventually(async () => {
      const [entry] = await progress(p);
      seen.push(entry?.positionSec ?? -1);
      expect(entry).toMatchObject({ titleId: 'mv-kids', positionSec: 950 });
    }, 15_000);
    // While the replay delivered 100 and 900 again, the stored position only ever went forward.
    expect(seen.every((position) => position >= 900)).toBe(true);
  });

  it('takes the heartbeats of POST /v1/play/:id/heartbeat, appended by the playback module', async () => {
    const p = await createProfile(t.app, member);
    const auth = { accountId: member.accountId, sessionId: 'unused' };
    const position = { profileId: p, deviceId: 'tv', titleId: 'mv-r', episodeId: null, playbackSessionId: 'ps-2', positionSec: 420, durationSec: 5400, at: new Date() };
    await t.ingest.appendPlaybackHeartbeat(auth, position);
    await eventually(async () => expect(await progress(p)).toMatchObject([{ titleId: 'mv-r', positionSec: 420 }]));
    // Another account's profile is ignored, not written.
    const other = await signUp(t.app);
    await t.ingest.appendPlaybackHeartbeat({ accountId: other.accountId, sessionId: 'x' }, { ...position, positionSec: 9 });
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(await progress(p)).toMatchObject([{ positionSec: 420 }]);
  });

  it('writes a poll as one batch: episodes of one show, an older position ignored, a deleted profile dropped alone', async () => {
    const p = await createProfile(t.app, member);
    const gone = await createProfile(t.app, member);
    expect((await t.app.inject({ method: 'DELETE', url: `/v1/profiles/${gone}`, headers: member.headers })).statusCode).toBeLessThan(300);
    const at = Date.now();
    const changed = await t.accounts.watch.recordProgressMany([
      { profileId: p, titleId: 'sh-ma', episodeId: 'sh-ma-s01e01', positionSec: 2700, durationSec: 2700, at: new Date(at - 60_000) },
      { profileId: p, titleId: 'sh-ma', episodeId: 'sh-ma-s01e02', positionSec: 300, durationSec: 2700, at: new Date(at) },
      { profileId: p, titleId: 'mv-drama', episodeId: null, positionSec: 600, durationSec: 6000, at: new Date(at) },
      { profileId: gone, titleId: 'mv-drama', episodeId: null, positionSec: 60, durationSec: 6000, at: new Date(at) },
    ]);
    expect(changed).toBe(3);
    const older = [{ profileId: p, titleId: 'mv-drama', episodeId: null, positionSec: 10, durationSec: 6000, at: new Date(at - 1000) }];
    expect(await t.accounts.watch.recordProgressMany(older)).toBe(0);
    const items = await progress(p);
    expect(items.find((i) => i.titleId === 'mv-drama')?.positionSec).toBe(600);
    // The show's latest position is the episode watched last; the history item points at it.
    expect(items.find((i) => i.titleId === 'sh-ma')).toMatchObject({ positionSec: 300, completed: false });
  });
});
