import type { EdgeClient, EdgeRanker } from '../../playback/edge-ranker.js';
import type { EdgeView } from './health.js';
import { regionOf } from './regions.js';
import type { Edge } from './types.js';

/**
 * Steering weights. Proximity dominates (a same-country edge beats a same-region one at any load below
 * the overload line), then load, then whether the edge already holds the title (a cache hit saves the
 * origin and starts faster). An edge at or above `overloadedAt` goes after every other healthy edge.
 */
export const STEERING = {
  sameCountry: 100,
  sameRegion: 50,
  holdsTitle: 30,
  /** Subtracted per unit of load: an idle edge scores 40 more than a saturated one. */
  loadPenalty: 40,
  overloadedAt: 0.95,
  /** Primary and two backups. */
  hosts: 3,
} as const;

/** A healthy edge's score for a client; higher is better. */
export function scoreEdge(view: EdgeView, client: EdgeClient, clientRegion: string | undefined = regionOf(client.country)): number {
  const { edge, status } = view;
  const proximity = edge.country === client.country.toUpperCase()
    ? STEERING.sameCountry
    : clientRegion !== undefined && edge.region === clientRegion ? STEERING.sameRegion : 0;
  const held = status.titles.has(client.titleId) ? STEERING.holdsTitle : 0;
  return proximity + held - STEERING.loadPenalty * status.load;
}

/**
 * FNV-1a of title and edge: breaks score ties between equal edges by rendezvous hashing, so one title
 * keeps landing on the same edge (its cache stays warm) while different titles spread over the edges.
 */
export function tieBreak(titleId: string, edgeId: string): number {
  let hash = 0x811c9dc5;
  const text = `${titleId}\u0000${edgeId}`;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash;
}

/**
 * Ranks the edges for a client, best first, at most `limit`. Down edges are omitted, never merely ranked
 * last: a known-dead backup only costs the player a timeout before its next failover. No healthy edge →
 * `[]`, and play falls back to the api's own URL (the origin).
 */
export function rankEdges(views: readonly EdgeView[], client: EdgeClient, limit: number = STEERING.hosts): Edge[] {
  const clientRegion = regionOf(client.country);
  return views
    .filter((v) => v.status.healthy)
    .map((v) => ({
      edge: v.edge,
      overloaded: v.status.load >= STEERING.overloadedAt,
      score: scoreEdge(v, client, clientRegion),
      tie: tieBreak(client.titleId, v.edge.id),
    }))
    .sort((a, b) => Number(a.overloaded) - Number(b.overloaded) || b.score - a.score || b.tie - a.tie || (a.edge.id < b.edge.id ? -1 : 1))
    .slice(0, limit)
    .map((r) => r.edge);
}

/** The play request's EdgeRanker over a live view of the fleet (the health checker's snapshot). */
export function steeringRanker(views: () => readonly EdgeView[]): EdgeRanker {
  return (client) => Promise.resolve(rankEdges(views(), client).map((edge) => edge.baseUrl));
}
