import { describe, expect, it } from 'vitest';
import { normalizeTitle } from '../../src/catalog/normalize.js';
import { buildSnapshot } from '../../src/catalog/snapshot.js';
import type { ScoredTitle } from '../../src/recs/datasets.js';
import { topPicksFor } from '../../src/recs/top-picks.js';
import { homeCatalog } from './home-harness.js';

const input = homeCatalog();
const known = new Set(input.genres.map((g) => g.id));
const at = new Date('2026-01-01T00:00:00Z');
const snapshot = buildSnapshot(1, input.titles.map((t) => normalizeTitle(t, t.id!, known, undefined, at)), input.genres);
// Views fall with n in every genre: drama-0 is the most watched drama.
const popularity: ScoredTitle[] = input.titles.map((t) => ({ titleId: t.id!, score: 100 - Number(t.id!.split('-')[1]) * 4 })).sort((a, b) => b.score - a.score || (a.titleId < b.titleId ? -1 : 1));

describe('Top Picks with taste communities', () => {
  const history = [{ titleId: 'drama-17', completed: true }];
  const communities = {
    c0: [
      { titleId: 'drama-15', score: 0.4 },
      { titleId: 'drama-16', score: 0.35 },
      { titleId: 'drama-17', score: 0.25 },
    ],
  };

  it("ranks the titles of the history's community above the genre's most watched", () => {
    const without = topPicksFor(history, { similar: {}, popularity }, snapshot, { limit: 5 }).map((p) => p.titleId);
    expect(without.slice(0, 3)).toEqual(['drama-0', 'drama-1', 'drama-2']);
    const withCommunities = topPicksFor(history, { similar: {}, popularity, communities }, snapshot, { limit: 5 }).map((p) => p.titleId);
    expect(withCommunities.slice(0, 2)).toEqual(['drama-15', 'drama-16']);
    expect(withCommunities).not.toContain('drama-17'); // finished: left out
  });

  it('leaves the ranking alone when the history has no community, and resets its scratch between calls', () => {
    const other = [{ titleId: 'comedy-3', completed: true }];
    const plain = topPicksFor(other, { similar: {}, popularity }, snapshot, { limit: 10 });
    expect(topPicksFor(other, { similar: {}, popularity, communities }, snapshot, { limit: 10 })).toEqual(plain);
    // After a call that weighted c0, a profile without it is scored as before.
    topPicksFor(history, { similar: {}, popularity, communities }, snapshot, { limit: 10 });
    expect(topPicksFor(other, { similar: {}, popularity, communities }, snapshot, { limit: 10 })).toEqual(plain);
  });
});
