/** What steering knows about a client when it ranks delivery hosts. */
export interface EdgeClient {
  /** The account's country (ISO 3166-1 alpha-2). */
  country: string;
  titleId: string;
}

/**
 * Ranks delivery base URLs for a client, best first: the first is the player's primary, the rest its
 * backups for failover. Steering (src/delivery, edges with health checks) implements this; an empty
 * answer (every edge down) falls back to the origin.
 */
export type EdgeRanker = (client: EdgeClient) => Promise<string[]>;

/** The ranker until edges exist: the api/origin's own base URL as the only (primary) host, no backups. */
export function selfRanker(baseUrl: string): EdgeRanker {
  const ranked = [baseUrl.replace(/\/+$/, '')];
  return () => Promise.resolve(ranked);
}
