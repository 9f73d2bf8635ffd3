import type { Logger } from 'pino';
import type { LogRecord } from '../../platform/log/index.js';
import { openSqlEngine, type SqlEngine } from '../../platform/sql/index.js';
import type { ConsumerHandler, HandleResult, RecordFailure } from '../consumer-runner.js';
import { encodeRecord, type StagedEntry } from './encode.js';
import { cleanStaging } from './files.js';
import { landedOffsets, listPartFiles } from './landed.js';
import { lakeTmpDir, type PartFile } from './paths.js';
import { LakeWriter, type LandedFile } from './writer.js';

/** The consumer group (and `consumer` metrics label) of the lake sink. */
export const LAKE_GROUP = 'lake';

export const DEFAULT_LAKE_ROLL_ROWS = 250_000;
export const DEFAULT_LAKE_ROLL_BYTES = 64 * 1024 * 1024;
export const DEFAULT_LAKE_ROLL_MS = 60_000;

export interface LakeSinkOptions {
  /** Root of the lake (`<dataDir>/lake` embedded); the table lives under `<lakeRoot>/events/`. */
  lakeRoot: string;
  /** DuckDB engine to write with; the sink opens (and closes) its own when omitted. */
  sql?: SqlEngine;
  /** Roll a partition's buffer into files at this many records (default 250,000). */
  rollRows?: number;
  /** … or at this many bytes of event JSON (default 64 MiB; Parquet is several times smaller). */
  rollBytes?: number;
  /** … or when its oldest buffered record has waited this long (default 60 s). */
  rollMs?: number;
  /** DuckDB threads when the sink opens its own engine (default 2). */
  threads?: number;
  logger?: Logger;
  /** Called after each file is published (metrics, benchmarks, tests). */
  onPublished?: (file: LandedFile) => void | Promise<void>;
}

/** What the sink holds for one log partition. */
interface PartitionState {
  entries: StagedEntry[];
  bytes: number;
  /** When the oldest buffered entry arrived (ms, wall clock). */
  since: number;
  /** The newest record delivered for this partition. */
  last: LogRecord | undefined;
  /** The newest record at which nothing was buffered: it and everything before is landed, skipped or failed. */
  safe: LogRecord | undefined;
  /** Offset of the last record handed back as processed (the commit position). */
  committed: number;
  /** Offsets found already in the lake at recovery (a crash after publish, before commit): skipped. */
  landed: Set<number> | undefined;
  landedUpTo: number;
}

/**
 * The lake sink: activity events → Parquet files of the lake `events` table (docs/LAKE.md).
 *
 * Buffers records per log partition and rolls them into files (one per hour of `receivedAt`) by
 * rows, bytes or age. Only records that are in published files (or dead-lettered) are reported as
 * processed, so the runner commits nothing that is not durable in the lake. Exactly once: the first
 * records of a partition after a start (or after a redelivery) are checked against the files
 * already published, and `(partition, offset)` pairs found there are skipped.
 */
export function lakeSinkHandler(options: LakeSinkOptions): ConsumerHandler {
  const rollRows = options.rollRows ?? DEFAULT_LAKE_ROLL_ROWS;
  const rollBytes = options.rollBytes ?? DEFAULT_LAKE_ROLL_BYTES;
  const rollMs = options.rollMs ?? DEFAULT_LAKE_ROLL_MS;
  const states = new Map<number, PartitionState>();
  let sql: SqlEngine | undefined = options.sql;
  let writer: LakeWriter | undefined;
  let started = false;

  async function engine(): Promise<{ sql: SqlEngine; writer: LakeWriter }> {
    sql ??= await openSqlEngine({ threads: options.threads ?? 2, memoryLimit: '1GB' });
    writer ??= new LakeWriter({ sql, lakeRoot: options.lakeRoot, ...(options.onPublished ? { onPublished: options.onPublished } : {}) });
    if (!started) {
      started = true;
      // A crashed writer's staged files; younger ones may belong to another worker sharing the lake.
      await cleanStaging(lakeTmpDir(options.lakeRoot), 10 * 60_000);
    }
    return { sql, writer };
  }

  /** A fresh state for `partition` whose first delivered record is `from`, with what is already landed. */
  async function recover(partition: number, from: number, parts: () => Promise<PartFile[]>): Promise<PartitionState> {
    const { sql } = await engine();
    const landed = await landedOffsets(sql, await parts(), partition, from);
    let landedUpTo = -1;
    for (const offset of landed) if (offset > landedUpTo) landedUpTo = offset;
    if (landed.size > 0) options.logger?.info({ partition, from, landed: landed.size }, 'lake sink skips records already in the lake');
    return { entries: [], bytes: 0, since: 0, last: undefined, safe: undefined, committed: -1, landed: landed.size > 0 ? landed : undefined, landedUpTo };
  }

  async function flush(partition: number, state: PartitionState, failures: RecordFailure[]): Promise<void> {
    if (state.entries.length === 0) return;
    const { writer } = await engine();
    const t0 = performance.now();
    const result = await writer.flush(partition, state.entries);
    failures.push(...result.rejected);
    options.logger?.debug(
      { partition, rows: state.entries.length, files: result.files.length, ms: Math.round(performance.now() - t0) },
      'lake sink flushed',
    );
    state.entries = [];
    state.bytes = 0;
    state.safe = state.last;
  }

  return {
    name: LAKE_GROUP,
    async handle(records): Promise<HandleResult> {
      const failures: RecordFailure[] = [];
      let listing: Promise<PartFile[]> | undefined;
      // One directory walk per batch at most, and only when a partition needs recovery.
      const parts = (): Promise<PartFile[]> => (listing ??= listPartFiles(options.lakeRoot));

      for (const [partition, batch] of byPartition(records)) {
        const first = batch[0] as LogRecord;
        let state = states.get(partition);
        if (state?.last && first.offset <= state.last.offset) {
          // The consumer was reopened (an earlier batch failed): everything after the last commit
          // comes again, so the buffer is dropped and what landed meanwhile is looked up afresh.
          state = undefined;
        }
        if (!state) {
          state = await recover(partition, first.offset, parts);
          states.set(partition, state);
        }
        for (const record of batch) {
          state.last = record;
          if (state.landed && record.offset <= state.landedUpTo) {
            if (state.landed.has(record.offset)) {
              if (state.entries.length === 0) state.safe = record;
              continue;
            }
          } else state.landed = undefined;
          const encoded = encodeRecord(record);
          if (!encoded.ok) {
            failures.push({ record, error: encoded.error });
          } else {
            if (state.entries.length === 0) state.since = Date.now();
            state.entries.push(encoded.entry);
            state.bytes += record.value.byteLength;
            if (state.entries.length >= rollRows || state.bytes >= rollBytes) await flush(partition, state, failures);
          }
          if (state.entries.length === 0) state.safe = record;
        }
      }

      const now = Date.now();
      const processed: LogRecord[] = [];
      let buffered = 0;
      for (const [partition, state] of states) {
        if (state.entries.length > 0 && now - state.since >= rollMs) await flush(partition, state, failures);
        buffered += state.entries.length;
        if (state.safe && state.safe.offset > state.committed) {
          processed.push(state.safe);
          state.committed = state.safe.offset;
        }
      }
      // Idle and fully landed: let the runner report the consumer as caught up.
      if (records.length === 0 && processed.length === 0 && buffered === 0) return { failures };
      return { failures, processed };
    },
    async close() {
      try {
        // Not committed after this (the runner has stopped); the next start finds these files and skips them.
        const failures: RecordFailure[] = [];
        for (const [partition, state] of states) await flush(partition, state, failures);
      } catch (err) {
        // Shutdown goes on: nothing buffered was committed, so the next start delivers it again.
        options.logger?.warn({ err }, 'lake sink could not land its buffers at close; they will be redelivered');
      } finally {
        states.clear();
        if (!options.sql) await sql?.close();
      }
    },
  };
}

/** Records grouped by partition, each group in delivery (offset) order. */
function byPartition(records: readonly LogRecord[]): Map<number, LogRecord[]> {
  const groups = new Map<number, LogRecord[]>();
  for (const record of records) {
    const group = groups.get(record.partition);
    if (group) group.push(record);
    else groups.set(record.partition, [record]);
  }
  return groups;
}
