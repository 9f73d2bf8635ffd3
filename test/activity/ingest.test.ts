import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { StoredEvent } from '../../src/activity/index.js';
import { createProfile, signUp, type Member } from '../helpers/accounts-app.js';
import { createActivityTestApp, heartbeat, type ActivityTestApp } from './harness.js';

let t: ActivityTestApp;
let member: Member;
let profileId: string;

beforeAll(async () => {
  t = await createActivityTestApp();
  member = await signUp(t.app, { country: 'GB' });
  profileId = await createProfile(t.app, member);
});
afterAll(async () => {
  await t.close();
});

function send(events: unknown[], headers = member.headers) {
  return t.app.inject({ method: 'POST', url: '/v1/events', headers, payload: { events } });
}

/** Every stored event of this suite, read through a fresh consumer group. */
async function stored(): Promise<StoredEvent[]> {
  const consumer = await t.log.consumer('activity', `verify-${randomUUID().slice(0, 8)}`);
  const out: StoredEvent[] = [];
  for (;;) {
    const batch = await consumer.poll(1000, 50);
    if (batch.length === 0) break;
    out.push(...batch.map((r) => JSON.parse(new TextDecoder().decode(r.value)) as StoredEvent));
  }
  await consumer.close();
  return out;
}

const common = () => ({ id: randomUUID(), clientTime: Date.now(), profileId, deviceId: 'tv-1' });
const inSession = { titleId: 'mv-drama', playbackSessionId: 'ps-9' };

describe('POST /v1/events', () => {
  it('keeps the 97 valid events of a batch with 3 invalid ones and reports those by index', async () => {
    const events: unknown[] = Array.from({ length: 100 }, () => heartbeat(profileId));
    events[7] = { ...heartbeat(profileId), positionSec: -5 };
    events[42] = { ...heartbeat(profileId), id: 'not-a-uuid' };
    events[99] = { type: 'teleport', ...common() };
    const res = await send(events);
    expect(res.statusCode, res.body).toBe(202);
    const body = res.json<{ accepted: number; errors: { index: number; code: string; message: string }[] }>();
    expect(body.accepted).toBe(97);
    expect(body.errors.map((e) => [e.index, e.code])).toEqual([[7, 'EVENT_INVALID'], [42, 'EVENT_INVALID'], [99, 'EVENT_INVALID']]);
    expect(body.errors[0]?.message).toContain('positionSec');
    const ids = new Set((await stored()).map((e) => e.id));
    for (const [i, e] of events.entries()) expect(ids.has((e as { id: string }).id)).toBe(![7, 42, 99].includes(i));
  });

  it('answers 413 to 600 events and to a body over 512 KB, and 401 without a session', async () => {
    const many = await send(Array.from({ length: 600 }, () => heartbeat(profileId)));
    expect(many.statusCode).toBe(413);
    expect(many.json().error.code).toBe('PAYLOAD_TOO_LARGE');
    const big = await t.app.inject({
      method: 'POST', url: '/v1/events', headers: { ...member.headers, 'content-type': 'application/json' },
      payload: JSON.stringify({ events: [heartbeat(profileId)], pad: 'x'.repeat(520 * 1024) }),
    });
    expect(big.statusCode).toBe(413);
    expect(big.json().error.code).toBe('PAYLOAD_TOO_LARGE');
    // Up to the limit is fine although the app-wide body limit of this test app is 64 KB.
    expect((await send(Array.from({ length: 500 }, () => heartbeat(profileId)))).statusCode).toBe(202);
    expect((await send([heartbeat(profileId)], {} as Member['headers'])).statusCode).toBe(401);
  });

  it("rejects, per event, a profile of another account exactly like a missing one", async () => {
    const other = await signUp(t.app);
    const theirs = await createProfile(t.app, other);
    const res = await send([heartbeat(theirs), heartbeat(profileId), heartbeat('no-such-profile')]);
    const body = res.json<{ accepted: number; errors: { index: number; code: string; message: string }[] }>();
    expect(res.statusCode).toBe(202);
    expect(body.accepted).toBe(1);
    expect(body.errors.map((e) => e.code)).toEqual(['PROFILE_NOT_FOUND', 'PROFILE_NOT_FOUND']);
    expect(body.errors[0]?.message).toBe(body.errors[1]?.message);
  });

  it('enriches with country, server time and version, keeping a far-future client time', async () => {
    const future = Date.parse('2099-01-01T00:00:00Z');
    const event = heartbeat(profileId, { clientTime: future });
    const before = Date.now();
    expect((await send([event])).statusCode).toBe(202);
    const found = (await stored()).find((e) => e.id === event.id);
    expect(found).toMatchObject({ clientTime: future, country: 'GB', v: 1, accountId: member.accountId, profileId });
    expect(found?.receivedAt).toBeGreaterThanOrEqual(before);
    expect(found?.receivedAt).toBeLessThanOrEqual(Date.now());
  });

  it('drops repeated event ids, within a batch and across batches', async () => {
    const events = Array.from({ length: 10 }, () => heartbeat(profileId));
    const first = await send([...events, events[0]]);
    expect(first.json()).toMatchObject({ accepted: 10, duplicates: 1, errors: [] });
    const again = await send(events);
    expect(again.json()).toMatchObject({ accepted: 0, duplicates: 10, errors: [] });
    const ids = (await stored()).map((e) => e.id).filter((id) => events.some((e) => e.id === id));
    expect(ids).toHaveLength(10);
  });

  it('accepts one event of every type', async () => {
    const events = [
      { type: 'play_start', ...common(), ...inSession, positionSec: 0 },
      heartbeat(profileId),
      { type: 'pause', ...common(), ...inSession, positionSec: 10 },
      { type: 'resume', ...common(), ...inSession, positionSec: 10 },
      { type: 'seek', ...common(), ...inSession, episodeId: 'ep-1', fromSec: 10, toSec: 300 },
      { type: 'stop', ...common(), ...inSession, positionSec: 310, durationSec: 6000 },
      { type: 'complete', ...common(), ...inSession, durationSec: 6000 },
      { type: 'rating', ...common(), titleId: 'mv-drama', rating: 'up' },
      { type: 'list_add', ...common(), titleId: 'mv-drama' },
      { type: 'list_remove', ...common(), titleId: 'mv-drama' },
      { type: 'impression', ...common(), row: 'trending', titleIds: ['mv-drama', 'mv-kids'], positions: [0, 1] },
      { type: 'search', ...common(), query: 'harb', resultCount: 3, clickedTitleId: 'mv-drama' },
      { type: 'qoe', ...common(), ...inSession, deviceType: 'tv', startupMs: 800, rebufferCount: 1, rebufferMs: 400, bitrateSwitches: 2, droppedFrames: 0, errorCode: 'NET_1' },
      { type: 'impression', ...common(), row: 'trending', titleIds: ['mv-drama'], positions: [0, 1] },
      { type: 'pause', ...common(), ...inSession, positionSec: 10, extra: true },
    ];
    const res = await send(events);
    expect(res.json()).toMatchObject({ accepted: 13 });
    expect(res.json().errors.map((e: { index: number }) => e.index)).toEqual([13, 14]);
  });
});

describe('POST /v1/events/beacon', () => {
  it('takes text/plain JSON with the session token in the body', async () => {
    const event = heartbeat(profileId);
    const res = await t.app.inject({
      method: 'POST', url: '/v1/events/beacon', headers: { 'content-type': 'text/plain;charset=UTF-8' },
      payload: JSON.stringify({ token: member.token, events: [event] }),
    });
    expect(res.statusCode, res.body).toBe(202);
    expect(res.json()).toMatchObject({ accepted: 1 });
    expect((await stored()).some((e) => e.id === event.id)).toBe(true);
    const bad = await t.app.inject({
      method: 'POST', url: '/v1/events/beacon', headers: { 'content-type': 'text/plain' },
      payload: JSON.stringify({ token: 'nope', events: [heartbeat(profileId)] }),
    });
    expect(bad.statusCode).toBe(401);
    const garbage = await t.app.inject({ method: 'POST', url: '/v1/events/beacon', headers: { 'content-type': 'text/plain' }, payload: '{nope' });
    expect(garbage.statusCode).toBe(400);
  });
});
