import { UndirectedGraph } from 'graphology';
import louvainModule from 'graphology-communities-louvain';
import type { CommunitiesDataset, ScoredTitle } from '../datasets.js';

/**
 * Taste communities: groups of titles the same viewers play, found by modularity clustering
 * (Louvain) of the co-play graph. A community pools the evidence of all its viewers, which is what
 * a profile with a handful of titles needs: one title of a community says the others are likely
 * next even when no single pair of titles was co-played often enough to mean anything.
 */
// The package's types declare an ES default export, but it is CommonJS (`module.exports = louvain`),
// so under NodeNext the default import is the function itself (microsoft/TypeScript#49189).
const louvain = louvainModule as unknown as typeof louvainModule.default;

export interface CommunityOptions {
  /** Louvain resolution: higher finds more, smaller communities (1 is plain modularity). */
  resolution: number;
  /** Communities with fewer titles are dropped (a lone title is not a taste). */
  minTitles: number;
  /** Titles kept per community (the most played). */
  maxTitles: number;
}

export const DEFAULT_COMMUNITIES: CommunityOptions = { resolution: 4, minTitles: 3, maxTitles: 200 };

export interface CoPlay {
  a: string;
  b: string;
  weight: number;
}

/**
 * Communities by total plays, ids `c0`, `c1`, …; each lists its titles by plays with their share of
 * the community's plays (what a viewer drawn to the community picks, as a probability).
 * Deterministic: the same pairs (in the same order) give the same communities.
 */
export function findCommunities(pairs: readonly CoPlay[], plays: ReadonlyMap<string, number>, o: CommunityOptions = DEFAULT_COMMUNITIES): CommunitiesDataset {
  const graph = new UndirectedGraph({ allowSelfLoops: false });
  for (const { a, b, weight } of pairs) {
    if (a === b || !(weight > 0)) continue;
    graph.mergeNode(a);
    graph.mergeNode(b);
    graph.mergeEdge(a, b, { weight });
  }
  if (graph.size === 0) return {};
  // In graph order rather than a random walk, so a run is reproducible.
  const membership = louvain(graph, { resolution: o.resolution, getEdgeWeight: 'weight', randomWalk: false });
  const groups = new Map<number, string[]>();
  for (const [titleId, community] of Object.entries(membership)) {
    let list = groups.get(community);
    if (!list) groups.set(community, (list = []));
    list.push(titleId);
  }
  const byPlays = (a: string, b: string): number => (plays.get(b) ?? 0) - (plays.get(a) ?? 0) || (a < b ? -1 : a > b ? 1 : 0);
  const kept = [...groups.values()]
    .filter((titles) => titles.length >= o.minTitles)
    .map((titles) => {
      const members = titles.sort(byPlays).slice(0, o.maxTitles);
      const total = members.reduce((sum, id) => sum + (plays.get(id) ?? 0), 0);
      return { members, total };
    })
    .filter((c) => c.total > 0)
    .sort((x, y) => y.total - x.total || byPlays(x.members[0]!, y.members[0]!));
  const out: CommunitiesDataset = {};
  kept.forEach(({ members, total }, i) => {
    out[`c${i}`] = members.map((titleId): ScoredTitle => ({ titleId, score: Math.round(((plays.get(titleId) ?? 0) / total) * 1e6) / 1e6 }));
  });
  return out;
}
