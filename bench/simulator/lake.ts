/**
 * Bulk-writes simulated events straight into the lake layout (docs/LAKE.md), bypassing the log:
 * events are staged as NDJSON chunks in the sink's line format, each chunk converted by DuckDB to
 * an intermediate Parquet file with the lake columns, then one partitioned COPY writes
 * `<lake>/events/dt=YYYY-MM-DD/hr=HH/sim-….parquet`. Log positions are synthetic: the partition
 * is the profile id's hash (the log is keyed by profile) and offsets count up per partition.
 */
import { randomUUID } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import fs from 'node:fs/promises';
import path from 'node:path';
import { once } from 'node:events';
import type { StoredEvent } from '../../src/activity/schema.js';
import { lakeEventsDir, lakeTmpDir } from '../../src/activity/lake/paths.js';
import { eventStructType, lakeProjection } from '../../src/activity/lake/sql.js';
import { hashString } from '../../src/catalog/demo/random.js';
import type { SqlEngine } from '../../src/platform/sql/index.js';

export interface ToLakeOptions {
  sql: SqlEngine;
  lakeRoot: string;
  /** Synthetic log partitions (default 8). */
  partitions?: number;
  /** Events per staging chunk (default 1 000 000): bounds the staging disk and DuckDB memory. */
  chunkEvents?: number;
  onProgress?: (progress: { events: number; phase: 'staged' | 'partitioned' }) => void;
}

export interface ToLakeResult {
  events: number;
  files: string[];
}

const literal = (text: string): string => `'${text.replace(/'/g, "''")}'`;

/** Writes every event to the lake; resolves with the count and the Parquet files written. */
export async function toLake(events: Iterable<StoredEvent>, options: ToLakeOptions): Promise<ToLakeResult> {
  const partitions = options.partitions ?? 8;
  const chunkEvents = options.chunkEvents ?? 1_000_000;
  const token = randomUUID().slice(0, 8);
  const staging = path.join(lakeTmpDir(options.lakeRoot), `sim-${token}`);
  await fs.mkdir(staging, { recursive: true });
  const offsets = new Array<number>(partitions).fill(0);
  let total = 0;
  try {
    let chunk = 0;
    let writer: ChunkWriter | undefined;
    for (const event of events) {
      writer ??= new ChunkWriter(path.join(staging, `chunk-${chunk}.ndjson`));
      const p = hashString(event.profileId) % partitions;
      const o = offsets[p] as number;
      offsets[p] = o + 1;
      await writer.line(`{"p":${p},"o":${o},"e":${JSON.stringify(event)}}`);
      total++;
      if (writer.lines >= chunkEvents) {
        await convertChunk(options.sql, writer, path.join(staging, `chunk-${chunk++}.parquet`));
        writer = undefined;
        options.onProgress?.({ events: total, phase: 'staged' });
      }
    }
    if (writer) {
      await convertChunk(options.sql, writer, path.join(staging, `chunk-${chunk}.parquet`));
      options.onProgress?.({ events: total, phase: 'staged' });
    }
    if (total === 0) return { events: 0, files: [] };
    const target = lakeEventsDir(options.lakeRoot);
    await fs.mkdir(target, { recursive: true });
    await options.sql.run(
      `COPY (SELECT * FROM read_parquet(${literal(path.join(staging, 'chunk-*.parquet'))})) TO ${literal(target)} ` +
        `(FORMAT parquet, COMPRESSION zstd, PARTITION_BY (dt, hr), FILENAME_PATTERN ${literal(`sim-${token}-{i}`)}, OVERWRITE_OR_IGNORE true)`,
    );
    options.onProgress?.({ events: total, phase: 'partitioned' });
    return { events: total, files: await filesOf(target, `sim-${token}-`) };
  } finally {
    await fs.rm(staging, { recursive: true, force: true });
  }
}

/** NDJSON → Parquet with the lake columns plus the `dt` / `hr` partition values. */
async function convertChunk(sql: SqlEngine, writer: ChunkWriter, parquetPath: string): Promise<void> {
  await writer.close();
  const columns = `{p: 'INTEGER', o: 'BIGINT', e: ${literal(eventStructType())}}`;
  await sql.run(
    `COPY (SELECT *, strftime(received_at, '%Y-%m-%d') AS dt, strftime(received_at, '%H') AS hr FROM (` +
      `SELECT ${lakeProjection()} FROM read_ndjson(${literal(writer.file)}, columns = ${columns}, format = 'newline_delimited', maximum_object_size = 1048576))) ` +
      `TO ${literal(parquetPath)} (FORMAT parquet, COMPRESSION zstd)`,
  );
  await fs.rm(writer.file, { force: true });
}

/** Buffered line writer that respects the stream's backpressure. */
class ChunkWriter {
  lines = 0;
  private buffer: string[] = [];
  private readonly stream;

  constructor(readonly file: string) {
    this.stream = createWriteStream(file);
  }

  async line(text: string): Promise<void> {
    this.buffer.push(text);
    this.lines++;
    if (this.buffer.length >= 4096) await this.drain();
  }

  private async drain(): Promise<void> {
    if (this.buffer.length === 0) return;
    const ok = this.stream.write(this.buffer.join('\n') + '\n');
    this.buffer = [];
    if (!ok) await once(this.stream, 'drain');
  }

  async close(): Promise<void> {
    await this.drain();
    this.stream.end();
    await once(this.stream, 'finish');
  }
}

async function filesOf(dir: string, prefix: string): Promise<string[]> {
  const entries = await fs.readdir(dir, { recursive: true, withFileTypes: true });
  return entries
    .filter((e) => e.isFile() && e.name.startsWith(prefix) && e.name.endsWith('.parquet'))
    .map((e) => path.join(e.parentPath, e.name))
    .sort();
}
