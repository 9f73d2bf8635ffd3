/**
 * The activity log: an append-only, partitioned, replayable record stream (Kafka-shaped).
 * Embedded it is a segment-file log under the data dir; in services mode a NATS JetStream stream.
 *
 * Guarantees both adapters keep (checked by test/contract/log.contract.test.ts):
 * - `append` resolves only once every record is durable (fsync / JetStream PubAck).
 * - Records with the same key land in the same partition, in append order.
 * - Offsets increase within a partition; they need not be contiguous (JetStream offsets are
 *   stream sequences shared by all partitions of a topic).
 * - Delivery is at-least-once: whatever a group has not committed is delivered again after a
 *   restart, so consumers must be idempotent.
 */
export interface Log {
  readonly kind: 'segment' | 'jetstream';
  /** Number of partitions every topic of this log has. */
  readonly partitions: number;
  /**
   * Appends a batch durably, as one write where the adapter allows (one group commit embedded).
   * Results are in input order. Topics are created on first use.
   */
  append(topic: string, records: readonly LogRecordInput[]): Promise<AppendResult[]>;
  /**
   * A consumer reading `topic` for `group`, starting at the group's committed positions (the
   * earliest retained record for a group that never committed). Groups are independent.
   * Run at most one consumer per group and partition at a time; `options.partitions` assigns a
   * subset so several workers can share a group.
   */
  consumer(topic: string, group: string, options?: ConsumerOptions): Promise<LogConsumer>;
  /** Throws if the log cannot serve requests (closed, or server unreachable). */
  ping(): Promise<void>;
  /** Closes consumers still open, then the log; pending appends finish first. */
  close(): Promise<void>;
}

/** One record to append. `timestamp` (ms since epoch) defaults to the append time. */
export interface LogRecordInput {
  key: string;
  value: Uint8Array | string;
  timestamp?: number;
}

/** Where an appended record was stored. */
export interface AppendResult {
  partition: number;
  offset: number;
}

/** A record read back from the log; `value` is the bytes that were appended. */
export interface LogRecord {
  topic: string;
  partition: number;
  offset: number;
  key: string;
  value: Uint8Array;
  timestamp: number;
}

/** Partition assignment for a consumer; all partitions when omitted. */
export interface ConsumerOptions {
  partitions?: readonly number[];
}

/**
 * A replay position. `offsets` moves the listed partitions only; `time` moves every assigned
 * partition to its first record at or after that time (ms since epoch); `earliest`/`latest`
 * to the start or the end of what is retained.
 */
export type LogPosition =
  | { offsets: Readonly<Record<number, number>> }
  | { time: number }
  | { at: 'earliest' | 'latest' };

/** Reads a topic for one consumer group. Not safe for concurrent `poll` calls. */
export interface LogConsumer {
  readonly topic: string;
  readonly group: string;
  /**
   * Returns up to `maxRecords` records, waiting at most `maxWaitMs` when none are available
   * (an empty array then). Per partition, records come in offset order.
   */
  poll(maxRecords: number, maxWaitMs: number): Promise<LogRecord[]>;
  /**
   * Marks the given records, and every earlier record of their partitions that this consumer
   * delivered, as processed for the group. Durable when the promise resolves.
   */
  commit(records: readonly LogRecord[]): Promise<void>;
  /**
   * Moves the group to `position` (replay or skip) and persists it as the group's position,
   * like resetting a Kafka group's offsets; records delivered before the seek and not
   * committed are dropped from this consumer.
   */
  seek(position: LogPosition): Promise<void>;
  /** Stops reading; records delivered but not committed will be delivered again later. */
  close(): Promise<void>;
}

/** Limits per partition; data past either limit may be deleted, oldest first. */
export interface LogRetention {
  maxBytes?: number;
  maxAgeMs?: number;
}
