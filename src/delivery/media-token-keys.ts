import { randomBytes } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import { keyRing, parseMediaTokenKeys, type MediaTokenKeyRing } from './media-token.js';

/**
 * The media token keys: MARQUEE_MEDIA_TOKEN_KEYS when set (`kid:secret,...`, newest first — every api,
 * origin and edge node must share it), otherwise one key generated once per data dir and kept in
 * `<dataDir>/media-token-keys` (mode 0600), so an embedded `npm start` signs URLs without setup.
 */
export async function resolveMediaTokenKeys(configured: string | undefined, dataDir: string): Promise<{ ring: MediaTokenKeyRing; source: string }> {
  if (configured) return { ring: keyRing(parseMediaTokenKeys(configured)), source: 'MARQUEE_MEDIA_TOKEN_KEYS' };
  const file = path.join(dataDir, 'media-token-keys');
  try {
    const stored = (await fs.readFile(file, 'utf8')).trim();
    if (stored) return { ring: keyRing(parseMediaTokenKeys(stored)), source: file };
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
  }
  // The key id carries its creation day, so an operator rotating later can tell keys apart.
  const id = `k${new Date().toISOString().slice(0, 10).replace(/-/g, '')}`;
  const spec = `${id}:${randomBytes(32).toString('base64url')}`;
  await fs.mkdir(dataDir, { recursive: true });
  await fs.writeFile(file, `${spec}\n`, { mode: 0o600 });
  return { ring: keyRing(parseMediaTokenKeys(spec)), source: file };
}
