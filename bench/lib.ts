import { spawn, type ChildProcess } from 'node:child_process';
import os from 'node:os';
import autocannon from 'autocannon';

/** A server under test running in its own process, so load generation never shares its event loop. */
export interface BenchServer {
  url: string;
  info: Record<string, unknown>;
  stop(): Promise<void>;
  /** Sends the server process a signal (a bench server may use SIGUSR2 to start measuring afresh). */
  signal(name: NodeJS.Signals): void;
}

/**
 * The V8 flags the platform runs with (package.json `start` and `marquee`): a 16 MB semi-space (two,
 * 32 MB of young generation) and no allocation-site pretenuring, so that what the process keeps on
 * the VM's 4 kB pages is small (a 256 MB young generation was most of it, and p99s followed it:
 * docs/BENCHMARKS.md) while per-request objects still die young instead of being allocated straight
 * into the old generation; and no memory reducer, which reads a drop in load as idleness and
 * compacts the whole heap (README).
 */
export const RUNTIME_NODE_FLAGS = ['--max-semi-space-size=16', '--no-allocation-site-pretenuring', '--no-memory-reducer'];

/**
 * The environment the platform runs with (package.json `start` and `marquee`): glibc's malloc asks
 * for transparent huge pages (madvise) for the memory it maps, where buffers — page bytes, PGlite's
 * files — live. On this VM, a process holding GBs of 4 kB pages stalls for tens of ms at a time;
 * on huge pages it does not (README, docs/BENCHMARKS.md). Ignored where glibc is not the C library.
 */
export function runtimeEnv(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const tunables = env.GLIBC_TUNABLES ? `${env.GLIBC_TUNABLES}:` : '';
  return { ...env, GLIBC_TUNABLES: `${tunables}glibc.malloc.hugetlb=1` };
}

/**
 * Starts `entry` with tsx, the runtime's flags (plus BENCH_NODE_FLAGS, space-separated, e.g.
 * `--trace-gc`) and its environment, on BENCH_SERVER_CPUS when set; the entry prints one JSON line `{"benchReady": url, ...}` when it listens. Its other
 * output lines go to stderr.
 */
export function startBenchServer(entry: string, env: Record<string, string> = {}): Promise<BenchServer> {
  const extraFlags = (process.env.BENCH_NODE_FLAGS ?? '').split(' ').filter(Boolean);
  const args = [...RUNTIME_NODE_FLAGS, ...extraFlags, '--import', 'tsx', entry];
  // BENCH_SERVER_CPUS: the CPUs the server may run on (taskset list, e.g. `0`), so a load generator
  // started with `taskset -c 1` does not take the server's core.
  const cpus = process.env.BENCH_SERVER_CPUS;
  const child: ChildProcess = spawn(cpus ? 'taskset' : process.execPath, cpus ? ['-c', cpus, process.execPath, ...args] : args, {
    env: runtimeEnv({ ...process.env, ...env }),
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  return new Promise((resolve, reject) => {
    let buffer = '';
    const timer = setTimeout(() => reject(new Error('bench server did not start within 180 s')), 180_000);
    child.once('exit', (code) => reject(new Error(`bench server exited with ${code}`)));
    child.stdout?.on('data', (chunk: Buffer) => {
      buffer += chunk.toString();
      for (const line of buffer.split('\n').slice(0, -1)) {
        try {
          const message = (line.startsWith('{') ? JSON.parse(line) : {}) as { benchReady?: string };
          if (!message.benchReady) process.stderr.write(`${line}\n`);
          if (message.benchReady) {
            clearTimeout(timer);
            resolve({
              url: message.benchReady,
              info: message,
              signal: (name) => {
                child.kill(name);
              },
              stop: () =>
                new Promise((done) => {
                  child.once('exit', () => done());
                  child.kill('SIGTERM');
                }),
            });
          }
        } catch {
          // not our line
        }
      }
      buffer = buffer.slice(buffer.lastIndexOf('\n') + 1);
    });
  });
}

export interface LoadResult {
  name: string;
  requestsPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  /** Response bytes per second (headers and bodies), for throughput benchmarks. */
  bytesPerSecond?: number;
  errors: number;
  non2xx: number;
  durationSeconds: number;
  connections: number;
}

/** Shapes every request: a fresh path (random id, prefix), a member's token, a body. */
export type RequestSetup = (request: autocannon.Request) => autocannon.Request;

/** A GET whose path `path()` picks for every request. */
export function randomPath(path: () => string): RequestSetup {
  return (r) => ({ ...r, path: path() });
}

/** Runs autocannon against the server after a 3 s warm-up (JIT, caches); `setup` shapes every request. */
export async function load(options: {
  name: string;
  url: string;
  setup: RequestSetup;
  method?: autocannon.Request['method'];
  headers?: Record<string, string>;
  connections?: number;
  durationSeconds?: number;
}): Promise<LoadResult> {
  const connections = options.connections ?? 32;
  const duration = options.durationSeconds ?? 15;
  const requests = [{ ...(options.method ? { method: options.method } : {}), setupRequest: options.setup }];
  const run = (seconds: number) => autocannon({ url: options.url, connections, duration: seconds, headers: options.headers, requests });
  await run(Math.min(3, duration));
  const result = await run(duration);
  return {
    name: options.name,
    requestsPerSecond: Math.round(result.requests.average),
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    bytesPerSecond: Math.round(result.throughput.average),
    errors: result.errors + result.timeouts,
    non2xx: result.non2xx,
    durationSeconds: duration,
    connections,
  };
}

/** Prints results with the machine they ran on, ready to paste into docs/BENCHMARKS.md. */
export function report(results: LoadResult[], targets: Record<string, { rps: number; p99Ms: number }>): boolean {
  const cpus = os.cpus();
  console.log(`\nmachine: ${cpus.length} × ${cpus[0]?.model ?? 'unknown cpu'}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, node ${process.version}`);
  console.log('| benchmark | req/s | p50 ms | p99 ms | errors | non-2xx | target | met |');
  console.log('| --- | ---: | ---: | ---: | ---: | ---: | --- | --- |');
  let allMet = true;
  for (const r of results) {
    const target = targets[r.name];
    const met = target ? r.requestsPerSecond >= target.rps && r.p99Ms < target.p99Ms && r.errors === 0 && r.non2xx === 0 : true;
    allMet &&= met;
    const targetText = target ? `≥ ${target.rps} req/s, p99 < ${target.p99Ms} ms` : '';
    console.log(`| ${r.name} | ${r.requestsPerSecond} | ${r.p50Ms} | ${r.p99Ms} | ${r.errors} | ${r.non2xx} | ${targetText} | ${target ? (met ? 'yes' : 'NO') : '—'} |`);
  }
  return allMet;
}
