import { DuckDBInstance, type DuckDBConnection, type DuckDBValue } from '@duckdb/node-api';

/**
 * The analytical SQL engine (DuckDB, in-process): writes the Parquet lake and runs the batch jobs
 * over it. The only module that imports the driver; everything else sees `SqlEngine`.
 *
 * Values come back as plain JS: BIGINT/HUGEINT as numbers when they fit (else strings), TIMESTAMP
 * as Date, LIST as arrays, STRUCT as objects.
 */
export interface SqlEngine {
  /** Runs one or more statements; `$name` parameters from `params`. */
  run(sql: string, params?: SqlParams): Promise<void>;
  /** Runs a query and returns its rows as objects keyed by column name. */
  all<T = Record<string, unknown>>(sql: string, params?: SqlParams): Promise<T[]>;
  close(): Promise<void>;
}

export type SqlParam = string | number | boolean | null | bigint | Date;
export type SqlParams = Readonly<Record<string, SqlParam>>;

export interface OpenSqlOptions {
  /** A database file; in memory when omitted (the lake itself is Parquet files, not this file). */
  path?: string;
  /** Worker threads DuckDB may use (default: all cores). */
  threads?: number;
  /** e.g. '2GB'; DuckDB's default is 80 % of RAM, too much for a process that shares the machine. */
  memoryLimit?: string;
}

/**
 * Opens DuckDB. One connection: DuckDB parallelises a single query over its own threads, and
 * callers here run one job at a time.
 * @example
 * const sql = await openSqlEngine({ memoryLimit: '1GB' });
 * const rows = await sql.all<{ n: number }>("SELECT count(*) AS n FROM read_parquet('lake/events/**\/*.parquet')");
 */
export async function openSqlEngine(options: OpenSqlOptions = {}): Promise<SqlEngine> {
  const config: Record<string, string> = { memory_limit: options.memoryLimit ?? '1GB' };
  if (options.threads !== undefined) config.threads = String(options.threads);
  const instance = await DuckDBInstance.create(options.path ?? ':memory:', config);
  const connection = await instance.connect();
  return new DuckDbEngine(instance, connection);
}

class DuckDbEngine implements SqlEngine {
  // Statements on one connection must not interleave; callers may still call concurrently.
  private queue: Promise<unknown> = Promise.resolve();
  private closed = false;

  constructor(
    private readonly instance: DuckDBInstance,
    private readonly connection: DuckDBConnection,
  ) {}

  run(sql: string, params?: SqlParams): Promise<void> {
    return this.serial(async () => {
      await this.connection.run(sql, toValues(params));
    });
  }

  all<T = Record<string, unknown>>(sql: string, params?: SqlParams): Promise<T[]> {
    return this.serial(async () => {
      const reader = await this.connection.runAndReadAll(sql, toValues(params));
      return reader.getRowObjectsJS().map((row) => plain(row) as T);
    });
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.queue.catch(() => undefined);
    this.connection.closeSync();
    this.instance.closeSync();
  }

  private serial<T>(work: () => Promise<T>): Promise<T> {
    if (this.closed) return Promise.reject(new Error('SQL engine is closed'));
    const next = this.queue.then(work, work);
    this.queue = next.catch(() => undefined);
    return next;
  }
}

function toValues(params: SqlParams | undefined): Record<string, DuckDBValue> | undefined {
  if (!params) return undefined;
  const values: Record<string, DuckDBValue> = {};
  for (const [name, value] of Object.entries(params)) {
    // Dates go in as ISO text; DuckDB casts them where a TIMESTAMP is expected.
    values[name] = value instanceof Date ? value.toISOString() : value;
  }
  return values;
}

/** BIGINTs to numbers where exact (counts and offsets are), recursively through lists and structs. */
function plain(value: unknown): unknown {
  if (typeof value === 'bigint') {
    return value <= BigInt(Number.MAX_SAFE_INTEGER) && value >= BigInt(Number.MIN_SAFE_INTEGER) ? Number(value) : value.toString();
  }
  if (Array.isArray(value)) return value.map(plain);
  if (value !== null && typeof value === 'object' && !(value instanceof Date)) {
    const out: Record<string, unknown> = {};
    for (const [key, inner] of Object.entries(value)) out[key] = plain(inner);
    return out;
  }
  return value;
}
