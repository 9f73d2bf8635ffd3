import { describe, expect, it } from 'vitest';
import { progressWriter } from '../../../src/media/jobs/progress-writer.js';
import type { RunningState } from '../../../src/media/jobs/model.js';

describe('progress writer', () => {
  it('writes on every stage change, throttles within a stage, flushes the last report, and reports a lost lease', async () => {
    const writes: Array<[RunningState, number]> = [];
    let owned = true;
    let lost = 0;
    const writer = progressWriter({
      store: { progress: async (_lease, state, fraction) => (writes.push([state, fraction]), owned) },
      lease: { jobId: 'j', owner: 'w', attempt: 1 },
      leaseMs: 1000,
      intervalMs: 60_000,
      onLeaseLost: () => (lost += 1),
    });
    writer.report({ stage: 'probing', fraction: 0, overall: 0 });
    writer.report({ stage: 'encoding', fraction: 0, overall: 0.1 });
    writer.report({ stage: 'encoding', fraction: 0.5, overall: 0.4 });
    writer.report({ stage: 'encoding', fraction: 0.9, overall: 0.6 });
    await writer.flush();
    expect(writes).toEqual([['probing', 0], ['encoding', 0.1], ['encoding', 0.6]]);
    owned = false;
    writer.report({ stage: 'qc', fraction: 0, overall: 0.8 });
    await writer.flush();
    expect(lost).toBe(1);
  });
});
