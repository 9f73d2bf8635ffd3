// Bench server for the machine's floor (`npm run bench:floor`, and after bench:home's open loop): a
// bare node:http server that answers every request with the same BENCH_FLOOR_BYTES (9 kB, a home
// page's size) after BENCH_FLOOR_WORK_US (95 µs) of work on a small hot buffer, so it costs about
// what a reused home page costs (~0.15 ms of CPU with the kernel's share) and holds nothing else.
// What the open loop then measures is the machine, the runtime and the generator, not Marquee.
import http from 'node:http';

const body = Buffer.alloc(Number(process.env.BENCH_FLOOR_BYTES ?? 9_000), 0x20);
const workMs = Number(process.env.BENCH_FLOOR_WORK_US ?? 95) / 1000;
const hot = new Uint8Array(65_536);
let sink = 0;
let served = 0;
const cpuAtStart = process.cpuUsage();

const server = http.createServer((_request, response) => {
  served += 1;
  const from = performance.now();
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
  process.stderr.write(`floor server: ${String(served)} requests, ${served ? String(Math.round((cpu.user + cpu.system) / served)) : '0'} µs CPU per request (user+system) (${String(sink % 2)})\n`);
  server.close();
  process.exit(0);
});
