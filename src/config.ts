import path from 'node:path';

/** Everything Marquee reads from its environment, parsed and validated once at start. */
export interface Config {
  port: number;
  host: string;
  dataDir: string;
  logLevel: string;
  /** Token guarding /v1/admin routes. Generated per data dir when unset (see README). */
  adminToken: string | undefined;
  /** Request bodies above this many bytes get 413. */
  bodyLimitBytes: number;
  /** Source uploads (`POST /v1/admin/titles/:id/source`) above this many bytes get 413. */
  uploadLimitBytes: number;
  /** Ingest jobs one worker process runs at once. */
  workerConcurrency: number;
  /** `marquee worker` serves /metrics and /healthz on this port. */
  workerPort: number;
  /** Longest time the lake sink buffers events before writing a Parquet file (seconds). */
  lakeRollSeconds: number;
  /** Seconds between recommendation job runs in `start` and `marquee jobs` (0: `start` runs none). */
  jobsIntervalSeconds: number;
  /** How often an api node looks for a newly published dataset version. */
  recsPollSeconds: number;
  databaseUrl: string | undefined;
  redisUrl: string | undefined;
  /** Entries the in-process cache holds (embedded, without Redis) before evicting the least recently used. */
  cacheMaxEntries: number;
  /** With Redis: entries of members' hot state each node keeps in its near cache (0: none). */
  nearCacheMaxEntries: number;
  /** Profiles whose last home page each api node keeps, reused while the page's inputs are unchanged (0: none). */
  homePagePlans: number;
  natsUrl: string | undefined;
  s3: S3Config | undefined;
  /** Seed the demo catalog when the catalog is empty at start. */
  seedDemo: boolean;
  /** Base URL clients reach this node at; play responses use it until edges are registered. */
  publicUrl: string | undefined;
  /** `kid:secret,kid:secret`, newest first: signs and verifies media URLs; generated per data dir when unset. */
  mediaTokenKeys: string | undefined;
  mediaTokenTtlSeconds: number;
  /** A stream's slot is freed this long after its last heartbeat. */
  streamLeaseSeconds: number;
  /** Edge health checks: pause between rounds, per-check timeout, down after N failures, up after M successes. */
  edgeCheckIntervalMs: number;
  edgeCheckTimeoutMs: number;
  edgeDownAfter: number;
  edgeUpAfter: number;
}

export interface S3Config {
  endpoint: string | undefined;
  region: string;
  bucket: string;
  accessKeyId: string | undefined;
  secretAccessKey: string | undefined;
  forcePathStyle: boolean;
}

/** A configuration value that cannot be used; names the variable so operators can fix it. */
export class ConfigError extends Error {
  constructor(readonly variable: string, message: string) {
    super(`${variable}: ${message}`);
    this.name = 'ConfigError';
  }
}

type Env = Record<string, string | undefined>;

function nonEmpty(env: Env, name: string): string | undefined {
  const value = env[name]?.trim();
  return value ? value : undefined;
}

function integer(env: Env, name: string, fallback: number, min: number, max: number): number {
  const raw = nonEmpty(env, name);
  if (raw === undefined) return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new ConfigError(name, `expected an integer between ${min} and ${max}, got "${raw}"`);
  }
  return value;
}

function boolean(env: Env, name: string, fallback: boolean): boolean {
  const raw = nonEmpty(env, name);
  if (raw === undefined) return fallback;
  if (['1', 'true', 'yes', 'on'].includes(raw.toLowerCase())) return true;
  if (['0', 'false', 'no', 'off'].includes(raw.toLowerCase())) return false;
  throw new ConfigError(name, `expected true or false, got "${raw}"`);
}

function url(env: Env, name: string, protocols: string[]): string | undefined {
  const raw = nonEmpty(env, name);
  if (raw === undefined) return undefined;
  let parsed: URL;
  try {
    parsed = new URL(raw);
  } catch {
    throw new ConfigError(name, `not a valid URL: "${raw}"`);
  }
  if (!protocols.includes(parsed.protocol)) {
    throw new ConfigError(name, `expected a ${protocols.join(' or ')} URL, got "${parsed.protocol}"`);
  }
  return raw;
}

function s3(env: Env): S3Config | undefined {
  const bucket = nonEmpty(env, 'MARQUEE_S3_BUCKET');
  if (bucket === undefined) return undefined;
  return {
    endpoint: url(env, 'MARQUEE_S3_ENDPOINT', ['http:', 'https:']),
    region: nonEmpty(env, 'MARQUEE_S3_REGION') ?? 'us-east-1',
    bucket,
    accessKeyId: nonEmpty(env, 'MARQUEE_S3_ACCESS_KEY_ID'),
    secretAccessKey: nonEmpty(env, 'MARQUEE_S3_SECRET_ACCESS_KEY'),
    forcePathStyle: boolean(env, 'MARQUEE_S3_FORCE_PATH_STYLE', true),
  };
}

/** Parses the environment into a Config; throws ConfigError naming the offending variable. */
export function loadConfig(env: Env = process.env): Config {
  const adminToken = nonEmpty(env, 'MARQUEE_ADMIN_TOKEN');
  if (adminToken !== undefined && adminToken.length < 16) {
    throw new ConfigError('MARQUEE_ADMIN_TOKEN', 'must be at least 16 characters');
  }
  return {
    port: integer(env, 'PORT', 8080, 0, 65535),
    host: nonEmpty(env, 'HOST') ?? '0.0.0.0',
    dataDir: path.resolve(nonEmpty(env, 'MARQUEE_DATA_DIR') ?? './data'),
    logLevel: nonEmpty(env, 'LOG_LEVEL') ?? 'info',
    adminToken,
    bodyLimitBytes: integer(env, 'MARQUEE_BODY_LIMIT_BYTES', 1024 * 1024, 1024, 1024 * 1024 * 1024),
    uploadLimitBytes: integer(env, 'MARQUEE_UPLOAD_LIMIT_BYTES', 2 * 1024 ** 3, 1024, 1024 ** 4),
    workerConcurrency: integer(env, 'MARQUEE_WORKER_CONCURRENCY', 1, 1, 64),
    workerPort: integer(env, 'MARQUEE_WORKER_PORT', 9464, 0, 65535),
    lakeRollSeconds: integer(env, 'MARQUEE_LAKE_ROLL_SECONDS', 60, 0, 3600),
    jobsIntervalSeconds: integer(env, 'MARQUEE_JOBS_INTERVAL_SECONDS', 600, 0, 7 * 86400),
    recsPollSeconds: integer(env, 'MARQUEE_RECS_POLL_SECONDS', 30, 1, 3600),
    databaseUrl: url(env, 'MARQUEE_DATABASE_URL', ['postgres:', 'postgresql:']),
    redisUrl: url(env, 'MARQUEE_REDIS_URL', ['redis:', 'rediss:']),
    cacheMaxEntries: integer(env, 'MARQUEE_CACHE_MAX_ENTRIES', 1_000_000, 1_000, 100_000_000),
    nearCacheMaxEntries: integer(env, 'MARQUEE_NEAR_CACHE_MAX_ENTRIES', 1_000_000, 0, 100_000_000),
    homePagePlans: integer(env, 'MARQUEE_HOME_PAGE_PLANS', 100_000, 0, 10_000_000),
    natsUrl: url(env, 'MARQUEE_NATS_URL', ['nats:', 'tls:']),
    s3: s3(env),
    seedDemo: boolean(env, 'MARQUEE_SEED_DEMO', true),
    publicUrl: url(env, 'MARQUEE_PUBLIC_URL', ['http:', 'https:']),
    mediaTokenKeys: nonEmpty(env, 'MARQUEE_MEDIA_TOKEN_KEYS'),
    mediaTokenTtlSeconds: integer(env, 'MARQUEE_MEDIA_TOKEN_TTL_SECONDS', 6 * 3600, 60, 7 * 86400),
    streamLeaseSeconds: integer(env, 'MARQUEE_STREAM_LEASE_SECONDS', 90, 5, 3600),
    edgeCheckIntervalMs: integer(env, 'MARQUEE_EDGE_CHECK_INTERVAL_MS', 5000, 50, 600_000),
    edgeCheckTimeoutMs: integer(env, 'MARQUEE_EDGE_CHECK_TIMEOUT_MS', 2000, 50, 60_000),
    edgeDownAfter: integer(env, 'MARQUEE_EDGE_DOWN_AFTER', 2, 1, 100),
    edgeUpAfter: integer(env, 'MARQUEE_EDGE_UP_AFTER', 2, 1, 100),
  };
}

/** Hides credentials in a service URL before it is logged or shown in an error. */
export function redactUrl(raw: string): string {
  try {
    const parsed = new URL(raw);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return raw;
  }
}
