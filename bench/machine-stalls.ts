// `npm run bench:machine`: what the machine alone does to a p99, with no server and no
// network. Tasks fall due at STALL_RATE per second (3,000, the home target's rate); each spins
// STALL_WORK_MS (0.2 ms, about a home page's CPU) reading random bytes of STALL_GB (3) of buffers,
// and its latency is its end minus when it was due (an open loop in one process). STALL_TOUCH_GB
// (default: all of them) reads only the first part; 0 reads a 64 kB buffer instead, so the process
// holds the GBs without touching them — whether memory held, not read, is what stalls it. Run it pinned
// (`taskset -c 0 npm run bench:machine`), with and without `GLIBC_TUNABLES=glibc.malloc.hugetlb=1`, to see whether the
// machine stalls a process reading GBs of 4 kB pages, and whether huge pages spare it
// (docs/BENCHMARKS.md, home page, the session of 2026-12-01 18:52).
import { setTimeout as sleep } from 'node:timers/promises';

const rate = Number(process.env.STALL_RATE ?? 3_000);
const workMs = Number(process.env.STALL_WORK_MS ?? 0.2);
const gigabytes = Number(process.env.STALL_GB ?? 3);
const seconds = Number(process.env.STALL_SECONDS ?? 40);
const touchGigabytes = Math.min(gigabytes, Number(process.env.STALL_TOUCH_GB ?? gigabytes));
const CHUNK = 256 * 2 ** 20;

// Touched once so they are resident; the tunable, when set, has malloc ask for huge pages for them.
const buffers: Buffer[] = [];
for (let i = 0; i < Math.round((gigabytes * 2 ** 30) / CHUNK); i++) {
  const buffer = Buffer.alloc(CHUNK);
  for (let at = 0; at < buffer.length; at += 4096) buffer[at] = 1;
  buffers.push(buffer);
}
// The buffers the tasks read: the first STALL_TOUCH_GB of those held, or one small one.
const touched = touchGigabytes > 0 ? buffers.slice(0, Math.max(1, Math.round((touchGigabytes * 2 ** 30) / CHUNK))) : [Buffer.alloc(65_536, 1)];
console.log(`holding ${String(gigabytes)} GB in ${String(buffers.length)} buffers, reading ${touchGigabytes > 0 ? `${String(touchGigabytes)} GB of them` : 'none of them'}; GLIBC_TUNABLES=${process.env.GLIBC_TUNABLES ?? '(unset)'}`);
await sleep(1000);

let sink = 0;
const work = (): void => {
  const from = performance.now();
  while (performance.now() - from < workMs) {
    const buffer = touched[Math.floor(Math.random() * touched.length)]!;
    sink += buffer[Math.floor(Math.random() * buffer.length)]!;
  }
};

const latencies: number[] = [];
/** Latencies by 10 s window of when they were due: whether stalls come steadily or in bursts. */
const windows = new Map<number, number[]>();
const started = performance.now();
let next = 0;
await new Promise<void>((done) => {
  // setImmediate, not a timer: a due task starts as soon as the loop comes round, as a busy server's would.
  const tick = (): void => {
    const now = performance.now();
    for (let due = started + (next * 1000) / rate; due <= now; due = started + (next * 1000) / rate) {
      work();
      const latency = performance.now() - due;
      latencies.push(latency);
      const window = Math.floor((due - started) / 10_000);
      const list = windows.get(window) ?? [];
      if (list.length === 0) windows.set(window, list);
      list.push(latency);
      next += 1;
    }
    if (now - started < seconds * 1000) setImmediate(tick);
    else done();
  };
  tick();
});

function quantile(sorted: number[], q: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0;
}
for (const [window, list] of windows) {
  list.sort((a, b) => a - b);
  console.log(`  ${String(window * 10)}–${String(window * 10 + 10)} s: p99 ${quantile(list, 0.99).toFixed(1)} ms, max ${quantile(list, 1).toFixed(1)}`);
}
latencies.sort((a, b) => a - b);
console.log(
  `${String(latencies.length)} tasks of ${String(workMs)} ms at ${String(rate)}/s holding ${String(gigabytes)} GB, reading ${String(touchGigabytes)}: p50 ${quantile(latencies, 0.5).toFixed(2)} ms, p90 ${quantile(latencies, 0.9).toFixed(2)}, p99 ${quantile(latencies, 0.99).toFixed(2)}, p99.9 ${quantile(latencies, 0.999).toFixed(2)}, max ${quantile(latencies, 1).toFixed(2)} (checksum ${String(sink % 7)})`,
);
