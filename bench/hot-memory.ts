// `npx tsx bench/hot-memory.ts [MB] [READS_PER_SECOND]`: a neighbour process for the home bench.
// It holds MB (1,500) of memory, writes every page once, then reads READS_PER_SECOND (30,000)
// random bytes of it a second until stopped, so the memory stays hot without using much CPU
// (~1 µs a read). On 4 kB pages by default; with `GLIBC_TUNABLES=glibc.malloc.hugetlb=1` glibc
// asks for transparent huge pages for the mapping. docs/BENCHMARKS.md (the session of 2026-12-02
// 18:26–): beside `npm run bench:home`, 1.5 GB kept hot on 4 kB pages moved the 20 k open loop's
// p99 from 7.5 to 23.4–27.2 ms on the PVM VM; on huge pages it did not.
import { readFileSync } from 'node:fs';

const megabytes = Number(process.argv[2] ?? 1_500);
const readsPerSecond = Number(process.argv[3] ?? 30_000);
if (!(megabytes > 0) || !(readsPerSecond >= 0)) throw new Error('usage: tsx bench/hot-memory.ts [MB] [READS_PER_SECOND]');

const PAGE = 4096;
const memory = Buffer.alloc(megabytes * 1024 * 1024);
for (let at = 0; at < memory.length; at += PAGE) memory[at] = 1;

/** This process's resident memory and how much of it is on huge pages, from /proc (Linux). */
function residency(): string {
  const status = readFileSync('/proc/self/smaps_rollup', 'utf8');
  const kb = (field: string): number => Number(new RegExp(`^${field}:\\s+(\\d+)`, 'm').exec(status)?.[1] ?? 0);
  return `resident ${Math.round(kb('Rss') / 1024)} MB, on huge pages ${Math.round(kb('AnonHugePages') / 1024)} MB`;
}
console.log(`hot-memory: holding ${megabytes} MB (${residency()}), ${readsPerSecond} random reads a second; Ctrl-C stops`);

const TICK_MS = 10;
const perTick = Math.round((readsPerSecond * TICK_MS) / 1000);
let sink = 0;
setInterval(() => {
  for (let i = 0; i < perTick; i += 1) sink ^= memory[Math.floor(Math.random() * memory.length)]!;
}, TICK_MS);
// Keeps the reads from being optimised away, and says the process is still working.
setInterval(() => console.log(`hot-memory: ${residency()} (${sink})`), 60_000).unref();
