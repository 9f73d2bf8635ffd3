import { startBenchServer } from './lib.js';
import { openLoopInFreshProcess, openLoopSettings, unansweredNote } from './open-loop.js';

export interface Floor {
  /** One line for the console and docs/BENCHMARKS.md. */
  line: string;
}

/**
 * Offers `rate` requests per second for `seconds` to the floor server (bench/floor-server.ts) in its
 * own process, on BENCH_SERVER_CPUS like the bench servers, with bench:home's warm-up and connections.
 */
export async function measureFloor(options: { rate: number; seconds: number }): Promise<Floor> {
  const server = await startBenchServer('bench/floor-server.ts');
  try {
    // The generator in a process of its own, as bench:home's open loop runs it.
    const open = await openLoopInFreshProcess({
      url: server.url,
      rate: options.rate,
      durationSeconds: options.seconds,
      ...openLoopSettings(),
      plan: { kind: 'fixed', path: '/', headers: { authorization: 'Bearer floor' } },
    });
    const slow = open.seconds.filter((s) => s.slow > 0).length;
    return {
      line: `the machine's floor (a bare server, ${String(options.rate)}/s offered for ${String(options.seconds)} s): ${String(open.ok)} of ${String(open.sent)} answered 2xx${unansweredNote(open)}; p50 ${open.p50Ms.toFixed(1)} ms, p90 ${open.p90Ms.toFixed(1)}, p99 ${open.p99Ms.toFixed(1)}, p99.9 ${open.p999Ms.toFixed(1)}, max ${open.maxMs.toFixed(1)}; ${String(slow)} of ${String(open.seconds.length)} seconds had a request over 15 ms; the generator's longest stall ${open.generatorLagMaxMs.toFixed(1)} ms`,
    };
  } finally {
    await server.stop();
  }
}
