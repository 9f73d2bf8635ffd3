import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CatalogService } from '../../src/catalog/service.js';
import { allMigrations } from '../../src/migrations.js';
import { migrate, openPglite, type Db } from '../../src/platform/db/index.js';
import { testGenres, titleInput } from '../helpers/titles.js';

describe('playability', () => {
  let db: Db;
  let catalog: CatalogService;

  beforeAll(async () => {
    db = await openPglite(undefined);
    await migrate(db, allMigrations);
    catalog = new CatalogService(db);
    await catalog.refresh();
    await catalog.importCatalog(testGenres, [
      titleInput({ id: 'm1', name: 'First' }),
      titleInput({ id: 'm2', name: 'Second' }),
      titleInput({
        id: 's1', kind: 'show', name: 'Serial', maturityRating: 'TV-14',
        seasons: [{ number: 1, episodes: [1, 2].map((n) => ({ episodeNumber: n, name: `Part ${n}`, runtimeMinutes: 40 })) }],
      }),
    ]);
  });

  afterAll(async () => {
    await db.close();
  });

  it('marks movies and episodes in one write and one rebuild, and reports titles that are gone', async () => {
    const before = catalog.view().snapshot.version;
    const show = catalog.view().snapshot.byId.get('s1')!;
    const episode = show.seasons[0]!.episodes[0]!;
    const missing = await catalog.setPlayableMany([{ titleId: 'm1' }, { titleId: 's1', episodeId: episode.id }, { titleId: 'gone' }], true);
    expect(missing).toEqual(['gone']);
    const { snapshot } = catalog.view();
    expect(snapshot.version).toBe(before + 1);
    expect(snapshot.byId.get('m1')!.playable).toBe(true);
    expect(snapshot.byId.get('m2')!.playable).toBe(false);
    const updated = snapshot.byId.get('s1')!;
    expect(updated.playable).toBe(true);
    expect(updated.seasons[0]!.episodes.map((e) => e.playable)).toEqual(show.seasons[0]!.episodes.map((e) => e.id === episode.id));
  });

  it('a show stops being playable when its last playable episode is withdrawn; an unknown title is a 404 error', async () => {
    const episode = catalog.view().snapshot.byId.get('s1')!.seasons[0]!.episodes[0]!;
    await catalog.setPlayable('s1', episode.id, false);
    expect(catalog.view().snapshot.byId.get('s1')!.playable).toBe(false);
    await expect(catalog.setPlayable('gone', undefined, true)).rejects.toMatchObject({ code: 'TITLE_NOT_FOUND' });
  });
});
