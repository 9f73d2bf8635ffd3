import { CatalogService } from '../catalog/service.js';
import type { Config } from '../config.js';
import { openPlatform, type Platform } from '../platform/index.js';
import { writeEdgeFiles } from './edge-config-files.js';
import { EdgeRegistry } from './edges/registry.js';
import { regionOf } from './edges/regions.js';
import type { Edge } from './edges/types.js';
import { fillEdge, popularFillTargets } from './fill.js';
import { resolveMediaTokenKeys } from './media-token-keys.js';

/**
 * The `marquee edge-config` and `marquee fill` commands: look the edge up, then hand over to the pure
 * renderer (edge-config.ts) or the fill walker (fill.ts).
 */

/** Edge fields given on the command line: enough to describe an edge without the registry. */
export interface EdgeFlags {
  edge: string;
  baseUrl?: string;
  country?: string;
  cacheSize?: string;
}

/** The edge from the flags when --base-url is given, otherwise from the registry. */
async function lookUpEdge(platform: Platform, flags: EdgeFlags): Promise<Edge> {
  if (flags.baseUrl) {
    const country = (flags.country ?? 'US').toUpperCase();
    return { id: flags.edge, baseUrl: flags.baseUrl.replace(/\/+$/, ''), country, region: regionOf(country) ?? 'unknown', capacityGbps: 0, cacheSize: flags.cacheSize ?? '10g' };
  }
  let edge: Edge | undefined;
  try {
    edge = await new EdgeRegistry(platform.db).get(flags.edge);
  } catch (err) {
    throw new Error(`cannot read the edge registry (${(err as Error).message}); run \`marquee migrate\` or pass --base-url`, { cause: err });
  }
  if (!edge) throw new Error(`no edge "${flags.edge}" in the registry; register it or pass --base-url/--country/--cache-size`);
  return flags.cacheSize ? { ...edge, cacheSize: flags.cacheSize } : edge;
}

export interface EdgeConfigFlags extends EdgeFlags {
  out: string;
  listen?: string;
  origin?: string;
  user?: string;
}

/** `marquee edge-config --edge ID`: writes nginx.conf, edge-token.js and the 0600 key file. */
export async function edgeConfigCommand(config: Config, flags: EdgeConfigFlags): Promise<void> {
  const platform = await openPlatform(config);
  try {
    const edge = await lookUpEdge(platform, flags);
    const { ring } = await resolveMediaTokenKeys(config.mediaTokenKeys, config.dataDir);
    // Default: listen on the port of the edge's base URL, fill from an origin on this host.
    const listen = flags.listen ?? (new URL(edge.baseUrl).port || '80');
    const files = await writeEdgeFiles(edge, ring, {
      out: flags.out,
      listen,
      originUrl: flags.origin ?? `http://127.0.0.1:${config.port}`,
      ...(flags.user ? { user: flags.user } : {}),
    });
    process.stdout.write(`edge ${edge.id}: wrote ${files.config}, ${files.script}, ${files.keys} (0600)\nrun: nginx -c ${files.config} -p ${files.runDir}\n`);
  } finally {
    await platform.close();
  }
}

/** `marquee fill --edge ID --top N`: fetches the N most popular titles' files through the edge. */
export async function fillCommand(config: Config, flags: EdgeFlags & { top: number; concurrency?: number }): Promise<void> {
  const platform = await openPlatform(config);
  try {
    const edge = await lookUpEdge(platform, flags);
    const { ring } = await resolveMediaTokenKeys(config.mediaTokenKeys, config.dataDir);
    const catalog = new CatalogService(platform.db);
    const { snapshot } = await catalog.refresh();
    const targets = await popularFillTargets(platform.db, snapshot.titles, flags.top);
    process.stdout.write(`fill ${edge.id} (${edge.baseUrl}): ${targets.length} revision(s) of the top ${flags.top} titles\n`);
    const report = await fillEdge({
      edgeUrl: edge.baseUrl,
      blobs: platform.blobs,
      ring,
      targets,
      ...(flags.concurrency ? { concurrency: flags.concurrency } : {}),
      onProgress: (p) => {
        const name = p.target.episodeId ? `${p.target.titleId}/${p.target.episodeId}` : p.target.titleId;
        process.stdout.write(`[${p.index}/${p.total}] ${name}: ${p.files} files, ${(p.bytes / 1e6).toFixed(1)} MB, ${p.hits} already cached\n`);
      },
    });
    process.stdout.write(
      `done: ${report.files} files, ${(report.bytes / 1e6).toFixed(1)} MB; ${report.hits} HIT, ${report.misses} filled from origin, ${report.failed} failed\n`,
    );
    for (const failure of report.failures) process.stdout.write(`  failed: ${failure}\n`);
    if (report.failed > 0) process.exitCode = 1;
  } finally {
    await platform.close();
  }
}
