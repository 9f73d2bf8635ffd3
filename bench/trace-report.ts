// `npx tsx bench/trace-report.ts DIR`: where the open loop's slow requests spent their time, from a
// run with BENCH_TRACE=DIR (the generator's generator.txt and the bench server's server.txt, stamped
// on the same monotonic clock). Each request's latency splits into: late (due → written by the
// generator), to server (written → the server's 'request' event: the kernel, and the server's
// event loop not reading), in server ('request' → response finished) and back (finished → read by
// the generator). A tail in "to server" while "in server" stays small is the server process not
// running its loop — not the request path.
import { readFileSync } from 'node:fs';
import path from 'node:path';

const dir = process.argv[2];
if (!dir) throw new Error('usage: tsx bench/trace-report.ts DIR');
const SLOW_MS = Number(process.env.BENCH_SLOW_MS ?? 15);
const SEGMENTS = ['late', 'toServer', 'inServer', 'back'] as const;
type Segment = (typeof SEGMENTS)[number];
type Row = Record<Segment | 'total', number>;

const numbers = (line: string): number[] => line.split(' ').map(Number);
const server = new Map<number, [number, number]>();
for (const line of readFileSync(path.join(dir, 'server.txt'), 'utf8').split('\n').filter(Boolean)) {
  const [seq = 0, arrived = 0, finished = 0] = numbers(line);
  server.set(seq, [arrived, finished]);
}
const rows: Row[] = [];
for (const line of readFileSync(path.join(dir, 'generator.txt'), 'utf8').split('\n').filter(Boolean)) {
  const [seq = 0, due = 0, sent = 0, answered = 0] = numbers(line);
  const at = server.get(seq);
  if (!at) continue;
  rows.push({ late: sent - due, toServer: at[0] - sent, inServer: at[1] - at[0], back: answered - at[1], total: answered - due });
}
const quantile = (sorted: Float64Array, q: number): number => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0;
console.log(`${String(rows.length)} requests joined`);
for (const key of [...SEGMENTS, 'total'] as const) {
  const values = Float64Array.from(rows, (r) => r[key]).sort();
  console.log(`${key.padEnd(9)} p50 ${quantile(values, 0.5).toFixed(2)}  p90 ${quantile(values, 0.9).toFixed(2)}  p99 ${quantile(values, 0.99).toFixed(2)}  max ${quantile(values, 1).toFixed(2)} ms`);
}
const slow = rows.filter((r) => r.total > SLOW_MS);
const largest: Record<Segment, number> = { late: 0, toServer: 0, inServer: 0, back: 0 };
for (const r of slow) largest[SEGMENTS.reduce((a, b) => (r[a] >= r[b] ? a : b))] += 1;
const mean = (key: Segment): string => (slow.reduce((sum, r) => sum + r[key], 0) / Math.max(1, slow.length)).toFixed(1);
console.log(`over ${String(SLOW_MS)} ms: ${String(slow.length)}; mean ms ${SEGMENTS.map((k) => `${k} ${mean(k)}`).join(', ')}; the largest part ${SEGMENTS.map((k) => `${k} ${String(largest[k])}`).join(', ')}`);
