import fs from 'node:fs/promises';
import path from 'node:path';
import { assignedPartitions, checkName, encodeInputs, partitionFor } from '../partition.js';
import type { AppendResult, ConsumerOptions, Log, LogConsumer, LogRecordInput, LogRetention } from '../types.js';
import { SegmentConsumer } from './consumer.js';
import { lockFile } from '../../dir-lock.js';
import type { PartitionLog, PendingFrame } from './partition-log.js';
import { encodeFrame } from './record.js';
import { Topic } from './topic.js';

/** Options of the embedded log; sizes in bytes, times in ms. */
export interface SegmentLogOptions {
  /** Root directory (`<dataDir>/log`); one subdirectory per topic. */
  dir: string;
  partitions?: number;
  /** A segment is sealed and a new one started past this size (default 64 MiB). */
  segmentBytes?: number;
  /** Bytes between sparse index entries (default 4 KiB): bounds the scan per seek. */
  indexIntervalBytes?: number;
  retention?: LogRetention;
  /**
   * How long an idle log waits for more appends to share an fsync (default 0: only those of the
   * same event-loop tick). Under load, appends arriving during an fsync share the next one anyway.
   */
  groupCommitMs?: number;
  /** How often retention runs without appends (default 60 s). */
  retentionCheckMs?: number;
}

interface Waiter {
  resolve(): void;
  reject(err: unknown): void;
}

/** Opens the embedded segment log in `options.dir`, taking its lock. */
export async function openSegmentLog(options: SegmentLogOptions): Promise<SegmentLog> {
  await fs.mkdir(options.dir, { recursive: true });
  const unlock = await lockFile(path.join(options.dir, 'LOCK'), `log directory ${options.dir}`);
  return new SegmentLog(options, unlock);
}

/**
 * The embedded log. Appends are group-committed: records queued while the log lingers
 * `groupCommitMs`, or while the previous commit's fsync is in flight, are written to their
 * partitions and fsync'd together, and all their promises resolve after that fsync.
 */
export class SegmentLog implements Log {
  readonly kind = 'segment';
  readonly partitions: number;
  /** Group commits completed; tests use it to check that a batch costs one commit. */
  commits = 0;
  private readonly topics = new Map<string, Promise<Topic>>();
  private readonly consumers = new Set<SegmentConsumer>();
  private pending = new Map<PartitionLog, PendingFrame[]>();
  private pendingTopics = new Set<Topic>();
  private waiters: Waiter[] = [];
  private timer: NodeJS.Timeout | NodeJS.Immediate | undefined;
  private committing: Promise<void> | undefined;
  private retentionDue = false;
  private readonly retentionTimer: NodeJS.Timeout;
  private closed = false;

  constructor(private readonly options: SegmentLogOptions, private readonly unlock: () => Promise<void>) {
    this.partitions = options.partitions ?? 8;
    if (!Number.isInteger(this.partitions) || this.partitions < 1) throw new Error('partitions must be a positive integer');
    this.retentionTimer = setInterval(() => {
      this.retentionDue = true;
      this.schedule();
    }, options.retentionCheckMs ?? 60_000);
    this.retentionTimer.unref();
  }

  /** The topic's state, opened (and recovered) on first use. */
  topic(name: string): Promise<Topic> {
    checkName('topic', name);
    let topic = this.topics.get(name);
    if (!topic) {
      topic = Topic.open(this.options.dir, name, this.partitions, {
        segmentBytes: this.options.segmentBytes ?? 64 * 1024 * 1024,
        indexIntervalBytes: this.options.indexIntervalBytes ?? 4096,
        retention: this.options.retention ?? {},
      });
      this.topics.set(name, topic);
      topic.catch(() => this.topics.delete(name));
    }
    return topic;
  }

  async append(topicName: string, records: readonly LogRecordInput[]): Promise<AppendResult[]> {
    this.assertOpen();
    const inputs = encodeInputs(records, Date.now());
    const topic = await this.topic(topicName);
    this.assertOpen();
    if (inputs.length === 0) return [];
    // Check every target partition first so a batch is queued whole or not at all; then assign
    // offsets synchronously, in call order, so a key's records keep their order.
    const targets = records.map((record) => partitionFor(record.key, this.partitions));
    for (const p of targets) {
      const failed = topic.partitions[p]?.failed;
      if (failed) throw failed;
    }
    const results = inputs.map((input, i): AppendResult => {
      const p = targets[i] as number;
      const partition = topic.partitions[p] as PartitionLog;
      const offset = partition.nextOffset++;
      const queue = this.pending.get(partition) ?? [];
      queue.push({ offset, timestamp: input.timestamp, frame: encodeFrame(offset, input.timestamp, input.key, input.value, input.valueBytes) });
      this.pending.set(partition, queue);
      return { partition: p, offset };
    });
    this.pendingTopics.add(topic);
    await new Promise<void>((resolve, reject) => {
      this.waiters.push({ resolve, reject });
      this.schedule();
    });
    return results;
  }

  private schedule(): void {
    if (this.committing || this.timer) return;
    const start = (): void => {
      this.timer = undefined;
      this.committing = this.commitLoop().finally(() => {
        this.committing = undefined;
        if (this.pending.size > 0 || this.retentionDue) this.schedule();
      });
    };
    const linger = this.options.groupCommitMs ?? 0;
    // 0 still gathers every append issued in the same tick of the event loop.
    this.timer = linger > 0 ? setTimeout(start, linger) : setImmediate(start);
  }

  /** Commits everything queued, batch after batch, until the queue is empty. */
  private async commitLoop(): Promise<void> {
    while (this.pending.size > 0) {
      const batch = this.pending;
      const topics = this.pendingTopics;
      const waiters = this.waiters;
      this.pending = new Map();
      this.pendingTopics = new Set();
      this.waiters = [];
      const results = await Promise.allSettled([...batch].map(([partition, frames]) => partition.write(frames)));
      const failure = results.find((r) => r.status === 'rejected');
      this.commits += 1;
      for (const topic of topics) topic.notify();
      for (const waiter of waiters) {
        if (failure) waiter.reject(failure.reason);
        else waiter.resolve();
      }
      await this.retention([...batch.keys()]);
    }
    if (this.retentionDue) {
      this.retentionDue = false;
      const all = await Promise.all([...this.topics.values()].map((t) => t.catch(() => undefined)));
      await this.retention(all.flatMap((t) => t?.partitions ?? []));
    }
  }

  private async retention(partitions: PartitionLog[]): Promise<void> {
    const now = Date.now();
    // Retention is housekeeping: a failure (e.g. EBUSY) is retried at the next check.
    await Promise.all(partitions.map((p) => p.applyRetention(now).catch(() => {})));
  }

  async consumer(topicName: string, group: string, options: ConsumerOptions = {}): Promise<LogConsumer> {
    this.assertOpen();
    checkName('group', group);
    const topic = await this.topic(topicName);
    const partitions = assignedPartitions(options.partitions, this.partitions);
    const consumer = new SegmentConsumer(topic, group, partitions, await topic.groupOffsets(group), () => {
      this.consumers.delete(consumer);
    });
    this.consumers.add(consumer);
    return consumer;
  }

  async ping(): Promise<void> {
    this.assertOpen();
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    clearInterval(this.retentionTimer);
    await Promise.all([...this.consumers].map((c) => c.close()));
    // Let queued appends finish: their callers are waiting for durability.
    while (this.timer || this.committing) {
      if (this.timer) {
        clearTimeout(this.timer as NodeJS.Timeout);
        clearImmediate(this.timer as NodeJS.Immediate);
        this.timer = undefined;
        this.committing = this.commitLoop().finally(() => (this.committing = undefined));
      }
      await this.committing;
    }
    const topics = await Promise.all([...this.topics.values()].map((t) => t.catch(() => undefined)));
    await Promise.all(topics.map((t) => t?.close()));
    await this.unlock();
  }

  private assertOpen(): void {
    if (this.closed) throw new Error('log is closed');
  }
}
