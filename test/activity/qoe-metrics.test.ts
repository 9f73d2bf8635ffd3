import { randomUUID } from 'node:crypto';
import { Registry } from 'prom-client';
import { describe, expect, it } from 'vitest';
import { MAX_ERROR_CODES, qoeHandler, qoeLabels } from '../../src/activity/qoe-metrics.js';
import type { LogRecord } from '../../src/platform/log/index.js';

let offset = 0;
function qoe(fields: Record<string, unknown>): LogRecord {
  const event = { v: 1, type: 'qoe', id: randomUUID(), clientTime: 1, profileId: 'p', deviceId: 'd', accountId: 'a', receivedAt: 1, titleId: 't', playbackSessionId: 's1', deviceType: 'tv', country: 'US', startupMs: 800, rebufferCount: 0, rebufferMs: 0, bitrateSwitches: 0, droppedFrames: 0, ...fields };
  return { topic: 'activity', partition: 0, offset: offset++, key: 'p', value: new TextEncoder().encode(JSON.stringify(event)), timestamp: 1 };
}

/** The value of one sample line of the exposition text. */
function sample(text: string, line: string): number {
  const found = text.split('\n').find((l) => l.startsWith(`${line} `));
  if (!found) throw new Error(`no sample ${line} in\n${text}`);
  return Number(found.slice(line.length + 1));
}

describe('QoE metrics consumer', () => {
  it('observes startup once per session and the rebuffer ratio per interval, with bounded labels', async () => {
    const registry = new Registry();
    const handler = qoeHandler(registry);
    const result = await handler.handle([
      // Session s1 (tv, US): 30 s played, 300 ms stalled, then 30 s more with no stall.
      qoe({ startupMs: 1200, rebufferMs: 300, playedMs: 29_700 }),
      qoe({ startupMs: 1200, rebufferMs: 300, playedMs: 59_700 }),
      // The first snapshot again (redelivered): changes nothing.
      qoe({ startupMs: 1200, rebufferMs: 300, playedMs: 29_700 }),
      // Session s2: a country outside the list, an unknown device, an error.
      qoe({ playbackSessionId: 's2', country: 'ZZ', deviceType: 'fridge', startupMs: 7000, rebufferMs: 0, errorCode: '1002' }),
      qoe({ playbackSessionId: 's2', country: 'ZZ', deviceType: 'fridge', startupMs: 7000, rebufferMs: 0, errorCode: '1002' }),
      // An older client without playedMs: startup only.
      qoe({ playbackSessionId: 's3', country: undefined, startupMs: 400 }),
      { topic: 'activity', partition: 0, offset: offset++, key: 'p', value: new TextEncoder().encode('nope'), timestamp: 1 },
    ]);
    expect(result?.failures?.map((f) => f.error)).toEqual(['value is not JSON']);
    const text = await registry.metrics();
    const us = 'device_type="tv",country="US"';
    expect(sample(text, `marquee_qoe_startup_seconds_count{${us}}`)).toBe(1);
    expect(sample(text, `marquee_qoe_startup_seconds_bucket{le="1",${us}}`)).toBe(0);
    expect(sample(text, `marquee_qoe_startup_seconds_bucket{le="1.5",${us}}`)).toBe(1);
    expect(sample(text, `marquee_qoe_rebuffer_ratio_count{${us}}`)).toBe(2);
    expect(sample(text, `marquee_qoe_rebuffer_ratio_bucket{le="0",${us}}`)).toBe(1);
    expect(sample(text, `marquee_qoe_rebuffer_ratio_bucket{le="0.005",${us}}`)).toBe(1);
    expect(sample(text, `marquee_qoe_rebuffer_ratio_bucket{le="0.01",${us}}`)).toBe(2);
    expect(sample(text, `marquee_qoe_rebuffer_ratio_sum{${us}}`)).toBeCloseTo(0.01);
    const other = 'device_type="unknown",country="other"';
    expect(sample(text, `marquee_qoe_startup_seconds_bucket{le="8",${other}}`)).toBe(1);
    expect(sample(text, `marquee_qoe_errors_total{device_type="unknown",country="other",code="1002"}`)).toBe(1);
    expect(text).not.toContain(`marquee_qoe_rebuffer_ratio_count{${other}}`);
    expect(sample(text, 'marquee_qoe_startup_seconds_count{device_type="tv",country="unknown"}')).toBe(1);
  });

  it('caps error code labels', async () => {
    const registry = new Registry();
    const handler = qoeHandler(registry);
    await handler.handle(Array.from({ length: MAX_ERROR_CODES + 5 }, (_, i) => qoe({ playbackSessionId: `e${i}`, errorCode: `C${i}` })));
    const text = await registry.metrics();
    expect(sample(text, 'marquee_qoe_errors_total{device_type="tv",country="US",code="other"}')).toBe(5);
    expect(qoeLabels({ deviceType: 'web', country: 'FR' })).toEqual({ device_type: 'web', country: 'FR' });
  });
});
