// The open loop in a process of its own (`openLoopInFreshProcess`): started after the closed loop,
// so its heap holds nothing the earlier runs left (autocannon's connections, histograms and request
// objects), whose garbage collections — up to 22–30 ms in the home bench — stalled the generator
// and were counted as the server's latency. Reads its options as JSON from BENCH_OPEN_LOOP and
// prints the result as one JSON line. It inherits the parent's CPU affinity (`taskset -c 1`).
import { openLoop, requestsFor, type FreshOpenLoopOptions } from './open-loop.js';

const options = JSON.parse(process.env.BENCH_OPEN_LOOP ?? '{}') as FreshOpenLoopOptions;
const { plan, ...rest } = options;
const result = await openLoop({ ...rest, request: requestsFor(plan) });
process.stdout.write(`${JSON.stringify(result)}\n`);
