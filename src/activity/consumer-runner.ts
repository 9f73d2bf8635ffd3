import type { Logger } from 'pino';
import { Gauge, Counter, type Registry } from 'prom-client';
import type { Log, LogConsumer, LogRecord } from '../platform/log/index.js';
import { ACTIVITY_TOPIC } from './schema.js';

/** The log topic holding records a consumer could not process (one topic, every consumer). */
export const DEAD_LETTER_TOPIC = 'activity-dlq';

/** A record a handler gave up on, with why; it goes to the dead-letter topic, the batch goes on. */
export interface RecordFailure {
  record: LogRecord;
  error: string;
}

/**
 * One log consumer of the worker role. `handle` must be idempotent: a crash between its writes and
 * the offset commit delivers the same records again.
 */
export interface ConsumerHandler {
  /** The consumer group, also the `consumer` label in metrics and the name in CLI commands. */
  name: string;
  /**
   * Processes a batch (per partition, in offset order; empty on an idle poll, for time-based
   * flushes). Report the records that cannot be processed (bad data) as `failures`: they are
   * dead-lettered and the batch goes on. Throw for a failure that may pass (database down): nothing
   * is committed, the records come again after a back-off. By default the whole batch is committed
   * afterwards; a handler that buffers across batches returns `processed` (what is safely written)
   * and only that is committed.
   */
  handle(records: readonly LogRecord[]): Promise<HandleResult | void>;
  /** Called when the consumer is stopping, after its last batch (flush buffers, close files). */
  close?(): Promise<void>;
}

export interface HandleResult {
  failures?: RecordFailure[];
  /** Records to commit (each with every earlier record of its partition); the whole batch when omitted. */
  processed?: readonly LogRecord[];
}

/** How a dead-lettered record is stored: the original record plus the consumer and the reason. */
export interface DeadLetter {
  consumer: string;
  error: string;
  topic: string;
  partition: number;
  offset: number;
  key: string;
  timestamp: number;
  /** The original record's value, as UTF-8 text (events are JSON). */
  value: string;
  failedAt: number;
}

export interface ConsumerRunnerDeps {
  log: Log;
  logger?: Logger;
  /** Lag, throughput and dead-letter metrics are registered here when given. */
  registry?: Registry;
  topic?: string;
  pollRecords?: number;
  pollWaitMs?: number;
  /** Back-off after a failed batch before the consumer is reopened. */
  retryMs?: number;
  partitions?: readonly number[];
}

/** A running log consumer of the worker role. */
export interface RunningConsumer {
  readonly name: string;
  /** Stops after the batch in flight; records not yet committed are delivered again on the next start. */
  stop(): Promise<void>;
}

const decoder = new TextDecoder();

/** Builds the dead-letter records for failures of `consumer`. */
export function deadLetters(consumer: string, failures: readonly RecordFailure[], now = Date.now()): DeadLetter[] {
  return failures.map(({ record, error }) => ({
    consumer,
    error,
    topic: record.topic,
    partition: record.partition,
    offset: record.offset,
    key: record.key,
    timestamp: record.timestamp,
    value: decoder.decode(record.value),
    failedAt: now,
  }));
}

interface ConsumerMetrics {
  lag: Gauge<'consumer'>;
  records: Counter<'consumer'>;
  dead: Counter<'consumer'>;
  failures: Counter<'consumer'>;
}

function metricsFor(registry: Registry): ConsumerMetrics {
  const existing = <T>(name: string) => registry.getSingleMetric(name) as T | undefined;
  return {
    lag:
      existing<Gauge<'consumer'>>('marquee_log_consumer_lag_seconds') ??
      new Gauge({
        name: 'marquee_log_consumer_lag_seconds',
        help: 'How far a log consumer trails the log: age of the oldest record received and not committed, or of the newest read while the log has more; 0 once caught up',
        labelNames: ['consumer'] as const,
        registers: [registry],
      }),
    records:
      existing<Counter<'consumer'>>('marquee_log_consumer_records_total') ??
      new Counter({ name: 'marquee_log_consumer_records_total', help: 'Records a log consumer processed and committed', labelNames: ['consumer'] as const, registers: [registry] }),
    dead:
      existing<Counter<'consumer'>>('marquee_log_consumer_dead_letters_total') ??
      new Counter({ name: 'marquee_log_consumer_dead_letters_total', help: 'Records a log consumer sent to the dead-letter topic', labelNames: ['consumer'] as const, registers: [registry] }),
    failures:
      existing<Counter<'consumer'>>('marquee_log_consumer_failures_total') ??
      new Counter({ name: 'marquee_log_consumer_failures_total', help: 'Batches a log consumer failed and will retry', labelNames: ['consumer'] as const, registers: [registry] }),
  };
}

/**
 * The records a consumer has received and not yet committed, per partition in offset order. Its lag
 * is the age of the oldest of them: a handler that holds records (the lake sink until a file rolls)
 * or falls behind (each poll brings older records) shows it, and a consumer with nothing
 * uncommitted is caught up (0).
 */
export class PendingRecords {
  private readonly byPartition = new Map<number, { offset: number; timestamp: number }[]>();

  add(records: readonly LogRecord[]): void {
    for (const record of records) {
      let list = this.byPartition.get(record.partition);
      if (!list) this.byPartition.set(record.partition, (list = []));
      list.push({ offset: record.offset, timestamp: record.timestamp });
    }
  }

  /** Commits are per partition up to an offset: everything at or below it is done. */
  committed(records: readonly LogRecord[]): void {
    const upTo = new Map<number, number>();
    for (const record of records) upTo.set(record.partition, Math.max(upTo.get(record.partition) ?? -Infinity, record.offset));
    for (const [partition, offset] of upTo) {
      const list = this.byPartition.get(partition);
      if (!list) continue;
      let keep = 0;
      while (keep < list.length && list[keep]!.offset <= offset) keep++;
      list.splice(0, keep);
    }
  }

  lagSeconds(nowMs: number): number {
    let oldest = Infinity;
    for (const list of this.byPartition.values()) {
      const head = list[0];
      if (head && head.timestamp < oldest) oldest = head.timestamp;
    }
    return oldest === Infinity ? 0 : Math.max(0, (nowMs - oldest) / 1000);
  }
}

/**
 * Runs `handler` over the activity topic until stopped: poll → handle → dead-letter what the
 * handler rejected (durably) → commit. Any thrown error reopens the consumer after a back-off, which
 * redelivers everything not committed.
 */
export function startConsumer(deps: ConsumerRunnerDeps, handler: ConsumerHandler): RunningConsumer {
  const metrics = deps.registry ? metricsFor(deps.registry) : undefined;
  const labels = { consumer: handler.name };
  const pollRecords = deps.pollRecords ?? 2000;
  // Present (at 0) from the start, so a dashboard tells "caught up" from "not running".
  metrics?.lag.set(labels, 0);
  let stopping = false;
  let wake: (() => void) | undefined;

  async function run(): Promise<void> {
    while (!stopping) {
      let consumer: LogConsumer | undefined;
      try {
        consumer = await deps.log.consumer(deps.topic ?? ACTIVITY_TOPIC, handler.name, deps.partitions ? { partitions: deps.partitions } : undefined);
        // A reopened consumer is redelivered everything uncommitted: start the account afresh.
        const pending = new PendingRecords();
        while (!stopping) {
          const records = await consumer.poll(pollRecords, deps.pollWaitMs ?? 250);
          pending.add(records);
          // Handlers with time-based flushes (the lake sink) get their chance on idle polls too.
          const result = (await handler.handle(records)) ?? {};
          const failures = result.failures ?? [];
          if (failures.length > 0) {
            const letters = deadLetters(handler.name, failures);
            await deps.log.append(
              DEAD_LETTER_TOPIC,
              letters.map((letter) => ({ key: letter.key, value: JSON.stringify(letter) })),
            );
            metrics?.dead.inc(labels, letters.length);
            deps.logger?.warn({ consumer: handler.name, count: letters.length, first: letters[0]?.error }, 'records dead-lettered');
          }
          const done = result.processed ?? records;
          if (done.length > 0) {
            await consumer.commit(done);
            pending.committed(done);
            metrics?.records.inc(labels, done.length);
          }
          // A full poll means more is waiting in the log: the newest record just read is at least that far behind.
          const now = Date.now();
          let behind = 0;
          if (records.length >= pollRecords) {
            let newest = 0;
            for (const record of records) if (record.timestamp > newest) newest = record.timestamp;
            behind = Math.max(0, (now - newest) / 1000);
          }
          metrics?.lag.set(labels, Math.max(pending.lagSeconds(now), behind));
        }
      } catch (err) {
        metrics?.failures.inc(labels);
        deps.logger?.error({ err, consumer: handler.name }, 'log consumer failed; retrying');
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, deps.retryMs ?? 1000);
          wake = () => {
            clearTimeout(timer);
            resolve();
          };
        });
      } finally {
        await consumer?.close().catch(() => undefined);
      }
    }
    await handler.close?.();
  }

  const running = run();
  return {
    name: handler.name,
    async stop() {
      stopping = true;
      wake?.();
      await running;
    },
  };
}
