import type { Logger } from 'pino';
import type { Registry } from 'prom-client';
import type { Db } from '../platform/db/index.js';
import type { Log } from '../platform/log/index.js';
import { startConsumer, type ConsumerHandler, type ConsumerRunnerDeps, type RunningConsumer } from './consumer-runner.js';
import { COUNTERS_GROUP, CounterStore, countersHandler, hourOf, TICK_GAP_CAP_MS } from './counters/index.js';
import { progressHandler, PROGRESS_GROUP, type ProgressWriter } from './progress-consumer.js';
import { lakeSinkHandler, LAKE_GROUP } from './lake/index.js';
import { qoeHandler, QOE_GROUP } from './qoe-metrics.js';
import type { ReplayPlan } from './replay.js';

/** What the activity consumers are built from. */
export interface ConsumerContext {
  db: Db;
  watch: ProgressWriter;
  registry: Registry;
  /** Root of the Parquet lake (`<dataDir>/lake` embedded); the lake sink runs only when set. */
  lakeRoot?: string;
  /** Longest a lake file is buffered (ms); the sink's default when omitted. */
  lakeRollMs?: number;
}

/** One activity consumer: its live handler, the variant a DLQ replay runs, and its replay plan. */
export interface ConsumerEntry {
  handler(ctx: ConsumerContext): ConsumerHandler;
  /** The handler for its dead letters when it differs (records below its applied offsets). */
  deadLetterHandler?(ctx: ConsumerContext): ConsumerHandler;
  replay?(ctx: ConsumerContext): ReplayPlan;
}

/** Every activity consumer of the worker role, by group name; the CLI derives its names from here. */
export const ACTIVITY_CONSUMERS: Readonly<Record<string, ConsumerEntry>> = {
  [PROGRESS_GROUP]: { handler: (ctx) => progressHandler(ctx.watch) },
  [COUNTERS_GROUP]: {
    handler: (ctx) => countersHandler(ctx.db),
    deadLetterHandler: (ctx) => countersHandler(ctx.db, 'dead-letter'),
    replay: (ctx) => ({
      seekTime: (fromMs) => hourOf(fromMs) - TICK_GAP_CAP_MS,
      reset: async (fromMs) => {
        await new CounterStore(ctx.db).resetFrom(fromMs);
      },
    }),
  },
  [QOE_GROUP]: { handler: (ctx) => qoeHandler(ctx.registry) },
  [LAKE_GROUP]: { handler: (ctx) => lakeSinkHandler({ lakeRoot: requireLakeRoot(ctx), ...(ctx.lakeRollMs === undefined ? {} : { rollMs: ctx.lakeRollMs }) }) },
};

function requireLakeRoot(ctx: ConsumerContext): string {
  if (!ctx.lakeRoot) throw new Error('the lake sink needs a lake root (MARQUEE_DATA_DIR/lake)');
  return ctx.lakeRoot;
}

export interface ActivityConsumersDeps extends ConsumerContext {
  log: Log;
  logger?: Logger;
  pollRecords?: number;
  pollWaitMs?: number;
  /** More handlers to run the same way (the lake sink). */
  extraHandlers?: readonly ConsumerHandler[];
}

export interface RunningConsumers {
  readonly names: readonly string[];
  /** Stops every consumer after its batch in flight. */
  stop(): Promise<void>;
}

/** Starts every activity consumer (progress, counters, QoE, plus `extraHandlers`) on the log. */
export function startActivityConsumers(deps: ActivityConsumersDeps): RunningConsumers {
  const runner: ConsumerRunnerDeps = {
    log: deps.log,
    registry: deps.registry,
    ...(deps.logger ? { logger: deps.logger } : {}),
    ...(deps.pollRecords ? { pollRecords: deps.pollRecords } : {}),
    ...(deps.pollWaitMs ? { pollWaitMs: deps.pollWaitMs } : {}),
  };
  // The lake sink runs where a lake root is configured (always in `start` and `worker`).
  const entries = Object.entries(ACTIVITY_CONSUMERS).filter(([name]) => name !== LAKE_GROUP || deps.lakeRoot);
  const handlers = [...entries.map(([, entry]) => entry.handler(deps)), ...(deps.extraHandlers ?? [])];
  const running: RunningConsumer[] = handlers.map((handler) => startConsumer(runner, handler));
  return {
    names: running.map((c) => c.name),
    async stop() {
      await Promise.all(running.map((c) => c.stop()));
    },
  };
}
