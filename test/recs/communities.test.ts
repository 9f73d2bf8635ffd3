import { describe, expect, it } from 'vitest';
import { findCommunities, type CoPlay } from '../../src/recs/jobs/communities.js';

/** Every pair of `ids` co-played with `weight`. */
const clique = (ids: readonly string[], weight: number): CoPlay[] => ids.flatMap((a, i) => ids.slice(i + 1).map((b) => ({ a, b, weight })));

describe('taste communities (Louvain over the co-play graph)', () => {
  const sciFi = ['a1', 'a2', 'a3', 'a4', 'a5'];
  const romance = ['b1', 'b2', 'b3', 'b4'];
  // Two tight groups and the odd viewer who played one of each.
  const pairs = [...clique(sciFi, 3), ...clique(romance, 2), { a: 'a1', b: 'b1', weight: 0.5 }, { a: 'x1', b: 'x2', weight: 1 }];
  const plays = new Map([...sciFi.map((id, i) => [id, 50 - i * 10] as const), ...romance.map((id, i) => [id, 40 - i * 10] as const), ['x1', 1], ['x2', 1]]);

  it('finds the groups the same viewers play, ordered by plays, each title scored by its share of its community', () => {
    const found = findCommunities(pairs, plays, { resolution: 1, minTitles: 3, maxTitles: 200 });
    expect(Object.keys(found)).toEqual(['c0', 'c1']); // the lone pair x1–x2 is below three titles
    expect(found.c0!.map((t) => t.titleId)).toEqual(sciFi);
    expect(found.c1!.map((t) => t.titleId)).toEqual(romance);
    expect(found.c0!.map((t) => t.score)).toEqual([50, 40, 30, 20, 10].map((p) => Math.round((p / 150) * 1e6) / 1e6));
    expect(found.c1!.reduce((sum, t) => sum + t.score, 0)).toBeCloseTo(1, 5);
  });

  it('is reproducible, keeps the most played titles, and is empty without pairs', () => {
    expect(findCommunities(pairs, plays)).toEqual(findCommunities(pairs, plays));
    const capped = findCommunities(pairs, plays, { resolution: 1, minTitles: 3, maxTitles: 3 });
    expect(capped.c0!.map((t) => t.titleId)).toEqual(['a1', 'a2', 'a3']);
    expect(findCommunities([], plays)).toEqual({});
  });
});
