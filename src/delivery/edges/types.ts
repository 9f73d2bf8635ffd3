/**
 * The edge fleet as steering sees it. Shared by the registry (src/delivery/edges/registry.ts), the
 * health checker, steering (src/delivery/edges/steering.ts) and the nginx appliance tooling
 * (edge-config, fill). An edge is a caching nginx in front of the origin (Open Connect's analogue).
 */

/** One registered edge appliance. */
export interface Edge {
  /** 1-32 of [a-z0-9-]: names the edge in config files, metrics and `marquee edge-config --edge ID`. */
  id: string;
  /** Where clients fetch from, e.g. `http://edge-fra-1.example.net:8081`; no trailing slash. */
  baseUrl: string;
  /** ISO 3166-1 alpha-2 country the appliance sits in. */
  country: string;
  /** Steering region the country belongs to (`eu-west`, `us-east`, ...), from the country → region map. */
  region: string;
  /** Serving capacity in Gbit/s: load reports are relative to it. */
  capacityGbps: number;
  /** Disk cache size handed to nginx (`proxy_cache_path ... max_size`), e.g. `10g`. */
  cacheSize: string;
}

/** What the health checker and load reports know about an edge right now. */
export interface EdgeStatus {
  edgeId: string;
  healthy: boolean;
  /** Consecutive failed / successful checks, for the down-after-N / up-after-M rule. */
  failures: number;
  successes: number;
  lastCheckedAt: string | null;
  /** Utilisation 0..1 from the edge's last load report (0 when none). */
  load: number;
  /** Titles whose segments the edge reported holding (proactive fill), for "already holds the title". */
  titles: ReadonlySet<string>;
}
