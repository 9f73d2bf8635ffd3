import {
  AckPolicy,
  DeliverPolicy,
  JetStreamApiCodes,
  JetStreamApiError,
  type Consumer,
  type ConsumerConfig,
  type ConsumerInfo,
  type ConsumerMessages,
  type JetStreamClient,
  type JetStreamManager,
  type JsMsg,
} from '@nats-io/jetstream';
import { nanos } from '@nats-io/transport-node';
import type { LogConsumer, LogPosition, LogRecord } from './types.js';

/** Headers carrying what JetStream messages have no field for. */
export const KEY_HEADER = 'Marquee-Key';
export const TIMESTAMP_HEADER = 'Marquee-Timestamp';

/** What a consumer needs from its log: the clients and the topic's stream layout. */
export interface StreamContext {
  js: JetStreamClient;
  jsm: JetStreamManager;
  topic: string;
  stream: string;
  subject(partition: number): string;
  ackWaitMs: number;
}

/** Where a recreated durable starts. */
type Start = { seq: number } | { time: number } | 'all';

interface Reader {
  stopped: boolean;
  messages: ConsumerMessages | undefined;
  loop: Promise<void>;
}

const FETCH_BATCH = 256;
/** Records buffered ahead of `poll`; fetching pauses above this (backpressure). */
const BUFFER_HIGH_WATER = 1024;

/**
 * A group's consumer over JetStream: one durable pull consumer per partition (`<group>_p<n>`,
 * filtered on the partition's subject, explicit acks), each read by a fetch loop into a shared
 * buffer. The server keeps the acks, so committed positions survive restarts; `seek` recreates
 * the durable with a start sequence or time. Records delivered but not committed come back to
 * the next consumer of the group, from the first uncommitted one (see `ensureDurable`).
 */
export class JetStreamConsumer implements LogConsumer {
  readonly topic: string;
  private buffer: { partition: number; msg: JsMsg }[] = [];
  /** Delivered and not yet acked, per partition, by sequence (buffered ones included). */
  private readonly inflight = new Map<number, Map<number, JsMsg>>();
  private readonly readers = new Map<number, Reader>();
  private wakePoll: (() => void) | undefined;
  private wakeReaders: (() => void)[] = [];
  private closed = false;

  private constructor(private readonly ctx: StreamContext, readonly group: string, private readonly onClose: () => void) {
    this.topic = ctx.topic;
  }

  /** Creates the group's durables when missing and starts reading every assigned partition. */
  static async open(ctx: StreamContext, group: string, partitions: readonly number[], onClose: () => void): Promise<JetStreamConsumer> {
    const consumer = new JetStreamConsumer(ctx, group, onClose);
    for (const p of partitions) {
      await consumer.ensureDurable(p, 'resume');
      consumer.inflight.set(p, new Map());
      consumer.startReader(p);
    }
    return consumer;
  }

  private durable(partition: number): string {
    return `${this.group}_p${partition}`;
  }

  /**
   * Makes sure the partition's durable exists. `keep` leaves an existing one as it is; `resume`
   * (at open) also rewinds one holding unacked deliveries, left by a consumer that closed or
   * crashed, to just after its ack floor, so those records come back at once and in order
   * rather than after the ack wait (and a stale pull request of the old consumer dies with it).
   * A `Start` recreates the durable there (seek).
   */
  private async ensureDurable(partition: number, mode: 'keep' | 'resume' | Start): Promise<void> {
    const { jsm, stream } = this.ctx;
    const name = this.durable(partition);
    let start: Start | undefined;
    if (mode === 'keep' || mode === 'resume') {
      const info = await jsm.consumers.info(stream, name).catch((err: unknown) => {
        if (err instanceof JetStreamApiError && err.code === JetStreamApiCodes.ConsumerNotFound) return undefined;
        throw err;
      });
      if (info && (mode === 'keep' || info.num_ack_pending === 0)) return;
      if (info) start = resumePoint(info);
    } else {
      start = mode;
    }
    if (start !== undefined) await jsm.consumers.delete(stream, name).catch(() => false);
    const config: Partial<ConsumerConfig> = {
      durable_name: name,
      filter_subject: this.ctx.subject(partition),
      ack_policy: AckPolicy.Explicit,
      ack_wait: nanos(this.ctx.ackWaitMs),
      max_deliver: -1,
      max_ack_pending: 20_000,
      deliver_policy: DeliverPolicy.All,
    };
    if (typeof start === 'object' && 'seq' in start) {
      config.deliver_policy = DeliverPolicy.StartSequence;
      config.opt_start_seq = Math.max(1, start.seq);
    } else if (typeof start === 'object') {
      config.deliver_policy = DeliverPolicy.StartTime;
      config.opt_start_time = new Date(start.time).toISOString();
    }
    await jsm.consumers.add(stream, config);
  }

  private startReader(partition: number): void {
    const reader: Reader = { stopped: false, messages: undefined, loop: Promise.resolve() };
    reader.loop = (async () => {
      let source: Consumer | undefined;
      while (!reader.stopped) {
        try {
          if (this.buffer.length >= BUFFER_HIGH_WATER) {
            await new Promise<void>((resolve) => this.wakeReaders.push(resolve));
            continue;
          }
          source ??= await this.ctx.js.consumers.get(this.ctx.stream, this.durable(partition));
          if (reader.stopped) break;
          reader.messages = await source.fetch({ max_messages: FETCH_BATCH, expires: 5_000 });
          if (reader.stopped) reader.messages.stop();
          for await (const msg of reader.messages) this.deliver(partition, msg);
        } catch {
          source = undefined;
          // Server restart or consumer recreated elsewhere: back off and fetch again.
          if (!reader.stopped) await new Promise((resolve) => setTimeout(resolve, 500));
          if (!reader.stopped) await this.ensureDurable(partition, 'keep').catch(() => {});
        }
      }
    })();
    this.readers.set(partition, reader);
  }

  private async stopReader(partition: number): Promise<void> {
    const reader = this.readers.get(partition);
    if (!reader) return;
    reader.stopped = true;
    reader.messages?.stop();
    this.releaseReaders();
    await reader.loop;
    this.readers.delete(partition);
  }

  private deliver(partition: number, msg: JsMsg): void {
    const pending = this.inflight.get(partition);
    if (!pending) return;
    // A redelivery (ack wait expired) of a record this consumer still holds: keep the newer handle only.
    const held = pending.has(msg.seq);
    pending.set(msg.seq, msg);
    if (held) return;
    this.buffer.push({ partition, msg });
    this.wakePoll?.();
  }

  private releaseReaders(): void {
    const waiting = this.wakeReaders;
    this.wakeReaders = [];
    for (const wake of waiting) wake();
  }

  async poll(maxRecords: number, maxWaitMs: number): Promise<LogRecord[]> {
    this.assertOpen();
    if (this.buffer.length === 0 && maxWaitMs > 0) {
      await new Promise<void>((resolve) => {
        const timer = setTimeout(done, maxWaitMs);
        function done(): void {
          clearTimeout(timer);
          resolve();
        }
        this.wakePoll = done;
      });
      this.wakePoll = undefined;
    }
    const taken = this.buffer.splice(0, maxRecords);
    if (this.buffer.length < BUFFER_HIGH_WATER) this.releaseReaders();
    return taken.map(({ partition, msg }) => this.toRecord(partition, msg));
  }

  private toRecord(partition: number, msg: JsMsg): LogRecord {
    const key = msg.headers?.get(KEY_HEADER);
    const timestamp = Number(msg.headers?.get(TIMESTAMP_HEADER));
    return {
      topic: this.topic,
      partition,
      offset: msg.seq,
      key: key ? decodeURIComponent(key) : '',
      value: msg.data,
      timestamp: Number.isFinite(timestamp) && timestamp > 0 ? timestamp : Math.floor(msg.info.timestampNanos / 1e6),
    };
  }

  async commit(records: readonly LogRecord[]): Promise<void> {
    this.assertOpen();
    const upTo = new Map<number, number>();
    for (const record of records) {
      if (record.topic !== this.topic) throw new Error(`record of topic ${record.topic} committed to ${this.topic}`);
      upTo.set(record.partition, Math.max(upTo.get(record.partition) ?? 0, record.offset));
    }
    const acks: Promise<boolean>[] = [];
    for (const [partition, last] of upTo) {
      const pending = this.inflight.get(partition);
      for (const [seq, msg] of pending ?? []) {
        if (seq > last) continue;
        pending?.delete(seq);
        acks.push(msg.ackAck());
      }
    }
    // Wait for the server to confirm: a commit must be durable when it resolves.
    const confirmed = await Promise.all(acks);
    if (confirmed.includes(false)) throw new Error(`JetStream did not confirm a commit for group ${this.group}`);
  }

  async seek(position: LogPosition): Promise<void> {
    this.assertOpen();
    const starts = new Map<number, Start>();
    if ('offsets' in position) {
      for (const [key, offset] of Object.entries(position.offsets)) {
        const p = Number(key);
        if (!this.inflight.has(p)) throw new Error(`partition ${p} is not assigned to this consumer`);
        if (!Number.isSafeInteger(offset) || offset < 0) throw new Error(`invalid offset ${offset}`);
        starts.set(p, { seq: offset });
      }
    } else {
      // `latest` as a sequence, not DeliverPolicy.New, so `resumePoint` can find it again.
      const latest = { seq: (await this.ctx.jsm.streams.info(this.ctx.stream)).state.last_seq + 1 };
      for (const p of this.inflight.keys()) {
        starts.set(p, 'time' in position ? { time: position.time } : position.at === 'earliest' ? 'all' : latest);
      }
    }
    for (const [p, start] of starts) {
      await this.stopReader(p);
      this.buffer = this.buffer.filter((entry) => entry.partition !== p);
      this.inflight.set(p, new Map());
      await this.ensureDurable(p, start);
      this.startReader(p);
    }
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.wakePoll?.();
    await Promise.all([...this.readers.keys()].map((p) => this.stopReader(p)));
    // Uncommitted deliveries are not nak'ed: a pull request of ours may outlive the close on the
    // server and swallow the redelivery; the next open rewinds the durable instead (`resume`).
    this.inflight.clear();
    this.buffer = [];
    this.onClose();
  }

  private assertOpen(): void {
    if (this.closed) throw new Error('log consumer is closed');
  }
}

/** The first record a durable has not had acked: after its ack floor, or where it started. */
function resumePoint(info: ConsumerInfo): Start {
  if (info.ack_floor.stream_seq > 0) return { seq: info.ack_floor.stream_seq + 1 };
  const { deliver_policy: policy, opt_start_seq: seq, opt_start_time: time } = info.config;
  if (policy === DeliverPolicy.StartSequence && seq !== undefined) return { seq };
  if (policy === DeliverPolicy.StartTime && time !== undefined) return { time: Date.parse(time) };
  return 'all';
}
