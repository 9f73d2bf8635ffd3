import type { Logger } from 'pino';
import { Gauge, type Registry } from 'prom-client';
import type { Log, LogConsumer, LogRecord } from '../platform/log/index.js';
import { ACTIVITY_TOPIC, type StoredEvent } from './schema.js';

/** The consumer group of the progress compactor. */
export const PROGRESS_GROUP = 'progress';

export interface ProgressWriter {
  /** `WatchService.recordProgress`: ignores a write older than the stored position's time. */
  recordProgress(profileId: string, titleId: string, episodeId: string | null, positionSec: number, durationSec: number, at: Date): Promise<boolean>;
}

export interface ProgressConsumerDeps {
  log: Log;
  watch: ProgressWriter;
  logger?: Logger;
  /** Registers `marquee_log_consumer_lag_seconds{consumer="progress"}` here when given. */
  registry?: Registry;
  pollRecords?: number;
  pollWaitMs?: number;
}

/** The latest position of one profile × title × episode within a poll. */
interface Position {
  profileId: string;
  titleId: string;
  episodeId: string | null;
  positionSec: number;
  durationSec: number;
  at: number;
}

const decoder = new TextDecoder();

/**
 * Reduces a poll to the latest position per profile × title × episode. "Latest" is by event time,
 * the same order the database write uses, so an event arriving late can never win over a newer one.
 * Event time is the client's clock capped at the server's receive time: a client clock far in the
 * future must not freeze a position forever.
 */
export function latestPositions(records: readonly LogRecord[]): Position[] {
  const latest = new Map<string, Position>();
  for (const record of records) {
    const event = JSON.parse(decoder.decode(record.value)) as StoredEvent;
    if (event.type !== 'heartbeat' && event.type !== 'stop' && event.type !== 'complete') continue;
    const positionSec = event.type === 'complete' ? event.durationSec : event.positionSec;
    const at = Math.min(event.clientTime, event.receivedAt);
    const episodeId = event.episodeId ?? null;
    const key = `${event.profileId}\n${event.titleId}\n${episodeId ?? ''}`;
    const current = latest.get(key);
    if (current && current.at > at) continue;
    latest.set(key, { profileId: event.profileId, titleId: event.titleId, episodeId, positionSec, durationSec: event.durationSec, at });
  }
  return [...latest.values()];
}

/** A running log consumer of the worker role. */
export interface RunningConsumer {
  /** Stops after the poll in flight; records not yet committed are delivered again on the next start. */
  stop(): Promise<void>;
}

/**
 * The progress compactor: heartbeat, stop and complete events → the latest position per
 * profile × title (completed at ≥ 95 %) through `recordProgress`, then the offsets are committed.
 * A crash between the write and the commit redelivers the records; the write is idempotent.
 */
export function startProgressConsumer(deps: ProgressConsumerDeps): RunningConsumer {
  const lag = deps.registry
    ? ((deps.registry.getSingleMetric('marquee_log_consumer_lag_seconds') as Gauge<'consumer'> | undefined) ??
      new Gauge({
        name: 'marquee_log_consumer_lag_seconds',
        help: 'Age of the newest record a log consumer processed; 0 once it has caught up',
        labelNames: ['consumer'] as const,
        registers: [deps.registry],
      }))
    : undefined;
  // Present (at 0) from the start, so a dashboard tells "caught up" from "not running".
  lag?.set({ consumer: PROGRESS_GROUP }, 0);
  let stopping = false;

  async function run(): Promise<void> {
    while (!stopping) {
      let consumer: LogConsumer | undefined;
      try {
        consumer = await deps.log.consumer(ACTIVITY_TOPIC, PROGRESS_GROUP);
        while (!stopping) {
          const records = await consumer.poll(deps.pollRecords ?? 2000, deps.pollWaitMs ?? 250);
          if (records.length === 0) {
            lag?.set({ consumer: PROGRESS_GROUP }, 0);
            continue;
          }
          for (const p of latestPositions(records)) {
            await deps.watch.recordProgress(p.profileId, p.titleId, p.episodeId, p.positionSec, p.durationSec, new Date(p.at));
          }
          await consumer.commit(records);
          const newest = Math.max(...records.map((r) => r.timestamp));
          lag?.set({ consumer: PROGRESS_GROUP }, Math.max(0, (Date.now() - newest) / 1000));
        }
      } catch (err) {
        // Reopening redelivers everything not committed; back off so a broken database is not hammered.
        deps.logger?.error({ err, consumer: PROGRESS_GROUP }, 'progress consumer failed; retrying');
        await new Promise((resolve) => setTimeout(resolve, 1000));
      } finally {
        await consumer?.close().catch(() => undefined);
      }
    }
  }

  const running = run();
  return {
    async stop() {
      stopping = true;
      await running;
    },
  };
}
