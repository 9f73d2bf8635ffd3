import {
  DiscardPolicy,
  jetstream,
  JetStreamApiCodes,
  JetStreamApiError,
  jetstreamManager,
  RetentionPolicy,
  StorageType,
  type JetStreamClient,
  type JetStreamManager,
  type StreamConfig,
} from '@nats-io/jetstream';
import { connect, headers, nanos, type NatsConnection } from '@nats-io/transport-node';
import { redactUrl } from '../../config.js';
import { JetStreamConsumer, KEY_HEADER, TIMESTAMP_HEADER, type StreamContext } from './jetstream-consumer.js';
import { assignedPartitions, checkName, encodeInputs, partitionFor } from './partition.js';
import type { AppendResult, ConsumerOptions, Log, LogConsumer, LogRecordInput, LogRetention } from './types.js';

/** Options of the JetStream log; sizes in bytes, times in ms. */
export interface JetStreamLogOptions {
  url: string;
  partitions?: number;
  /** Per partition, like the segment log; the stream gets `partitions` times `maxBytes`. */
  retention?: LogRetention;
  /** Prefix of stream names (`<ns>_<topic>`) and subjects (`<ns>.<topic>.<partition>`). */
  namespace?: string;
  /** Stream replicas: 3 on a cluster, 1 on a single server (default). */
  replicas?: number;
  /** How long JetStream waits for a commit before redelivering a record (default 5 min). */
  ackWaitMs?: number;
  connectTimeoutMs?: number;
}

/**
 * Connects to NATS and checks JetStream answers; fails fast with the variable name and the
 * (redacted) address instead of retrying forever, so a misconfigured node does not start.
 */
export async function openJetStreamLog(options: JetStreamLogOptions): Promise<JetStreamLog> {
  let nc: NatsConnection | undefined;
  try {
    nc = await connect({
      servers: options.url,
      timeout: options.connectTimeoutMs ?? 3_000,
      name: 'marquee-log',
      // Once connected, ride out server restarts; only the first connection must fail fast.
      reconnect: true,
      maxReconnectAttempts: -1,
      // Every publish is a request; capturing a stack trace for each (to decorate a timeout) was ~40 %
      // of the api's CPU at full ingest. Errors still say what failed.
      noAsyncTraces: true,
    });
    const jsm = await jetstreamManager(nc, { timeout: options.connectTimeoutMs ?? 3_000 });
    await jsm.getAccountInfo();
    return new JetStreamLog(nc, jsm, options);
  } catch (err) {
    await nc?.close().catch(() => {});
    const reason = err instanceof Error ? err.message : String(err);
    throw new Error(`MARQUEE_NATS_URL: cannot reach NATS at ${redactUrl(options.url)}: ${reason}`, { cause: err });
  }
}

/**
 * The services-mode log: one file-storage stream per topic with one subject per partition;
 * offsets are stream sequences. Consumers are durable pull consumers with explicit acks.
 * `append` resolves on the PubAcks, i.e. once the server has stored every record. A single
 * server fsyncs only every `sync_interval` (2 min by default), so to survive power loss run
 * streams with `replicas: 3`, or the server with `jetstream { sync_interval: always }`.
 */
export class JetStreamLog implements Log {
  readonly kind = 'jetstream';
  readonly partitions: number;
  private readonly js: JetStreamClient;
  private readonly namespace: string;
  private readonly streams = new Map<string, Promise<void>>();
  private readonly consumers = new Set<JetStreamConsumer>();
  private closed = false;

  constructor(private readonly nc: NatsConnection, private readonly jsm: JetStreamManager, private readonly options: JetStreamLogOptions) {
    this.partitions = options.partitions ?? 8;
    this.namespace = options.namespace ?? 'marquee';
    checkName('topic', this.namespace);
    this.js = jetstream(nc, { timeout: 10_000 });
  }

  /** The stream holding a topic. */
  streamName(topic: string): string {
    return `${this.namespace}_${topic}`;
  }

  private subject(topic: string, partition: number): string {
    return `${this.namespace}.${topic}.${partition}`;
  }

  /** Creates the topic's stream, or checks its partitions and applies the configured limits. */
  private ensureStream(topic: string): Promise<void> {
    checkName('topic', topic);
    let ready = this.streams.get(topic);
    if (!ready) {
      ready = this.createOrUpdateStream(topic);
      this.streams.set(topic, ready);
      ready.catch(() => this.streams.delete(topic));
    }
    return ready;
  }

  private async createOrUpdateStream(topic: string): Promise<void> {
    const name = this.streamName(topic);
    const subjects = Array.from({ length: this.partitions }, (_, p) => this.subject(topic, p));
    const { maxBytes, maxAgeMs } = this.options.retention ?? {};
    const limits: Partial<StreamConfig> = {
      max_bytes: maxBytes === undefined ? -1 : maxBytes * this.partitions,
      max_age: maxAgeMs === undefined ? 0 : nanos(maxAgeMs),
    };
    const existing = await this.jsm.streams.info(name).catch((err: unknown) => {
      if (err instanceof JetStreamApiError && err.code === JetStreamApiCodes.StreamNotFound) return undefined;
      throw err;
    });
    if (!existing) {
      await this.jsm.streams.add({
        name,
        subjects,
        description: `Marquee log topic ${topic}, ${this.partitions} partitions`,
        storage: StorageType.File,
        retention: RetentionPolicy.Limits,
        discard: DiscardPolicy.Old,
        num_replicas: this.options.replicas ?? 1,
        ...limits,
      });
      return;
    }
    // The subject list fixes the partition count: changing it would move keys between partitions.
    if (existing.config.subjects?.length !== subjects.length || !subjects.every((s) => existing.config.subjects?.includes(s))) {
      throw new Error(`log topic "${topic}" has subjects ${existing.config.subjects?.join(',')}, expected ${this.partitions} partitions`);
    }
    if (existing.config.max_bytes !== limits.max_bytes || existing.config.max_age !== limits.max_age) {
      await this.jsm.streams.update(name, { ...existing.config, ...limits });
    }
  }

  async append(topic: string, records: readonly LogRecordInput[]): Promise<AppendResult[]> {
    this.assertOpen();
    const inputs = encodeInputs(records, Date.now());
    await this.ensureStream(topic);
    // Publishes are pipelined on one connection, so per subject (partition) they are stored in
    // call order; the batch resolves once every PubAck (stored, on file) is back.
    return Promise.all(
      inputs.map(async (input, i) => {
        const key = records[i]?.key ?? '';
        const partition = partitionFor(key, this.partitions);
        const h = headers();
        h.set(KEY_HEADER, encodeURIComponent(key));
        h.set(TIMESTAMP_HEADER, String(input.timestamp));
        const ack = await this.js.publish(this.subject(topic, partition), input.value, { headers: h });
        return { partition, offset: ack.seq };
      }),
    );
  }

  async consumer(topic: string, group: string, options: ConsumerOptions = {}): Promise<LogConsumer> {
    this.assertOpen();
    checkName('group', group);
    await this.ensureStream(topic);
    const context: StreamContext = {
      js: this.js,
      jsm: this.jsm,
      topic,
      stream: this.streamName(topic),
      subject: (p) => this.subject(topic, p),
      ackWaitMs: this.options.ackWaitMs ?? 5 * 60_000,
    };
    const partitions = assignedPartitions(options.partitions, this.partitions);
    const consumer = await JetStreamConsumer.open(context, group, partitions, () => this.consumers.delete(consumer));
    this.consumers.add(consumer);
    return consumer;
  }

  /** Deletes a topic's stream with its data and consumer groups (tests, operators). */
  async deleteTopic(topic: string): Promise<void> {
    checkName('topic', topic);
    this.streams.delete(topic);
    await this.jsm.streams.delete(this.streamName(topic)).catch((err: unknown) => {
      if (!(err instanceof JetStreamApiError && err.code === JetStreamApiCodes.StreamNotFound)) throw err;
    });
  }

  async ping(): Promise<void> {
    this.assertOpen();
    await this.jsm.getAccountInfo();
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await Promise.allSettled([...this.consumers].map((c) => c.close()));
    await this.nc.close();
  }

  private assertOpen(): void {
    if (this.closed) throw new Error('log is closed');
  }
}
