/**
 * Turns a population into stored events: each profile gets a share of the event budget by its
 * activity, plays sessions until the share is used, and its sessions are spread over the time
 * window with random gaps. Each profile draws from its own seeded stream, so the output for a
 * profile does not depend on the others.
 */
import type { StoredEvent } from '../../src/activity/schema.js';
import type { SimCatalog } from './catalog.js';
import type { SimProfile } from './population.js';
import { dirichlet, Random, type Seed } from './prng.js';
import { newViewerState, simulateSession, type TimedEvent } from './session.js';

export interface GenerateOptions {
  catalog: SimCatalog;
  profiles: readonly SimProfile[];
  /** Total events to produce (exactly). */
  events: number;
  seed: Seed;
  /** End of the simulated window, ms since epoch (default: the start of the current hour). */
  windowEndMs?: number;
  /** Length of the window in days (default 7). */
  windowDays?: number;
  /** Seconds of playback between heartbeats (default 10, as players send them). */
  heartbeatSec?: number;
}

const HOUR_MS = 3_600_000;

/** How many events each profile gets: proportional to activity, largest remainders first. */
export function eventBudgets(profiles: readonly SimProfile[], total: number): number[] {
  const weight = profiles.reduce((s, p) => s + p.activity, 0);
  const exact = profiles.map((p) => (total * p.activity) / weight);
  const budgets = exact.map(Math.floor);
  let left = total - budgets.reduce((s, b) => s + b, 0);
  const order = exact.map((x, i) => [x - Math.floor(x), i] as const).sort((a, b) => b[0] - a[0] || a[1] - b[1]);
  for (const [, i] of order) {
    if (left-- <= 0) break;
    budgets[i] = (budgets[i] as number) + 1;
  }
  return budgets;
}

/** Every event of the population, profile after profile, each profile's in time order. */
export function* generateEvents(options: GenerateOptions): Generator<StoredEvent> {
  const budgets = eventBudgets(options.profiles, options.events);
  for (const profile of options.profiles) yield* profileEvents(options, profile, budgets[profile.index] as number);
}

/** One profile's `budget` events (its last session is cut where the budget ends). */
export function profileEvents(options: GenerateOptions, profile: SimProfile, budget: number): StoredEvent[] {
  if (budget <= 0) return [];
  const random = new Random(`${String(options.seed)}/events/${profile.index}`);
  const heartbeatSec = options.heartbeatSec ?? 10;
  const windowEnd = options.windowEndMs ?? Math.floor(Date.now() / HOUR_MS) * HOUR_MS;
  const windowMs = (options.windowDays ?? 7) * 24 * HOUR_MS;
  const state = newViewerState();
  const sessions: TimedEvent[][] = [];
  let count = 0;
  while (count < budget) {
    const session = simulateSession(random, options.catalog, profile, state, { heartbeatSec, limit: budget - count });
    const kept = session.slice(0, budget - count);
    sessions.push(kept);
    count += kept.length;
  }
  // Place the sessions in the window: random gaps (a Dirichlet split of the idle time) between them.
  const lengths = sessions.map((s) => (s[s.length - 1] as TimedEvent).at + 1000);
  const idle = Math.max(0, windowMs - lengths.reduce((s, l) => s + l, 0));
  const gaps = dirichlet(random, sessions.map(() => 1).concat(1));
  const skew = Math.round(random.float(-1500, 1500));
  const events: StoredEvent[] = [];
  let start = windowEnd - windowMs;
  sessions.forEach((session, i) => {
    start += Math.floor((gaps[i] as number) * idle);
    for (const { at, event } of session) {
      const happened = start + at;
      event.clientTime = Math.max(0, happened + skew);
      event.receivedAt = Math.min(windowEnd - 1, happened + 20 + Math.floor(random.next() * 400));
      events.push(event);
    }
    start += lengths[i] as number;
  });
  return events;
}
