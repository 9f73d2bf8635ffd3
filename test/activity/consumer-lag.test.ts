import { describe, expect, it } from 'vitest';
import { PendingRecords } from '../../src/activity/consumer-runner.js';
import type { LogRecord } from '../../src/platform/log/index.js';

const record = (partition: number, offset: number, timestamp: number): LogRecord => ({ topic: 'activity', partition, offset, key: 'k', value: new Uint8Array(), timestamp });

describe('consumer lag: the age of the oldest record received and not yet committed', () => {
  it('is 0 with nothing pending, grows while a handler holds records, and falls as they are committed', () => {
    const pending = new PendingRecords();
    expect(pending.lagSeconds(10_000)).toBe(0);
    pending.add([record(0, 1, 1_000), record(0, 2, 2_000), record(1, 7, 4_000)]);
    // Held (the lake sink buffering until a file rolls): lag keeps growing with the clock.
    expect(pending.lagSeconds(10_000)).toBe(9);
    expect(pending.lagSeconds(20_000)).toBe(19);
    // Partition 0 committed up to offset 1: its oldest pending is now the record of 2 s.
    pending.committed([record(0, 1, 1_000)]);
    expect(pending.lagSeconds(10_000)).toBe(8);
    pending.committed([record(0, 2, 2_000), record(1, 7, 4_000)]);
    expect(pending.lagSeconds(10_000)).toBe(0);
  });

  it('shows a backlog: each poll of a slow consumer brings older records', () => {
    const pending = new PendingRecords();
    pending.add([record(3, 100, 50_000)]);
    pending.committed([record(3, 100, 50_000)]);
    pending.add([record(3, 101, 51_000)]);
    expect(pending.lagSeconds(80_000)).toBe(29);
  });
});
