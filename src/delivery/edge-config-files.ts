import fs from 'node:fs/promises';
import path from 'node:path';
import { renderEdgeConfig, renderEdgeKeys, type EdgeConfigOptions } from './edge-config.js';
import type { Edge } from './edges/types.js';
import type { MediaTokenKeyRing } from './media-token.js';
import { EDGE_TOKEN_SCRIPT } from './nginx/edge-token-script.js';

/** Where an edge's files go; everything else of EdgeConfigOptions is derived from `out`. */
export interface EdgeFilesOptions extends Omit<EdgeConfigOptions, 'scriptFile' | 'keysFile' | 'runDir' | 'cacheDir'> {
  /** The nginx.conf to write; its companions go next to it. */
  out: string;
  /** Default `<dir of out>/cache`. */
  cacheDir?: string;
  /** Default the directory of `out`. */
  runDir?: string;
}

export interface EdgeFiles {
  config: string;
  script: string;
  keys: string;
  cacheDir: string;
  runDir: string;
}

/**
 * Writes an edge's nginx.conf, its njs token check (`edge-token.js`) and its key file
 * (`media-token-keys.conf`, mode 0600: the nginx master reads it as root, the workers never need to),
 * and creates the run and cache directories. Run `nginx -c <config> -p <runDir>`.
 */
export async function writeEdgeFiles(edge: Edge, ring: MediaTokenKeyRing, options: EdgeFilesOptions): Promise<EdgeFiles> {
  const config = path.resolve(options.out);
  const dir = path.dirname(config);
  const files: EdgeFiles = {
    config,
    script: path.join(dir, 'edge-token.js'),
    keys: path.join(dir, 'media-token-keys.conf'),
    cacheDir: path.resolve(options.cacheDir ?? path.join(dir, 'cache')),
    runDir: path.resolve(options.runDir ?? dir),
  };
  const { out: _out, ...rest } = options;
  const text = renderEdgeConfig(edge, { ...rest, scriptFile: files.script, keysFile: files.keys, runDir: files.runDir, cacheDir: files.cacheDir });
  await fs.mkdir(files.runDir, { recursive: true });
  await fs.mkdir(files.cacheDir, { recursive: true });
  await fs.writeFile(files.script, EDGE_TOKEN_SCRIPT);
  await fs.writeFile(files.keys, renderEdgeKeys(ring), { mode: 0o600 });
  await fs.chmod(files.keys, 0o600); // writeFile keeps the mode of a file that already existed
  await fs.writeFile(config, text);
  return files;
}
