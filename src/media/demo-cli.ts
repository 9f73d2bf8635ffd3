import type { CatalogService } from '../catalog/service.js';
import { demoCatalog } from '../catalog/demo/generate.js';
import type { Config } from '../config.js';
import type { Platform } from '../platform/index.js';
import { demoScratchDir, finishDemoMedia, queueDemoMedia } from './demo-media.js';
import { createIngest, createIngestWorker } from './jobs/index.js';
import { renderProgress } from './jobs/progress-bar.js';
import { locateTools } from './tools.js';

/**
 * The media half of `marquee seed-demo`: generates and ingests the demo clips, one progress line per
 * stage of each clip on stderr, then makes every demo title and episode playable. In embedded mode the
 * worker runs here; in services mode the cluster's workers encode and this only waits for them.
 */
export async function seedDemoMediaCommand(config: Config, platform: Platform, catalog: CatalogService): Promise<void> {
  const tools = await locateTools();
  const ingest = createIngest(config, platform, catalog);
  const worker = platform.mode === 'embedded' ? createIngestWorker(config, platform, catalog, undefined, { pollMs: 200 }) : undefined;
  worker?.start();
  try {
    const deps = {
      db: platform.db, catalog, ingest, tools, scratchDir: demoScratchDir(config.dataDir), pollMs: 500,
      titleIds: new Set(demoCatalog().titles.map((t) => t.id ?? '')),
    };
    process.stderr.write('generating the demo clips with ffmpeg…\n');
    const clips = await queueDemoMedia(deps);
    const names = new Map(clips.map((c) => [c.job.id, c.source.name]));
    const seen = new Map<string, string>();
    const result = await finishDemoMedia(deps, clips, (job) => {
      if (seen.get(job.id) === job.state) return;
      seen.set(job.id, job.state);
      process.stderr.write(`${(names.get(job.id) ?? job.id).padEnd(8)} ${renderProgress(job)}${job.reason ? ` ${job.reason.message}` : ''}\n`);
    });
    process.stdout.write(`demo videos: ${result.ready} clips ready, ${result.failed} failed, ${result.linked} titles and episodes linked\n`);
  } finally {
    await worker?.stop();
  }
}
