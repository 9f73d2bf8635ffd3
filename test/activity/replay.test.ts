import { describe, expect, it } from 'vitest';
import { parseReplayTime } from '../../src/activity/replay.js';

describe('parseReplayTime', () => {
  const now = Date.parse('2026-11-30T12:00:00Z');
  it('reads ISO times and times ago', () => {
    expect(parseReplayTime('2026-11-30T10:30:00Z', now)).toBe(Date.parse('2026-11-30T10:30:00Z'));
    expect(parseReplayTime('2h', now)).toBe(now - 7_200_000);
    expect(parseReplayTime('90s', now)).toBe(now - 90_000);
    expect(parseReplayTime('7d', now)).toBe(now - 7 * 86_400_000);
    expect(parseReplayTime('1w', now)).toBe(now - 7 * 86_400_000);
  });
  it('rejects anything else', () => {
    for (const bad of ['', 'yesterday', '2', '2 hours', '-2h', '2026-13-45T99:00:00Z']) expect(parseReplayTime(bad, now)).toBeUndefined();
  });
});
