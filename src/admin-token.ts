import { randomBytes } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';

/**
 * The configured admin token, or one generated once per data dir and kept in `<dataDir>/admin-token`
 * (mode 0600) so a fresh `npm start` is guarded without any setup.
 */
export async function resolveAdminToken(configured: string | undefined, dataDir: string): Promise<{ token: string; source: string }> {
  if (configured) return { token: configured, source: 'MARQUEE_ADMIN_TOKEN' };
  const file = path.join(dataDir, 'admin-token');
  try {
    const token = (await fs.readFile(file, 'utf8')).trim();
    if (token.length >= 16) return { token, source: file };
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
  }
  const token = randomBytes(24).toString('base64url');
  await fs.mkdir(dataDir, { recursive: true });
  await fs.writeFile(file, `${token}\n`, { mode: 0o600 });
  return { token, source: file };
}
