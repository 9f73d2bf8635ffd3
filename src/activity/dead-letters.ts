import type { Log, LogConsumer, LogRecord } from '../platform/log/index.js';
import { DEAD_LETTER_TOPIC, deadLetters, type ConsumerHandler, type DeadLetter } from './consumer-runner.js';

/**
 * The dead-letter topic is shared by every consumer. Which letters of consumer X are still pending is
 * the position of the group `dlq-replay-X`: a replay commits past the letters it handled, and re-appends
 * those still failing, so they are pending again (with the new error).
 */
export function deadLetterGroup(consumer: string): string {
  return `dlq-replay-${consumer}`;
}

/** The group that scans the whole topic for `dlq list`; it never commits, it only rewinds. */
const LIST_GROUP = 'dlq-list';
const POLL_RECORDS = 1000;
const POLL_WAIT_MS = 100;

/** A dead letter with where it sits in the dead-letter topic. */
export interface PendingLetter extends DeadLetter {
  dlqPartition: number;
  dlqOffset: number;
}

const decoder = new TextDecoder();
const encoder = new TextEncoder();

function parseLetter(record: LogRecord): PendingLetter {
  try {
    const letter = JSON.parse(decoder.decode(record.value)) as DeadLetter;
    return { ...letter, dlqPartition: record.partition, dlqOffset: record.offset };
  } catch {
    // Cannot happen with letters the runner wrote; shown rather than hidden if it does.
    return { consumer: 'unknown', error: 'unreadable dead letter', topic: '', partition: -1, offset: -1, key: record.key, timestamp: record.timestamp, value: '', failedAt: record.timestamp, dlqPartition: record.partition, dlqOffset: record.offset };
  }
}

/** Polls until the consumer is caught up (an empty poll). */
async function drain(consumer: LogConsumer): Promise<LogRecord[]> {
  const all: LogRecord[] = [];
  for (;;) {
    const batch = await consumer.poll(POLL_RECORDS, POLL_WAIT_MS);
    if (batch.length === 0) return all;
    all.push(...batch);
  }
}

/** The letters of `consumer` not yet replayed successfully, read without committing anything. */
async function pendingFor(log: Log, consumer: string): Promise<{ records: LogRecord[]; letters: PendingLetter[] }> {
  const reader = await log.consumer(DEAD_LETTER_TOPIC, deadLetterGroup(consumer));
  try {
    const records = await drain(reader);
    return { records, letters: records.map(parseLetter).filter((l) => l.consumer === consumer) };
  } finally {
    // Closing without a commit leaves the group where it was: listing consumes nothing.
    await reader.close();
  }
}

/** Pending dead letters, oldest first per consumer; every consumer's when `consumer` is omitted. */
export async function listDeadLetters(log: Log, options: { consumer?: string; limit?: number } = {}): Promise<PendingLetter[]> {
  let names: string[];
  if (options.consumer) names = [options.consumer];
  else {
    const scan = await log.consumer(DEAD_LETTER_TOPIC, LIST_GROUP);
    try {
      await scan.seek({ at: 'earliest' });
      names = [...new Set((await drain(scan)).map((r) => parseLetter(r).consumer))].sort();
    } finally {
      await scan.close();
    }
  }
  const out: PendingLetter[] = [];
  for (const name of names) out.push(...(await pendingFor(log, name)).letters);
  return options.limit === undefined ? out : out.slice(0, options.limit);
}

export interface DeadLetterReplay {
  /** Letters of the consumer handed to its handler. */
  replayed: number;
  /** Handled this time: they leave the pending list. */
  succeeded: number;
  /** Rejected again: re-appended with the new error, still pending. */
  failed: number;
}

/** The original record a letter holds, as the consumer first saw it. */
export function recordOf(letter: DeadLetter): LogRecord {
  return { topic: letter.topic, partition: letter.partition, offset: letter.offset, key: letter.key, value: encoder.encode(letter.value), timestamp: letter.timestamp };
}

/**
 * Runs `handler` over its pending dead letters (the handler's consumer must be idempotent, as every
 * consumer is). Successes are committed away; records it rejects again are re-dead-lettered. All
 * pending letters are read before anything is re-appended, so a replay ends. A handler that throws
 * stops the replay: what it did not finish stays pending.
 */
export async function replayDeadLetters(log: Log, handler: ConsumerHandler, options: { batch?: number } = {}): Promise<DeadLetterReplay> {
  const reader = await log.consumer(DEAD_LETTER_TOPIC, deadLetterGroup(handler.name));
  const result: DeadLetterReplay = { replayed: 0, succeeded: 0, failed: 0 };
  try {
    const records = await drain(reader);
    const size = options.batch ?? 500;
    for (let i = 0; i < records.length; i += size) {
      const chunk = records.slice(i, i + size);
      const letters = chunk.map(parseLetter).filter((l) => l.consumer === handler.name);
      if (letters.length > 0) {
        const outcome = (await handler.handle(letters.map(recordOf))) ?? {};
        const failures = outcome.failures ?? [];
        if (failures.length > 0) {
          const again = deadLetters(handler.name, failures);
          await log.append(DEAD_LETTER_TOPIC, again.map((letter) => ({ key: letter.key, value: JSON.stringify(letter) })));
        }
        result.replayed += letters.length;
        result.failed += failures.length;
        result.succeeded += letters.length - failures.length;
      }
      await reader.commit(chunk);
    }
    await handler.close?.();
    return result;
  } finally {
    await reader.close();
  }
}
