import type { Logger } from 'pino';
import { Gauge, type Registry } from 'prom-client';
import type { EdgeRanker } from '../../playback/edge-ranker.js';
import type { Db } from '../../platform/db/index.js';
import { EdgeHealth, httpProbe, type EdgeView, type HealthOptions } from './health.js';
import { EdgeRegistry, type EdgeInput, type StoredEdge } from './registry.js';
import { steeringRanker } from './steering.js';
import type { EdgeStatus } from './types.js';

export const DEFAULT_HEALTH_OPTIONS: HealthOptions = {
  intervalMs: 5_000,
  timeoutMs: 2_000,
  downAfter: 2,
  upAfter: 2,
  now: () => new Date(),
  probe: httpProbe,
};

export interface EdgeFleetDeps {
  db: Db;
  options?: Partial<HealthOptions>;
  /** Where `marquee_edge_healthy{edge}` is registered (the app's registry); no metrics without it. */
  metrics?: Registry;
  logger?: Pick<Logger, 'info' | 'warn'>;
}

/** An edge with this node's live view of it, as the admin API lists it. */
export interface EdgeWithStatus {
  edge: StoredEdge;
  status: EdgeStatus | undefined;
}

/**
 * The edges module as one object: the registry (shared, in the database), this node's health checker, and
 * the steering ranker play requests use. Writes go through the fleet so this node's view follows at once;
 * other api nodes pick them up on their next check round.
 */
export class EdgeFleet {
  readonly registry: EdgeRegistry;
  readonly health: EdgeHealth;
  readonly ranker: EdgeRanker;
  private readonly now: () => Date;

  constructor(deps: EdgeFleetDeps) {
    const options = { ...DEFAULT_HEALTH_OPTIONS, ...deps.options };
    this.now = options.now;
    this.registry = new EdgeRegistry(deps.db);
    const gauge = deps.metrics && new Gauge({
      name: 'marquee_edge_healthy',
      help: 'Whether this api node steers to the edge (1) or has it down (0), from its own health checks',
      labelNames: ['edge'] as const,
      registers: [deps.metrics],
    });
    const logger = deps.logger;
    this.health = new EdgeHealth(this.registry, options, (edge, status, previous) => {
      if (!status) {
        gauge?.remove({ edge: edge.id });
        return;
      }
      gauge?.set({ edge: edge.id }, status.healthy ? 1 : 0);
      // Log transitions only, not every check.
      if (status.lastCheckedAt !== null && previous?.healthy !== status.healthy) {
        const line = { edge: edge.id, baseUrl: edge.baseUrl, failures: status.failures, successes: status.successes };
        if (status.healthy) logger?.info(line, 'edge up');
        else logger?.warn(line, 'edge down');
      }
    });
    this.ranker = steeringRanker(() => this.health.snapshot());
  }

  /** Starts active health checks (first round before it resolves). */
  start(): Promise<void> {
    return this.health.start();
  }

  stop(): Promise<void> {
    return this.health.stop();
  }

  /** Registers or updates an edge and refreshes this node's view. */
  async put(id: string, input: EdgeInput): Promise<{ edge: EdgeWithStatus; created: boolean }> {
    const { edge, created } = await this.registry.put(id, input);
    await this.health.reload();
    return { edge: { edge, status: this.health.status(id) }, created };
  }

  /** Removes an edge; false when there was none. */
  async remove(id: string): Promise<boolean> {
    const removed = await this.registry.remove(id);
    await this.health.reload();
    return removed;
  }

  /** Every registered edge with this node's health and load view. */
  async list(): Promise<EdgeWithStatus[]> {
    const edges = await this.registry.list();
    return edges.map((edge) => ({ edge, status: this.health.status(edge.id) }));
  }

  /** Stores a load report (shared with every node) and applies it here at once. */
  async reportLoad(id: string, load: number, titles: readonly string[] | undefined): Promise<EdgeWithStatus> {
    const edge = await this.registry.reportLoad(id, load, titles, this.now());
    this.health.applyLoad(edge);
    return { edge, status: this.health.status(id) };
  }

  /** What steering sees now. */
  snapshot(): readonly EdgeView[] {
    return this.health.snapshot();
  }
}
