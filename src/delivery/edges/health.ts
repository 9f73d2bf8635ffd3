import type { StoredEdge } from './registry.js';
import type { Edge, EdgeStatus } from './types.js';

/** The down-after-N / up-after-M rule and how often and how patiently to check. */
export interface HealthOptions {
  /** Time between the end of one check round and the start of the next (MARQUEE_EDGE_CHECK_INTERVAL_MS). */
  intervalMs: number;
  /** A `/healthz` answer slower than this counts as a failure. */
  timeoutMs: number;
  /** Consecutive failures that take a healthy edge down (MARQUEE_EDGE_DOWN_AFTER). */
  downAfter: number;
  /** Consecutive successes that bring a down edge back (MARQUEE_EDGE_UP_AFTER). */
  upAfter: number;
  now: () => Date;
  /** One health check; true when the edge answered in time with a 2xx. Injectable for tests. */
  probe: (edge: Edge, timeoutMs: number) => Promise<boolean>;
}

/** An edge and what this node knows about it now: what steering ranks. */
export interface EdgeView {
  readonly edge: Edge;
  readonly status: EdgeStatus;
}

/** Where the checker reads the fleet from (the registry); re-read every round so other nodes' changes land. */
export interface EdgeSource {
  list(): Promise<StoredEdge[]>;
}

/** `GET <baseUrl>/healthz`; any answer but a 2xx within the timeout is a failure. */
export async function httpProbe(edge: Edge, timeoutMs: number): Promise<boolean> {
  try {
    const res = await fetch(`${edge.baseUrl}/healthz`, { signal: AbortSignal.timeout(timeoutMs), redirect: 'manual' });
    // Drain the body so the keep-alive connection goes back to the pool.
    await res.arrayBuffer();
    return res.status >= 200 && res.status < 300;
  } catch {
    return false;
  }
}

/** A never-checked edge: not steered to until its first check succeeds. */
export function initialStatus(edge: StoredEdge): EdgeStatus {
  return { edgeId: edge.id, healthy: false, failures: 0, successes: 0, lastCheckedAt: null, load: edge.load, titles: new Set(edge.titles) };
}

/**
 * Applies one check result. The first check of an edge decides its state outright (there is no history to
 * smooth); afterwards a healthy edge goes down after `downAfter` consecutive failures and a down edge
 * comes back after `upAfter` consecutive successes, so one lost probe never flaps steering.
 */
export function applyCheck(status: EdgeStatus, ok: boolean, at: Date, rules: Pick<HealthOptions, 'downAfter' | 'upAfter'>): EdgeStatus {
  const first = status.lastCheckedAt === null;
  const lastCheckedAt = at.toISOString();
  if (ok) {
    const successes = status.successes + 1;
    return { ...status, failures: 0, successes, lastCheckedAt, healthy: first || status.healthy || successes >= rules.upAfter };
  }
  const failures = status.failures + 1;
  return { ...status, successes: 0, failures, lastCheckedAt, healthy: !first && status.healthy && failures < rules.downAfter };
}

/**
 * Active health checks of every registered edge, held in this api node's memory (each node checks on its
 * own, as steering fleets do: a partition between one node and an edge should steer that node away).
 * Rounds never overlap; `snapshot()` is what the play hot path reads, so it never touches the database.
 */
export class EdgeHealth {
  private views = new Map<string, EdgeView>();
  private ordered: readonly EdgeView[] = [];
  private chain: Promise<void> = Promise.resolve();
  private timer: NodeJS.Timeout | undefined;
  private running = false;

  constructor(
    private readonly source: EdgeSource,
    private readonly options: HealthOptions,
    /** Called with every changed status, and with undefined when an edge leaves (metrics, logs). */
    private readonly onStatus: (edge: Edge, status: EdgeStatus | undefined, previous: EdgeStatus | undefined) => void = () => {},
  ) {}

  /** Every known edge with its status, by id. Immutable: replaced on every change. */
  snapshot(): readonly EdgeView[] {
    return this.ordered;
  }

  status(id: string): EdgeStatus | undefined {
    return this.views.get(id)?.status;
  }

  /** Re-reads the registry: new edges start unchecked, removed ones are forgotten, load reports are taken over. */
  reload(): Promise<void> {
    return this.serialise(() => this.sync());
  }

  /** Re-reads the registry and checks every edge once (what each timed round does; tests call it directly). */
  checkNow(): Promise<void> {
    return this.serialise(async () => {
      await this.sync();
      await this.probeAll();
    });
  }

  /** Takes over a load report this node just stored, without waiting for the next round. */
  applyLoad(stored: StoredEdge): void {
    const view = this.views.get(stored.id);
    if (!view) return;
    this.set(view.edge, { ...view.status, load: stored.load, titles: new Set(stored.titles) });
    this.reorder();
  }

  /** Runs a first round now, then one every interval until `stop()`. */
  async start(): Promise<void> {
    if (this.running) return;
    this.running = true;
    await this.round();
  }

  /** Stops the rounds and waits for one in flight. */
  async stop(): Promise<void> {
    this.running = false;
    clearTimeout(this.timer);
    this.timer = undefined;
    await this.chain;
  }

  private async round(): Promise<void> {
    try {
      await this.checkNow();
    } catch {
      // The registry was unreachable: keep the statuses we have and try again next round.
    }
    if (!this.running) return;
    this.timer = setTimeout(() => void this.round(), this.options.intervalMs);
    this.timer.unref();
  }

  private serialise(task: () => Promise<void>): Promise<void> {
    const next = this.chain.then(task);
    this.chain = next.catch(() => {});
    return next;
  }

  private async sync(): Promise<void> {
    const stored = await this.source.list();
    const seen = new Set<string>();
    for (const edge of stored) {
      seen.add(edge.id);
      const { load, titles, loadReportedAt: _at, ...plain } = edge;
      const known = this.views.get(edge.id);
      // A new base URL is a different appliance: its health history does not carry over.
      const status = known && known.edge.baseUrl === edge.baseUrl ? { ...known.status, load, titles: new Set(titles) } : initialStatus(edge);
      this.set(plain, status);
    }
    for (const [id, view] of this.views) {
      if (seen.has(id)) continue;
      this.views.delete(id);
      this.onStatus(view.edge, undefined, view.status);
    }
    this.reorder();
  }

  private async probeAll(): Promise<void> {
    const views = [...this.views.values()];
    const results = await Promise.all(views.map((v) => this.options.probe(v.edge, this.options.timeoutMs)));
    const at = this.options.now();
    views.forEach((view, i) => {
      const current = this.views.get(view.edge.id);
      // Removed or re-pointed while the probe ran: the result is about something else now.
      if (!current || current.edge.baseUrl !== view.edge.baseUrl) return;
      this.set(current.edge, applyCheck(current.status, results[i] ?? false, at, this.options));
    });
    this.reorder();
  }

  private set(edge: Edge, status: EdgeStatus): void {
    const previous = this.views.get(edge.id)?.status;
    this.views.set(edge.id, { edge, status });
    this.onStatus(edge, status, previous);
  }

  private reorder(): void {
    this.ordered = [...this.views.values()].sort((a, b) => (a.edge.id < b.edge.id ? -1 : 1));
  }
}
