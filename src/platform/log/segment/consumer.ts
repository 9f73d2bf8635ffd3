import type { LogConsumer, LogPosition, LogRecord } from '../types.js';
import type { PartitionLog, ReadHint } from './partition-log.js';
import type { GroupOffsets, Topic } from './topic.js';

/**
 * A consumer of the segment log. Its read position per partition starts at the group's
 * committed position (or the oldest retained record) and moves as it polls; `commit` persists
 * positions for the group, so a restarted consumer resumes after the last commit.
 */
export class SegmentConsumer implements LogConsumer {
  readonly topic: string;
  private readonly positions = new Map<number, number>();
  private readonly hints = new Map<number, ReadHint>();
  private cursor = 0;
  private closed = false;

  constructor(
    private readonly state: Topic,
    readonly group: string,
    private readonly assigned: readonly number[],
    private readonly offsets: GroupOffsets,
    private readonly onClose: () => void,
  ) {
    this.topic = state.name;
    for (const p of assigned) this.positions.set(p, offsets.get(p) ?? 0);
  }

  async poll(maxRecords: number, maxWaitMs: number): Promise<LogRecord[]> {
    const deadline = Date.now() + maxWaitMs;
    for (;;) {
      this.assertOpen();
      // Listen before reading so a commit landing during the read still wakes us.
      const wake = this.state.nextAppend(Math.max(0, deadline - Date.now()));
      const records = await this.read(maxRecords);
      if (records.length > 0 || Date.now() >= deadline || this.closed) {
        wake.cancel();
        return records;
      }
      await wake.done;
    }
  }

  /** One pass over the assigned partitions, starting at a rotating one for fairness. */
  private async read(maxRecords: number): Promise<LogRecord[]> {
    const out: LogRecord[] = [];
    const count = this.assigned.length;
    for (let i = 0; i < count && out.length < maxRecords; i++) {
      const p = this.assigned[(this.cursor + i) % count] as number;
      const partition = this.state.partitions[p] as PartitionLog;
      const { records, next, hint } = await partition.read(this.positions.get(p) ?? 0, maxRecords - out.length, this.hints.get(p));
      this.positions.set(p, next);
      if (hint) this.hints.set(p, hint);
      for (const record of records) out.push({ topic: this.topic, partition: p, ...record });
    }
    this.cursor = (this.cursor + 1) % Math.max(count, 1);
    return out;
  }

  async commit(records: readonly LogRecord[]): Promise<void> {
    this.assertOpen();
    const next = new Map<number, number>();
    for (const record of records) {
      if (record.topic !== this.topic) throw new Error(`record of topic ${record.topic} committed to ${this.topic}`);
      next.set(record.partition, Math.max(next.get(record.partition) ?? 0, record.offset + 1));
    }
    await this.offsets.update(next, 'forward');
  }

  async seek(position: LogPosition): Promise<void> {
    this.assertOpen();
    const moved = new Map<number, number>();
    if ('offsets' in position) {
      for (const [key, offset] of Object.entries(position.offsets)) {
        const p = Number(key);
        if (!this.positions.has(p)) throw new Error(`partition ${p} is not assigned to this consumer`);
        if (!Number.isSafeInteger(offset) || offset < 0) throw new Error(`invalid offset ${offset}`);
        moved.set(p, offset);
      }
    } else {
      for (const p of this.assigned) {
        const partition = this.state.partitions[p] as PartitionLog;
        if ('time' in position) moved.set(p, await partition.offsetForTime(position.time));
        else moved.set(p, position.at === 'earliest' ? partition.logStart : partition.durableNext);
      }
    }
    for (const [p, offset] of moved) {
      this.positions.set(p, offset);
      this.hints.delete(p);
    }
    await this.offsets.update(moved, 'set');
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.onClose();
  }

  private assertOpen(): void {
    if (this.closed) throw new Error('log consumer is closed');
  }
}
