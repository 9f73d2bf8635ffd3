// Failover across the ranked delivery hosts of a play response. Every media path works on every host
// (the token is in the path), so a request for `<primary><path>` is given one URI per host. Shaka's
// NetworkingEngine tries `uris` in order on failure (with its retry back-off), and a response that
// came from another host makes that host the preferred one for every later request, so a dead primary
// costs one failed attempt, not one per segment.

/** The part of shaka.Player failover needs (narrow, so pure tests need no Shaka types). */
export interface FilterablePlayer {
  getNetworkingEngine(): {
    registerRequestFilter(filter: (type: unknown, request: { uris: string[] }) => void): void;
    registerResponseFilter(filter: (type: unknown, response: { uri: string }) => void): void;
  } | null;
}

/** The URI for each host, `preferred` first; URIs on none of the hosts are returned unchanged. */
export function failoverUris(uri: string, baseUrls: readonly string[], preferred: number): string[] {
  const from = baseUrls.find((b) => uri.startsWith(`${b}/`));
  if (from === undefined) return [uri];
  const rest = uri.slice(from.length);
  const ordered = [baseUrls[preferred] ?? from, ...baseUrls.filter((_, i) => i !== preferred)];
  return ordered.map((b) => b + rest);
}

/** Index of the host a URI is on, or -1. */
export function hostIndex(uri: string, baseUrls: readonly string[]): number {
  return baseUrls.findIndex((b) => uri.startsWith(`${b}/`));
}

/**
 * Installs the filters on a player; `onSwitch` hears the host now in use (for QoE and tests).
 * Returns the current preferred host's base URL getter.
 */
export function installFailover(player: FilterablePlayer, baseUrls: readonly string[], onSwitch?: (baseUrl: string) => void): () => string {
  const hosts = baseUrls.map((b) => b.replace(/\/+$/, ''));
  let preferred = 0;
  const engine = player.getNetworkingEngine();
  if (!engine || hosts.length < 2) return () => hosts[0] ?? '';
  engine.registerRequestFilter((_type, request) => {
    const first = request.uris[0];
    if (request.uris.length === 1 && first !== undefined) request.uris = failoverUris(first, hosts, preferred);
  });
  engine.registerResponseFilter((_type, response) => {
    const index = hostIndex(response.uri, hosts);
    if (index >= 0 && index !== preferred) {
      preferred = index;
      onSwitch?.(hosts[index] ?? '');
    }
  });
  return () => hosts[preferred] ?? '';
}
