import { describe, expect, it } from 'vitest';
import { qualityWindows } from '../../src/media/qc-args.js';
import { countPackets } from '../../src/media/qc-report.js';

describe('QC sampling windows', () => {
  it('starts each window on a segment spread over the title, in whole frames', () => {
    expect(qualityWindows([4, 4, 4, 4, 4, 4, 4, 2], { num: 25, den: 1 }, 3, 1)).toEqual([
      { segment: 1, start: 4, duration: 1, frames: 25 },
      { segment: 4, start: 16, duration: 1, frames: 25 },
      { segment: 6, start: 24, duration: 1, frames: 25 },
    ]);
  });

  it('snaps starts to the frame grid and never runs past a short segment', () => {
    const [first, second] = qualityWindows([4.004, 1.001], { num: 30000, den: 1001 }, 2, 2);
    expect(first).toEqual({ segment: 0, start: 0, duration: 2.002, frames: 60 });
    expect(second?.frames).toBe(30);
    expect(second?.start).toBeCloseTo(4.004, 9);
  });

  it('takes each segment at most once when there are fewer segments than windows', () => {
    expect(qualityWindows([2, 1], { num: 24, den: 1 }, 3, 2).map((w) => [w.segment, w.frames])).toEqual([[0, 48], [1, 24]]);
    expect(qualityWindows([], { num: 24, den: 1 }, 3, 2)).toEqual([]);
  });
});

describe('packet count', () => {
  it('counts packets with a timestamp, ignoring blank and N/A lines', () => {
    expect(countPackets('0.000000,K_,\n\n0.066667,__,\n4.000000,K_,\nN/A,K_\n2.000000,__\n')).toBe(4);
  });
});
