// The demo's videos: generated clips go through the real ingest pipeline, then every demo title and
// episode shares one, and only demo titles are touched.
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoScratchDir, finishDemoMedia, queueDemoMedia, type DemoMediaDeps } from '../../../src/media/demo-media.js';
import type { DemoSourceSpec } from '../../../src/media/demo-sources.js';
import { currentRevision } from '../../../src/media/jobs/revisions.js';
import { hasFfmpeg, mediaTools } from '../helpers.js';
import { mediaCatalog, mediaHarness, type MediaHarness } from './harness.js';

const TINY: readonly DemoSourceSpec[] = [
  { name: 'calm', look: 'gradients', seconds: 4, width: 320, height: 180, audio: [{ language: 'eng', frequencyHz: 330 }], subtitles: ['eng'] },
  { name: 'busy', look: 'testsrc2', seconds: 4, width: 320, height: 180, audio: [{ language: 'eng', frequencyHz: 440 }, { language: 'spa', frequencyHz: 523 }], subtitles: [] },
];

describe.skipIf(!hasFfmpeg)('demo media (needs ffmpeg)', () => {
  let h: MediaHarness;
  let deps: DemoMediaDeps;
  // The harness catalog stands in for the demo catalog, except one title that plays the operator's own.
  const demoIds = new Set(mediaCatalog.titles.map((t) => t.id!).filter((id) => id !== 'mv-ghost'));

  beforeAll(async () => {
    h = await mediaHarness();
    h.worker({ pollMs: 100 }).start();
    deps = { db: h.db, catalog: h.catalog, ingest: h.ingest, tools: await mediaTools(), scratchDir: demoScratchDir(path.join(h.dir, 'data')), sources: TINY, titleIds: demoIds, pollMs: 200 };
  }, 60_000);

  afterAll(async () => {
    await h?.close();
  });

  it('ingests each clip once, then makes every demo title and episode playable from them', async () => {
    const clips = await queueDemoMedia(deps);
    expect(clips.map((c) => c.source.name)).toEqual(['calm', 'busy']);
    const result = await finishDemoMedia(deps, clips);
    expect(result).toMatchObject({ ready: 2, failed: 0 });

    const { snapshot } = h.catalog.view();
    const episodes = snapshot.titles.flatMap((t) => t.seasons.flatMap((s) => s.episodes));
    expect(result.linked).toBe(demoIds.size - 1 - 2 + episodes.length); // the show itself has no revision, its episodes do
    for (const title of snapshot.titles) expect(title.playable, title.id).toBe(title.id !== 'mv-ghost');
    expect(episodes.every((e) => e.playable)).toBe(true);

    // Linked titles point at a clip's published files and key; the anchors at their own job.
    const anchors = clips.map((c) => c.anchorTitleId);
    const linked = await currentRevision(h.db, 'sh-ingest', episodes[0]!.id);
    expect(clips.map((c) => c.job.id)).toContain(linked?.jobId);
    expect((await h.blobKeys(linked!.prefix)).some((k) => k.endsWith('manifest.mpd'))).toBe(true);
    expect(await currentRevision(h.db, 'mv-ghost', null)).toBeUndefined();
    expect(new Set(anchors).size).toBe(2);
  }, 180_000);

  it('a second run resumes: no clip is generated or ingested again', async () => {
    const before = await h.ingest.jobs.list({ limit: 50 });
    const clips = await queueDemoMedia(deps);
    const result = await finishDemoMedia(deps, clips);
    expect(result).toEqual({ ready: 2, failed: 0, linked: 0 });
    expect((await h.ingest.jobs.list({ limit: 50 })).length).toBe(before.length);
  }, 60_000);
});
