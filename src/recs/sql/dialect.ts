/**
 * The few expressions standard SQL does not spell the same way everywhere. Every job query is
 * otherwise ANSI (window functions, CASE, POWER, SQRT, GROUP BY, UNION ALL) and runs unchanged on
 * DuckDB, Spark SQL and Trino; porting a job means supplying another `SqlDialect`.
 */
export interface SqlDialect {
  /** Seconds since the Unix epoch of a TIMESTAMP expression (Spark: `unix_timestamp(x)`, Trino: `to_unixtime(x)`). */
  epochSeconds(expr: string): string;
  /** A TIMESTAMP literal for a JS date (UTC). */
  timestamp(at: Date): string;
  /** A DATE literal. */
  date(at: Date): string;
}

export const DUCKDB: SqlDialect = {
  epochSeconds: (expr) => `epoch(${expr})`,
  timestamp: (at) => `TIMESTAMP '${at.toISOString().replace('T', ' ').replace('Z', '')}'`,
  date: (at) => `DATE '${at.toISOString().slice(0, 10)}'`,
};

/** A quoted SQL string literal. */
export const literal = (text: string): string => `'${text.replace(/'/g, "''")}'`;

/** A number as a SQL literal; refuses NaN and infinities so a bad option cannot produce odd SQL. */
export function num(value: number): string {
  if (!Number.isFinite(value)) throw new RangeError(`not a finite number: ${value}`);
  return String(value);
}
