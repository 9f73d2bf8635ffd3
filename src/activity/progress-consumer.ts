import type { ProgressWrite } from '../accounts/watch.js';
import type { Logger } from 'pino';
import type { Registry } from 'prom-client';
import type { Log, LogRecord } from '../platform/log/index.js';
import { startConsumer, type ConsumerHandler, type RunningConsumer } from './consumer-runner.js';
import type { StoredEvent } from './schema.js';

/** The consumer group of the progress compactor. */
export const PROGRESS_GROUP = 'progress';

export interface ProgressWriter {
  /** `WatchService.recordProgressMany`: one transaction per poll; ignores writes older than the stored positions. */
  recordProgressMany(positions: readonly ProgressWrite[]): Promise<number>;
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

/**
 * The progress compactor: heartbeat, stop and complete events → the latest position per
 * profile × title (completed at ≥ 95 %) through `recordProgress`, then the offsets are committed.
 * A crash between the write and the commit redelivers the records; the write is idempotent.
 */
export function progressHandler(watch: ProgressWriter): ConsumerHandler {
  return {
    name: PROGRESS_GROUP,
    async handle(records) {
      await watch.recordProgressMany(latestPositions(records).map((p) => ({ ...p, at: new Date(p.at) })));
    },
  };
}

/** Starts the progress compactor (see `progressHandler`). */
export function startProgressConsumer(deps: ProgressConsumerDeps): RunningConsumer {
  return startConsumer(
    {
      log: deps.log,
      ...(deps.logger ? { logger: deps.logger } : {}),
      ...(deps.registry ? { registry: deps.registry } : {}),
      ...(deps.pollRecords ? { pollRecords: deps.pollRecords } : {}),
      ...(deps.pollWaitMs ? { pollWaitMs: deps.pollWaitMs } : {}),
    },
    progressHandler(deps.watch),
  );
}
