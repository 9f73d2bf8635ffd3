/** The activity module: event schema, ingest into the log, and the worker role's log consumers. */
export { DEFAULT_DEDUPE_IDS, DEFAULT_DEDUPE_IDS_PER_PROFILE, ProfileWindow, RecentEventIds } from './dedupe.js';
export { EventIngest, MAX_EVENTS_BODY_BYTES, MAX_EVENTS_PER_BATCH, type EventError, type EventIngestDeps, type IngestResult } from './ingest.js';
export {
  DEAD_LETTER_TOPIC,
  deadLetters,
  startConsumer,
  type ConsumerHandler,
  type ConsumerRunnerDeps,
  type DeadLetter,
  type HandleResult,
  type RecordFailure,
  type RunningConsumer,
} from './consumer-runner.js';
export { latestPositions, PROGRESS_GROUP, progressHandler, startProgressConsumer, type ProgressConsumerDeps } from './progress-consumer.js';
export { ACTIVITY_TOPIC, ClientEventDoc, EVENT_SCHEMA_VERSION, EVENT_TYPES, type ClientEvent, type EventType, type StoredEvent } from './schema.js';
export { checkEvent } from './validate.js';
export { ACTIVITY_CONSUMERS, startActivityConsumers, type ActivityConsumersDeps, type ConsumerContext, type RunningConsumers } from './consumers.js';
export { COUNTERS_GROUP, countersHandler, CounterStore, rollingTitleCounts, type HourlyCount, type RollingCount, type RollingQuery } from './counters/index.js';
export { deadLetterGroup, listDeadLetters, replayDeadLetters, type DeadLetterReplay, type PendingLetter } from './dead-letters.js';
export { QOE_GROUP, qoeHandler } from './qoe-metrics.js';
export { parseReplayTime, replayConsumer, type ReplayPlan } from './replay.js';
