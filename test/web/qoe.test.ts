import { describe, expect, it } from 'vitest';
import { EventSender, QoeCollector, type ClientEvent, type PlaybackContext } from '../../src/web/app/player/qoe.js';

describe('QoeCollector', () => {
  it('measures startup, counts rebuffers after the first frame only (not seeks) and variant changes', () => {
    const qoe = new QoeCollector(1_000);
    qoe.buffering(true, 1_100, false); // startup buffering: not a rebuffer
    qoe.variantActive(1); // the initial choice is not a switch
    qoe.firstFrame(1_450);
    qoe.buffering(false, 1_450, false);
    qoe.buffering(true, 2_000, false);
    qoe.buffering(false, 2_300, false);
    qoe.buffering(true, 3_000, true); // a seek's wait
    qoe.buffering(false, 3_500, false);
    qoe.variantActive(2);
    qoe.variantActive(2); // adaptation and variantchanged for the same switch
    qoe.buffering(true, 4_000, false);
    expect(qoe.snapshot(4_100, 7)).toEqual({ startupMs: 450, rebufferCount: 2, rebufferMs: 400, bitrateSwitches: 1, droppedFrames: 7 });
    qoe.error(6001);
    expect(qoe.snapshot(4_200, 7).errorCode).toBe('6001');
  });

  it('reports the time waited when the first frame never came', () => {
    expect(new QoeCollector(0).snapshot(2_500, 0).startupMs).toBe(2_500);
  });
});

describe('EventSender', () => {
  const context: PlaybackContext = { profileId: 'p1', deviceId: 'web-1', deviceType: 'web', titleId: 't1', playbackSessionId: 's1' };
  it('stamps events and retries a failed batch with the same ids', async () => {
    const sent: ClientEvent[][] = [];
    let ok = false;
    let n = 0;
    const sender = new EventSender(context, { post: (events) => (sent.push([...events]), Promise.resolve(ok)), beacon: () => true }, () => 42, () => `id-${++n}`);
    sender.add({ type: 'play_start', positionSec: 0 });
    await sender.flush();
    expect(sender.pending).toBe(1);
    ok = true;
    sender.add({ type: 'pause', positionSec: 3 });
    await sender.flush();
    expect(sender.pending).toBe(0);
    expect(sent[1]?.map((e) => [e.id, e.type, e.clientTime, e.playbackSessionId])).toEqual([
      ['id-1', 'play_start', 42, 's1'],
      ['id-2', 'pause', 42, 's1'],
    ]);
  });
  it('sends what is queued behind a request in flight, and beacons on unload', async () => {
    const sent: string[][] = [];
    const beacons: string[][] = [];
    const sender = new EventSender(context, {
      post: (events) => (sent.push(events.map((e) => e.type)), Promise.resolve(true)),
      beacon: (events) => (beacons.push(events.map((e) => e.type)), true),
    });
    sender.add({ type: 'play_start', positionSec: 0 });
    const first = sender.flush();
    sender.add({ type: 'stop', positionSec: 5, durationSec: 24 });
    await Promise.all([first, sender.flush()]);
    expect(sent).toEqual([['play_start'], ['stop']]);
    sender.add({ type: 'qoe', startupMs: 10, rebufferCount: 0, rebufferMs: 0, bitrateSwitches: 0, droppedFrames: 0 });
    sender.beacon();
    expect(beacons).toEqual([['qoe']]);
  });
});
