import { LAKE_EVENT_COLUMNS } from './schema.js';

/**
 * Pure SQL builders for the lake sink; `writer.ts` runs them. Every column comes from
 * `LAKE_EVENT_COLUMNS`, so the Parquet files follow the table definition in `schema.ts`.
 */

const ident = (name: string): string => `"${name.replace(/"/g, '""')}"`;
const literal = (text: string): string => `'${text.replace(/'/g, "''")}'`;

/** The DuckDB type the NDJSON reader parses the stored event into (JSON field names and types). */
export function eventStructType(): string {
  return `STRUCT(${LAKE_EVENT_COLUMNS.map((c) => `${ident(c.field)} ${c.jsonType ?? c.type}`).join(', ')})`;
}

/** The lake columns computed from a staging line `{"p": partition, "o": offset, "e": stored event}`. */
export function lakeProjection(): string {
  const columns = LAKE_EVENT_COLUMNS.map((c) => {
    const field = `e.${ident(c.field)}`;
    return `CAST(${c.convert ? c.convert(field) : field} AS ${c.type}) AS ${ident(c.name)}`;
  });
  return [...columns, 'p AS log_partition', 'o AS log_offset'].join(', ');
}

/**
 * Converts one staging NDJSON file (one hour of one partition, offset order) straight into a zstd
 * Parquet file. Errors are not ignored: DuckDB's `ignore_errors` turns a badly typed field into
 * NULL silently, so a bad record fails the statement instead and the writer drops it by the line
 * number in the message. Insertion order is kept, so rows stay in offset order.
 */
export function copyNdjsonToParquetSql(ndjsonPath: string, parquetPath: string): string {
  const columns = `{p: 'INTEGER', o: 'BIGINT', e: ${literal(eventStructType())}}`;
  return (
    `COPY (SELECT ${lakeProjection()} FROM read_ndjson(${literal(ndjsonPath)}, columns = ${columns}, format = 'newline_delimited', ignore_errors = false)) ` +
    `TO ${literal(parquetPath)} (FORMAT parquet, COMPRESSION zstd)`
  );
}

/** The log offsets of `partition` at or after `fromOffset` held by the given part files. */
export function landedOffsetsSql(files: readonly string[], partition: number, fromOffset: number): string {
  return (
    `SELECT log_offset FROM read_parquet([${files.map(literal).join(', ')}]) ` +
    `WHERE log_partition = ${Math.trunc(partition)} AND log_offset >= ${Math.trunc(fromOffset)}`
  );
}
