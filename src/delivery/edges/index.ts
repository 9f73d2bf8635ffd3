/** The edges module: registry, active health checks, load reports and steering (see ./fleet.ts). */
import { EdgeFleet, type EdgeFleetDeps } from './fleet.js';

export { EdgeFleet, DEFAULT_HEALTH_OPTIONS, type EdgeFleetDeps, type EdgeWithStatus } from './fleet.js';
export { EdgeHealth, applyCheck, httpProbe, type EdgeView, type HealthOptions } from './health.js';
export { edgeMigrations } from './migrations.js';
export { regionOf, REGIONS } from './regions.js';
export { EdgeRegistry, EDGE_ID_PATTERN, type EdgeInput, type StoredEdge } from './registry.js';
export { rankEdges, scoreEdge, steeringRanker, STEERING } from './steering.js';
export type { Edge, EdgeStatus } from './types.js';

/** Wires the edges module: `{ registry, health, ranker, start(), stop() }` plus the admin operations. */
export function createEdgeFleet(deps: EdgeFleetDeps): EdgeFleet {
  return new EdgeFleet(deps);
}
