import type { Logger } from 'pino';
import type { Config } from '../config.js';
import { openPlatform } from '../platform/index.js';
import { resolveMediaTokenKeys } from './media-token-keys.js';
import { buildOriginApp } from './origin-app.js';

/**
 * `marquee origin`: the origin role alone, serving signed media paths from the blob store on PORT, for
 * edges to fill from. Shares MARQUEE_MEDIA_TOKEN_KEYS with the api nodes that sign the URLs.
 */
export async function runOrigin(config: Config, logger: Logger): Promise<{ url: string; stop(): Promise<void> }> {
  const platform = await openPlatform(config);
  const { ring, source } = await resolveMediaTokenKeys(config.mediaTokenKeys, config.dataDir);
  const app = await buildOriginApp({ blobs: platform.blobs, ring, logger });
  const url = await app.listen({ port: config.port, host: config.host });
  logger.info({ url, blobs: platform.blobs.kind, tokenKeysFrom: source }, 'origin listening');
  return {
    url,
    async stop() {
      await app.close();
      await platform.close();
    },
  };
}
