import type { Config } from '../config.js';
import { openBlobStore, type BlobStore } from './blobs/index.js';
import { openCache, type Cache } from './cache/index.js';
import { openDb, type Db } from './db/index.js';
import { openLog, type Log } from './log/index.js';

/** The infrastructure one process runs on, chosen by config: embedded defaults or real services. */
export interface Platform {
  db: Db;
  cache: Cache;
  blobs: BlobStore;
  /** The activity log: JetStream when MARQUEE_NATS_URL is set, else the segment log in `<dataDir>/log`. */
  log: Log;
  mode: 'embedded' | 'services';
  close(): Promise<void>;
}

/**
 * Opens every adapter the config asks for, failing fast (with the variable and address in the
 * message) when a configured service cannot be reached, and closing what was opened so far.
 */
export async function openPlatform(config: Config): Promise<Platform> {
  const opened: { close(): Promise<void> }[] = [];
  try {
    const db = await openDb({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
    opened.push(db);
    const cache = await openCache({ redisUrl: config.redisUrl, prefix: 'marquee:', maxEntries: config.cacheMaxEntries, nearMaxEntries: config.nearCacheMaxEntries });
    opened.push(cache);
    const blobs = await openBlobStore({ dataDir: config.dataDir });
    opened.push(blobs);
    const log = await openLog({ natsUrl: config.natsUrl, dataDir: config.dataDir });
    opened.push(log);
    return {
      db,
      cache,
      blobs,
      log,
      mode: config.databaseUrl || config.redisUrl || config.natsUrl ? 'services' : 'embedded',
      async close() {
        await Promise.allSettled(opened.reverse().map((adapter) => adapter.close()));
      },
    };
  } catch (err) {
    await Promise.allSettled(opened.reverse().map((adapter) => adapter.close()));
    throw err;
  }
}
