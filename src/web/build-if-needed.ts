// `npm start` runs this first (prestart): the web app is built when src/web/dist is missing or older
// than any source, so a new user never needs a separate build step and a rebuilt checkout stays fresh.
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const webDir = fileURLToPath(new URL('.', import.meta.url));
const builtIndex = path.join(webDir, 'dist', 'index.html');
/** Besides src/web itself, a dependency upgrade (package-lock.json) can change the bundle. */
const extraInputs = [path.join(webDir, '..', '..', 'package-lock.json')];

function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === 'dist' || entry.name === 'node_modules') continue;
    const full = path.join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(full) : statSync(full).mtimeMs);
  }
  return newest;
}

/** True when the bundle is missing or a source changed after it was built. */
export function webBuildIsStale(): boolean {
  if (!existsSync(builtIndex)) return true;
  const sources = Math.max(newestMtime(webDir), ...extraInputs.filter(existsSync).map((f) => statSync(f).mtimeMs));
  return sources > statSync(builtIndex).mtimeMs;
}

/** Builds the web app with Vite (a few seconds) into src/web/dist. */
export async function buildWeb(): Promise<void> {
  const { build } = await import('vite');
  await build({ configFile: path.join(webDir, 'vite.config.ts'), logLevel: 'warn' });
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const force = process.argv.includes('--force');
  if (force || webBuildIsStale()) {
    const started = Date.now();
    console.log('Building the web app (src/web → src/web/dist)…');
    await buildWeb();
    console.log(`Web app built in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  }
}
