// Bench server for the machine's floor (`npm run bench:floor`, and after bench:home's open loop): a
// bare node:http server that answers every request with the same BENCH_FLOOR_BYTES (9 kB, a home
// page's size) after BENCH_FLOOR_WORK_US (95 µs) of work on a small hot buffer, so it costs about
// what a reused home page costs (~0.15 ms of CPU with the kernel's share) and holds nothing else.
// What the open loop then measures is the machine, the runtime and the generator, not Marquee.
//
// Two knobs separate what a real server adds to that floor: BENCH_FLOOR_HOLD_MB keeps that much of V8's
// heap alive in small objects (as members' state and datasets are held), never read by requests —
// or, with BENCH_FLOOR_HOLD_IN=buffers, that much in 64 kB buffers outside V8's heap (malloc'd, so on
// huge pages with glibc's tunable), as a store holding that state off the heap would;
// BENCH_FLOOR_GARBAGE_KB makes each request allocate that much short-lived garbage (as assembling
// and rendering a page does), so the young generation fills and is scavenged at a server's pace.
import http from 'node:http';

const body = Buffer.alloc(Number(process.env.BENCH_FLOOR_BYTES ?? 9_000), 0x20);
const workMs = Number(process.env.BENCH_FLOOR_WORK_US ?? 95) / 1000;
const holdBytes = Number(process.env.BENCH_FLOOR_HOLD_MB ?? 0) * 2 ** 20;
const garbageBytes = Number(process.env.BENCH_FLOOR_GARBAGE_KB ?? 0) * 1024;
const hot = new Uint8Array(65_536);
let sink = 0;

/** Small objects with a string and an array each, ~200 bytes apiece, until the heap has grown by `bytes`. */
function hold(bytes: number): unknown[] {
  const held: unknown[] = [];
  const from = process.memoryUsage().heapUsed;
  for (let i = 0; process.memoryUsage().heapUsed - from < bytes; i++) {
    for (let k = 0; k < 10_000; k++) held.push({ id: `member-${String(i)}-${String(k)}`, at: i * k, titles: [i, k, i + k] });
  }
  return held;
}
/** `bytes` in 64 kB buffers outside V8's heap, every page written once. */
function holdInBuffers(bytes: number): unknown[] {
  const held: Buffer[] = [];
  for (let made = 0; made < bytes; made += 65_536) held.push(Buffer.allocUnsafeSlow(65_536).fill(made & 0xff));
  return held;
}
const held = process.env.BENCH_FLOOR_HOLD_IN === 'buffers' ? holdInBuffers(holdBytes) : hold(holdBytes);

/** The last request's garbage, kept until the next one so the compiler cannot optimise it away. */
let lastGarbage: unknown[] = [];
/** ~`bytes` of objects that die soon after: what a request's assembly leaves to the scavenger. */
function makeGarbage(bytes: number): number {
  const items: { title: number; score: number }[] = [];
  // ~48 bytes an object plus its slot in the array.
  for (let made = 0; made < bytes; made += 56) items.push({ title: made, score: made / 7 });
  lastGarbage = items;
  return lastGarbage.length;
}
let served = 0;
const cpuAtStart = process.cpuUsage();

const server = http.createServer((_request, response) => {
  served += 1;
  const from = performance.now();
  if (garbageBytes > 0) sink += makeGarbage(garbageBytes);
  while (performance.now() - from < workMs) sink += hot[Math.floor(Math.random() * hot.length)]!;
  response.writeHead(200, { 'content-type': 'application/json', 'content-length': body.length });
  response.end(body);
});
server.keepAliveTimeout = 60_000;
server.listen(0, '127.0.0.1', () => {
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  console.log(JSON.stringify({ benchReady: `http://127.0.0.1:${String(port)}` }));
});
// The CPU a request cost here (warm-up included), to set beside the home server's.
process.on('SIGTERM', () => {
  const cpu = process.cpuUsage(cpuAtStart);
  const memory = process.memoryUsage();
  const mb = (value: number): string => String(Math.round(value / 2 ** 20));
  process.stderr.write(`floor server: ${String(served)} requests, ${served ? String(Math.round((cpu.user + cpu.system) / served)) : '0'} µs CPU per request (user+system); heap ${mb(memory.heapUsed)} MB, outside it ${mb(memory.arrayBuffers)} MB, ${String(held.length)} objects held (${String(sink % 2)})\n`);
  server.close();
  process.exit(0);
});
