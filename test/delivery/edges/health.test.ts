import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { EdgeHealth, httpProbe, type HealthOptions } from '../../../src/delivery/edges/health.js';
import type { StoredEdge } from '../../../src/delivery/edges/registry.js';
import { startFakeEdge, storedEdge, waitFor, type FakeEdge } from './helpers.js';

const INTERVAL_MS = 100;
// Generous: a probe on a CPU-starved CI machine can take a few hundred ms; refused connections still fail fast.
const TIMEOUT_MS = 1_000;
const OPTIONS: HealthOptions = { intervalMs: INTERVAL_MS, timeoutMs: TIMEOUT_MS, downAfter: 2, upAfter: 2, now: () => new Date(), probe: httpProbe };

let a: FakeEdge;
let b: FakeEdge;
let slow: FakeEdge;
let health: EdgeHealth | undefined;

beforeAll(async () => {
  [a, b, slow] = await Promise.all([startFakeEdge(), startFakeEdge(), startFakeEdge(1_000)]);
});

afterEach(async () => {
  await health?.stop();
  health = undefined;
});

afterAll(async () => {
  await Promise.all([a.stop(), b.stop(), slow.stop()]);
});

function checker(edges: StoredEdge[], options: Partial<HealthOptions> = {}): EdgeHealth {
  health = new EdgeHealth({ list: () => Promise.resolve(edges) }, { ...OPTIONS, ...options });
  return health;
}

describe('EdgeHealth against real HTTP servers', () => {
  it('marks a stopped edge down after N failed rounds, within N intervals, and up again after M successes', async () => {
    const h = checker([storedEdge('a', 'DE', a.baseUrl), storedEdge('b', 'DE', b.baseUrl)]);
    await h.start();
    expect(h.status('a')).toMatchObject({ healthy: true, failures: 0 });
    expect(h.status('b')?.healthy).toBe(true);

    await a.stop();
    const downMs = await waitFor(() => h.status('a')?.healthy === false, 5_000);
    // A third round may have finished by the time this runs on a busy machine.
    expect(h.status('a')).toMatchObject({ healthy: false, successes: 0 });
    expect(h.status('a')?.failures).toBeGreaterThanOrEqual(2);
    // Two failed checks: at most two pauses plus two (connection-refused, so quick) probes, with slack for a busy machine.
    expect(downMs).toBeLessThan(2 * (INTERVAL_MS + TIMEOUT_MS) + 250);
    expect(h.status('b')?.healthy).toBe(true);

    await a.restart();
    // Hysteresis (upAfter 2): watched between rounds, the edge is never back up on a single success.
    let upTooEarly = false;
    await waitFor(() => {
      const status = h.status('a');
      if (status?.healthy && status.successes < 2) upTooEarly = true;
      return status?.healthy === true;
    }, 5_000);
    expect(upTooEarly).toBe(false);
    await waitFor(() => h.status('a')?.healthy === true, 5_000);
    expect(h.status('a')).toMatchObject({ healthy: true, failures: 0 });
    expect(h.status('a')?.successes).toBeGreaterThanOrEqual(2);
  });

  it('counts an answer slower than the timeout as a failure', async () => {
    const h = checker([storedEdge('slow', 'DE', slow.baseUrl)], { timeoutMs: 80 });
    await h.checkNow();
    expect(h.status('slow')).toMatchObject({ healthy: false, failures: 1 });
  });

  it('counts a non-2xx /healthz as a failure', async () => {
    const h = checker([storedEdge('a', 'DE', `${a.baseUrl}/nowhere`)]);
    await h.checkNow();
    expect(h.status('a')).toMatchObject({ healthy: false, failures: 1 });
  });

  it('follows the registry on reload: new edges unchecked, removed ones forgotten, a new base URL starts over', async () => {
    const edges = [storedEdge('a', 'DE', a.baseUrl)];
    const h = checker(edges);
    await h.checkNow();
    expect(h.status('a')?.healthy).toBe(true);

    edges.push({ ...storedEdge('b', 'US', b.baseUrl), load: 0.4, titles: ['t1'] });
    await h.reload();
    expect(h.status('b')).toMatchObject({ healthy: false, lastCheckedAt: null, load: 0.4 });
    expect(h.status('b')?.titles.has('t1')).toBe(true);
    expect(h.status('a')?.healthy).toBe(true);

    edges[0] = storedEdge('a', 'DE', `${a.baseUrl}/`);
    edges.splice(1, 1);
    await h.reload();
    expect(h.status('a')).toMatchObject({ healthy: false, lastCheckedAt: null });
    expect(h.status('b')).toBeUndefined();
    expect(h.snapshot().map((v) => v.edge.id)).toEqual(['a']);
  });

  it('keeps the last statuses when the registry cannot be read, and stops cleanly', async () => {
    let fail = false;
    health = new EdgeHealth({ list: () => (fail ? Promise.reject(new Error('db down')) : Promise.resolve([storedEdge('a', 'DE', a.baseUrl)])) }, OPTIONS);
    await health.start();
    fail = true;
    await new Promise((resolve) => setTimeout(resolve, INTERVAL_MS * 3));
    expect(health.status('a')?.healthy).toBe(true);
  });
});
