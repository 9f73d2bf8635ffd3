import { randomUUID } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import type { SqlEngine } from '../../platform/sql/index.js';
import type { RecordFailure } from '../consumer-runner.js';
import type { StagedEntry } from './encode.js';
import { publishFile } from './files.js';
import { lakeEventsDir, lakeTmpDir, partFileName } from './paths.js';
import { copyNdjsonToParquetSql } from './sql.js';

/** A Parquet file the writer published into the lake. */
export interface LandedFile {
  path: string;
  /** `dt=…/hr=…` */
  hour: string;
  partition: number;
  firstOffset: number;
  lastOffset: number;
  rows: number;
  bytes: number;
}

export interface FlushResult {
  files: LandedFile[];
  /** Records DuckDB could not read into the lake columns (a field of the wrong type): dead letters. */
  rejected: RecordFailure[];
}

export interface LakeWriterOptions {
  sql: SqlEngine;
  lakeRoot: string;
  /** Called after each file is published (renamed into place and its directory fsync'd). */
  onPublished?: (file: LandedFile) => void | Promise<void>;
}

const LINE_IN_ERROR = /in line (\d+)/;
/** DuckDB errors caused by a record's content (as opposed to disk, memory or a closed engine). */
const DATA_ERROR = /JSON transform error|Conversion Error|Could not convert|Malformed JSON|Invalid Input Error/i;

/**
 * Writes one partition's buffered records to the lake: one Parquet (zstd) file per hour, each
 * converted by DuckDB from a staging NDJSON file under `_tmp/` and published with an atomic rename.
 * Files are published one by one, so a crash can leave some hours of a flush published and others
 * not; the sink's recovery reads the published offsets back and stays exact (docs/LAKE.md).
 */
export class LakeWriter {
  constructor(private readonly options: LakeWriterOptions) {}

  async flush(partition: number, entries: readonly StagedEntry[]): Promise<FlushResult> {
    const tmpDir = lakeTmpDir(this.options.lakeRoot);
    await fs.mkdir(tmpDir, { recursive: true });
    const files: LandedFile[] = [];
    const rejected: RecordFailure[] = [];
    for (const [hour, hourEntries] of byHour(entries)) {
      const file = await this.writeHour(tmpDir, partition, hour, hourEntries, rejected);
      if (!file) continue;
      files.push(file);
      await this.options.onPublished?.(file);
    }
    return { files, rejected };
  }

  /** Converts and publishes one hour; undefined when every record of it was rejected. */
  private async writeHour(tmpDir: string, partition: number, hour: string, entries: StagedEntry[], rejected: RecordFailure[]): Promise<LandedFile | undefined> {
    const token = randomUUID();
    const ndjson = path.join(tmpDir, `stage-p${partition}-${token}.ndjson`);
    const staged = path.join(tmpDir, `stage-p${partition}-${token}.parquet`);
    try {
      const kept = await this.convert(ndjson, staged, entries, rejected);
      if (kept.length === 0) return undefined;
      const firstOffset = (kept[0] as StagedEntry).record.offset;
      const lastOffset = (kept[kept.length - 1] as StagedEntry).record.offset;
      const name = partFileName(partition, firstOffset, lastOffset);
      const finalPath = path.join(lakeEventsDir(this.options.lakeRoot), hour, name);
      const { size } = await fs.stat(staged);
      await publishFile(staged, finalPath);
      return { path: finalPath, hour, partition, firstOffset, lastOffset, rows: kept.length, bytes: size };
    } finally {
      await fs.rm(ndjson, { force: true });
      await fs.rm(staged, { force: true });
    }
  }

  /**
   * Runs the NDJSON → Parquet conversion, dropping records DuckDB cannot type: its error names the
   * NDJSON line, that record is rejected and the rest converted again (without a line number the
   * records are tried one by one). Bad records are rare: ingest validates every event.
   */
  private async convert(ndjson: string, staged: string, entries: StagedEntry[], rejected: RecordFailure[]): Promise<StagedEntry[]> {
    let kept = entries;
    while (kept.length > 0) {
      await fs.writeFile(ndjson, kept.map((e) => e.line).join('\n') + '\n');
      try {
        await this.options.sql.run(copyNdjsonToParquetSql(ndjson, staged));
        return kept;
      } catch (err) {
        const message = err instanceof Error ? err.message : String(err);
        // Anything but a data error (disk full, engine closed) fails the flush: it may pass, and
        // the records must not be dead-lettered for it.
        if (!DATA_ERROR.test(message)) throw err;
        const line = Number(LINE_IN_ERROR.exec(message)?.[1] ?? NaN);
        if (kept.length > 1 && !(Number.isInteger(line) && line >= 1 && line <= kept.length)) {
          kept = await this.convertEach(ndjson, staged, kept, rejected);
          continue;
        }
        const bad = kept.length === 1 ? 0 : line - 1;
        rejected.push({ record: (kept[bad] as StagedEntry).record, error: `does not fit the lake columns: ${message.split('\n')[0] ?? message}` });
        kept = [...kept.slice(0, bad), ...kept.slice(bad + 1)];
      }
    }
    return kept;
  }

  /** The slow path: converts each record alone to find every one DuckDB rejects; returns the others. */
  private async convertEach(ndjson: string, staged: string, entries: StagedEntry[], rejected: RecordFailure[]): Promise<StagedEntry[]> {
    const kept: StagedEntry[] = [];
    for (const entry of entries) {
      const before = rejected.length;
      await this.convert(ndjson, staged, [entry], rejected);
      if (rejected.length === before) kept.push(entry);
    }
    return kept;
  }
}

/** Entries grouped by hour directory, each group in offset order. */
function byHour(entries: readonly StagedEntry[]): Map<string, StagedEntry[]> {
  const hours = new Map<string, StagedEntry[]>();
  for (const entry of entries) {
    const group = hours.get(entry.hour);
    if (group) group.push(entry);
    else hours.set(entry.hour, [entry]);
  }
  return hours;
}
