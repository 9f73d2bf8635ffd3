import path from 'node:path';
import type { Command } from 'commander';
import { InvalidArgumentError } from 'commander';
import { Registry } from 'prom-client';
import { createAccounts } from './accounts/index.js';
import { ACTIVITY_CONSUMERS, type ConsumerContext } from './activity/consumers.js';
import { listDeadLetters, replayDeadLetters, type PendingLetter } from './activity/dead-letters.js';
import { parseReplayTime, replayConsumer } from './activity/replay.js';
import { CatalogService } from './catalog/service.js';
import type { Config } from './config.js';
import { allMigrations } from './migrations.js';
import { openCache } from './platform/cache/index.js';
import { migrate, openDb, type Db } from './platform/db/index.js';
import { openLog, type Log } from './platform/log/index.js';

type WithConfig = (body: (config: Config) => Promise<void>) => Promise<void>;

/**
 * Opens the activity log, turning the embedded log's lock into an operator's message: the segment log
 * belongs to the running server, and a second writer would corrupt it.
 */
async function openActivityLog(config: Config): Promise<Log> {
  try {
    return await openLog({ natsUrl: config.natsUrl, dataDir: config.dataDir });
  } catch (err) {
    const held = /^log directory (.+) is locked by running process (\d+)$/.exec((err as Error).message);
    if (held) throw new Error(`the activity log at ${held[1]} is in use by pid ${held[2]}; stop marquee first`, { cause: err });
    throw err;
  }
}

/** Runs `body` with the log, then (opened only after the log's lock is held) the database and the consumer context. */
async function withActivity<T>(config: Config, body: (log: Log, context: () => Promise<ConsumerContext>) => Promise<T>): Promise<T> {
  const log = await openActivityLog(config);
  const opened: { close(): Promise<void> }[] = [];
  let db: Db | undefined;
  const context = async (): Promise<ConsumerContext> => {
    db = await openDb({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
    opened.push(db);
    await migrate(db, allMigrations);
    const cache = await openCache({ redisUrl: config.redisUrl, prefix: 'marquee:', maxEntries: config.cacheMaxEntries });
    opened.push(cache);
    const catalog = new CatalogService(db);
    await catalog.refresh();
    const accounts = createAccounts({ db, cache, catalog });
    return { db, watch: accounts.watch, registry: new Registry(), lakeRoot: path.join(config.dataDir, 'lake') };
  };
  try {
    return await body(log, context);
  } finally {
    for (const adapter of opened.reverse()) await adapter.close();
    await log.close();
  }
}

function knownConsumer(name: string): string {
  if (!(name in ACTIVITY_CONSUMERS)) {
    throw new InvalidArgumentError(`unknown consumer "${name}"; one of: ${Object.keys(ACTIVITY_CONSUMERS).join(', ')}`);
  }
  return name;
}

function positive(value: string): number {
  if (!/^\d{1,6}$/.test(value) || Number(value) < 1) throw new InvalidArgumentError('expected a whole number ≥ 1');
  return Number(value);
}

function letterLine(l: PendingLetter): string {
  const when = new Date(l.failedAt).toISOString();
  return `${when}  ${l.consumer}  ${l.topic}/${l.partition}@${l.offset}  key=${l.key}  ${l.error}`;
}

/** `marquee events …`: dead letters and replays of the activity consumers. */
export function registerEventsCommands(program: Command, withConfig: WithConfig): void {
  const events = program.command('events').description('activity log consumers: dead letters and replays');
  const dlq = events.command('dlq').description(`dead letters (topic activity-dlq)`);

  dlq
    .command('list')
    .description('list pending dead letters, oldest first, without consuming them')
    .option('--consumer <name>', 'only this consumer')
    .option('--limit <n>', 'at most this many', positive)
    .option('--json', 'one JSON document with every letter, its record value included')
    .action((options: { consumer?: string; limit?: number; json?: boolean }) =>
      withConfig((config) =>
        withActivity(config, async (log) => {
          const letters = await listDeadLetters(log, { ...(options.consumer ? { consumer: options.consumer } : {}), ...(options.limit ? { limit: options.limit } : {}) });
          if (options.json) process.stdout.write(`${JSON.stringify({ letters }, null, 2)}\n`);
          else if (letters.length === 0) process.stdout.write('no pending dead letters\n');
          else process.stdout.write(`${letters.map(letterLine).join('\n')}\n${letters.length} pending\n`);
        }),
      ),
    );

  dlq
    .command('replay')
    .description("re-run a consumer's handler on its dead letters; successes leave the list, failures stay")
    .requiredOption('--consumer <name>', 'consumer (group) name', knownConsumer)
    .action((options: { consumer: string }) =>
      withConfig((config) =>
        withActivity(config, async (log, context) => {
          const entry = ACTIVITY_CONSUMERS[options.consumer];
          if (!entry) throw new Error(`unknown consumer ${options.consumer}`);
          const ctx = await context();
          const handler = (entry.deadLetterHandler ?? entry.handler)(ctx);
          const result = await replayDeadLetters(log, handler);
          process.stdout.write(`replayed ${result.replayed} dead letters of ${options.consumer}: ${result.succeeded} succeeded, ${result.failed} still failing\n`);
          if (result.failed > 0) process.exitCode = 1;
        }),
      ),
    );

  events
    .command('replay')
    .description('move a stopped consumer group back to a time; it re-reads from there on its next start')
    .requiredOption('--consumer <name>', 'consumer (group) name', knownConsumer)
    .requiredOption('--from <time>', 'ISO time (2026-11-30T12:00:00Z) or a time ago: 90s, 15m, 2h, 7d, 1w')
    .action((options: { consumer: string; from: string }) =>
      withConfig(async (config) => {
        const fromMs = parseReplayTime(options.from);
        if (fromMs === undefined) throw new Error(`--from: "${options.from}" is neither an ISO time nor a time ago like 2h`);
        await withActivity(config, async (log, context) => {
          const entry = ACTIVITY_CONSUMERS[options.consumer];
          if (!entry) throw new Error(`unknown consumer ${options.consumer}`);
          const plan = entry.replay ? entry.replay(await context()) : {};
          const { seekMs } = await replayConsumer(log, options.consumer, fromMs, plan);
          process.stdout.write(`consumer ${options.consumer} will re-read the activity log from ${new Date(seekMs).toISOString()} on its next start\n`);
        });
      }),
    );
}
