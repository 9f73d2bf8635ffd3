// `npm run bench:floor`: the machine's floor for an open-loop p99 — the open loop of bench:home (its
// rate, connections and warm-up) against bench/floor-server.ts, a bare server that costs what a reused
// home page costs and holds nothing (unless asked to: floor-server.ts's knobs). Run it as bench:home runs (`BENCH_SERVER_CPUS=0 taskset -c 1`):
// when this p99 is over a target, no server of that cost meets it on this machine with this generator.
import { measureFloor } from './floor-run.js';

const rate = Number(process.env.BENCH_RATE ?? 3_000);
const seconds = Number(process.env.BENCH_SECONDS ?? 60);
const floor = await measureFloor({ rate, seconds });
console.log(floor.line);
