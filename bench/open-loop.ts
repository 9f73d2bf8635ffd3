/**
 * An open-loop load generator: requests are sent at a fixed rate whatever the server does, and each
 * latency is measured from the moment its request was due, so a stall counts for every request that
 * should have gone out during it (no coordinated omission). This answers "at N requests per second,
 * what is the p99?", which a closed loop does not (autocannon: each connection waits for its answer,
 * and its `overallRate` sends each second's quota in a burst).
 *
 * It speaks just enough HTTP/1.1 over keep-alive sockets (GET, a Content-Length body) to stay cheap:
 * on a machine it shares with the server, every microsecond it spends is taken from the server, and
 * its own lateness would be counted as latency.
 */
import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import net from 'node:net';
import { monitorEventLoopDelay, PerformanceObserver } from 'node:perf_hooks';

export interface OpenLoopOptions {
  url: string;
  /** Requests per second offered, spread evenly. */
  rate: number;
  durationSeconds: number;
  /**
   * Seconds sent at the rate before the measured ones, not counted: the connections are opened and
   * both sides' code is warm, as in a running service (the closed loop has its warm-up too).
   */
  warmupSeconds?: number;
  /** Keep-alive connections; a request due while all are busy waits for one (and its wait counts). */
  connections: number;
  /** The i-th request's path and headers. */
  request: (i: number) => { path: string; headers?: Record<string, string> };
  /** A latency above this (ms) counts as slow in `seconds` (default 15). */
  slowMs?: number;
  /**
   * How long (ms) after the last request fell due the run waits for its last answers (default
   * 30,000); then those still unanswered count as errors, with their latency so far, and the run
   * ends rather than waiting on a server that will never answer.
   */
  answerGraceMs?: number;
}

/** One second of the measured run, by when its requests were due: where a tail comes from. */
export interface OpenLoopSecond {
  maxMs: number;
  /** Requests slower than `slowMs`. */
  slow: number;
}

export interface OpenLoopResult {
  /** Requests due in the measured part of the run. */
  sent: number;
  /** Answered with a 2xx. */
  ok: number;
  non2xx: number;
  /** Failed connections, and the `unanswered`. */
  errors: number;
  /** Measured requests still unanswered `answerGraceMs` after the schedule ended. */
  unanswered: number;
  /**
   * Requests per second served: the offered rate when every request was answered with a 2xx and the
   * last answer came within a second of the schedule's end (the server kept up); otherwise the 2xx
   * answers over the time from the first request due to the last answer.
   */
  achievedRate: number;
  p50Ms: number;
  p90Ms: number;
  p99Ms: number;
  p999Ms: number;
  maxMs: number;
  /**
   * The generator's own event-loop delay, p99 (ms): when it is large, latencies include time the
   * generator was late itself (it shares the machine with the server), not only the server's.
   */
  generatorLagP99Ms: number;
  /** The generator's longest event-loop stall (ms): rare stalls, which its p99 does not show. */
  generatorLagMaxMs: number;
  /** Measured requests the generator wrote more than 5 ms after they were due (its own lateness, counted as latency). */
  lateSends: number;
  /** The generator's own garbage-collection pauses during the measured run: how many, and the longest (ms). */
  generatorGc: { count: number; maxMs: number };
  seconds: OpenLoopSecond[];
}

/**
 * The open loop's warm-up and connections as the benches that share it take them from the
 * environment: BENCH_OPEN_WARMUP (2 s, sent at the rate first and not counted — the connections are
 * new, and their first second measured the setup rather than the service) and BENCH_OPEN_CONNECTIONS
 * (64 at most).
 */
export function openLoopSettings(): { warmupSeconds: number; connections: number } {
  return { warmupSeconds: Number(process.env.BENCH_OPEN_WARMUP ?? 2), connections: Number(process.env.BENCH_OPEN_CONNECTIONS ?? 64) };
}

/**
 * Which requests a generator in another process sends (a function cannot cross processes): one
 * fixed request, or a random bench member's home page (token `bench…<i>`, profile `prof-<i>`, see
 * bench/home-server.ts) with `query` appended, asking for the encodings in `acceptEncoding` ('' asks
 * for none).
 */
export type RequestPlan =
  | { kind: 'fixed'; path: string; headers?: Record<string, string> }
  | { kind: 'home-members'; profiles: number; query: string; acceptEncoding: string };

export type FreshOpenLoopOptions = Omit<OpenLoopOptions, 'request'> & { plan: RequestPlan };

/** What a result's summary line says of requests the run gave up on: nothing when there were none. */
export const unansweredNote = (result: OpenLoopResult): string =>
  result.unanswered ? ` (${String(result.unanswered)} never answered; the run gave up on them)` : '';

/** The bench member whose token `bench…<i>` the home bench server issued. */
export const memberToken = (i: number): string => `Bearer bench${String(i).padStart(38, '0')}`;

export function requestsFor(plan: RequestPlan): OpenLoopOptions['request'] {
  if (plan.kind === 'fixed') return () => ({ path: plan.path, headers: plan.headers ?? {} });
  const encoding: Record<string, string> = plan.acceptEncoding ? { 'accept-encoding': plan.acceptEncoding } : {};
  return () => {
    const i = Math.floor(Math.random() * plan.profiles);
    return { path: `/v1/home?profileId=prof-${String(i)}${plan.query}`, headers: { authorization: memberToken(i), ...encoding } };
  };
}

/**
 * `openLoop` in a new process (bench/open-loop-process.ts), so the generator's heap holds only the
 * run itself: a generator that ran autocannon's first pass and closed loop first had GC pauses of
 * 22–30 ms in the open loop, counted as latency (docs/BENCHMARKS.md).
 */
export function openLoopInFreshProcess(options: FreshOpenLoopOptions): Promise<OpenLoopResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'bench/open-loop-process.ts'], {
      env: { ...process.env, BENCH_OPEN_LOOP: JSON.stringify(options) },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
    child.once('error', reject);
    child.once('exit', (code) => {
      if (code !== 0) return reject(new Error(`open-loop process exited with ${String(code)}`));
      resolve(JSON.parse(out.trim().split('\n').pop() ?? '{}') as OpenLoopResult);
    });
  });
}

const HEADER_END = Buffer.from('\r\n\r\n');

/** One keep-alive connection with at most one request in flight. */
class Connection {
  private header: Buffer | undefined;
  private bodyLeft = -1;
  private status = 0;
  private current: { dueAt: number; done: (status: number | undefined) => void } | undefined;
  private readonly socket: net.Socket;

  constructor(
    host: string,
    port: number,
    private readonly onIdle: (c: Connection) => void,
    private readonly onLost: (c: Connection) => void,
  ) {
    this.socket = net.connect({ host, port, noDelay: true });
    this.socket.on('data', (chunk: Buffer) => this.read(chunk));
    this.socket.on('error', () => this.fail());
    this.socket.on('close', () => this.fail());
  }

  /** Ends the request in flight, if any, as failed, and the connection with it. */
  abandon(): void {
    if (this.current) this.fail();
  }

  send(bytes: Buffer, dueAt: number, done: (status: number | undefined) => void): void {
    this.current = { dueAt, done };
    this.header = undefined;
    this.bodyLeft = -1;
    this.socket.write(bytes);
  }

  close(): void {
    this.socket.removeAllListeners('close');
    this.socket.destroy();
  }

  private read(chunk: Buffer): void {
    if (this.bodyLeft < 0) {
      this.header = this.header ? Buffer.concat([this.header, chunk]) : chunk;
      const end = this.header.indexOf(HEADER_END);
      if (end < 0) return;
      const head = this.header.toString('latin1', 0, end);
      this.status = Number(head.slice(9, 12));
      const length = /\r\ncontent-length:\s*(\d+)/i.exec(head);
      if (!length) return this.fail(); // the servers measured here always send a Content-Length
      this.bodyLeft = Number(length[1]) - (this.header.length - end - HEADER_END.length);
    } else {
      this.bodyLeft -= chunk.length;
    }
    if (this.bodyLeft <= 0) this.finish(this.status);
  }

  private finish(status: number | undefined): void {
    const current = this.current;
    this.current = undefined;
    this.bodyLeft = -1;
    current?.done(status);
    if (status !== undefined) this.onIdle(this);
  }

  private fail(): void {
    if (this.current) this.finish(undefined);
    this.socket.removeAllListeners();
    this.socket.destroy();
    this.onLost(this);
  }
}

function quantile(sorted: Float64Array, q: number): number {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] as number;
}

export async function openLoop(options: OpenLoopOptions): Promise<OpenLoopResult> {
  const base = new URL(options.url);
  const warmup = Math.round(options.rate * (options.warmupSeconds ?? 0));
  const measuredTotal = Math.round(options.rate * options.durationSeconds);
  const total = warmup + measuredTotal;
  const latencies = new Float64Array(measuredTotal);
  const counts = { answered: 0, ok: 0, non2xx: 0, errors: 0, lateSends: 0, unanswered: 0 };
  const idle: Connection[] = [];
  /** A request of the schedule: its index (`x-bench-seq` when tracing), when it is due, whether it is measured. */
  type Scheduled = { bytes: Buffer; seq: number; dueAt: number; measured: boolean };
  /** Requests due while every connection was busy, oldest first. */
  const waiting: Scheduled[] = [];
  let waitingHead = 0;
  const lag = monitorEventLoopDelay({ resolution: 1 });
  // BENCH_TRACE=DIR: every request carries `x-bench-seq`, and DIR/generator.txt gets each measured
  // one's due, sent and answered times (ms, monotonic clock) for bench/trace-report.ts.
  const traceDir = process.env.BENCH_TRACE;
  const monoOffset = Number(process.hrtime.bigint()) / 1e6 - performance.now();
  const traceLines: string[] = [];
  const sentAt = new Float64Array(traceDir ? total : 0);
  const generatorGc = { count: 0, maxMs: 0 };
  const gcObserver = new PerformanceObserver((list) => {
    if (!lag.count) return; // not measuring yet (warm-up)
    for (const entry of list.getEntries()) {
      generatorGc.count += 1;
      generatorGc.maxMs = Math.max(generatorGc.maxMs, entry.duration);
    }
  });
  gcObserver.observe({ entryTypes: ['gc'] });
  let lastAnswer = 0;
  const slowMs = options.slowMs ?? 15;
  const seconds: OpenLoopSecond[] = Array.from({ length: Math.ceil(options.durationSeconds) }, () => ({ maxMs: 0, slow: 0 }));

  return new Promise((resolve) => {
    const connections: Connection[] = [];
    /** The timer that gives up on the last answers, and whether it has. */
    let giveUp: NodeJS.Timeout | undefined;
    let giveUpStarted = false;
    const dispatch = (c: Connection, request: Scheduled): void => {
      if (traceDir) sentAt[request.seq] = performance.now();
      c.send(request.bytes, request.dueAt, done(request));
    };
    const onIdle = (c: Connection) => {
      if (waitingHead < waiting.length) dispatch(c, waiting[waitingHead++]!);
      else idle.push(c);
    };
    let answeredAll = 0;
    const done = ({ seq, dueAt, measured }: Scheduled) => (status: number | undefined) => {
      lastAnswer = performance.now();
      answeredAll++;
      if (measured) {
        const latency = lastAnswer - dueAt;
        if (traceDir) {
          traceLines.push(`${String(seq)} ${(monoOffset + dueAt).toFixed(3)} ${(monoOffset + (sentAt[seq] ?? 0)).toFixed(3)} ${(monoOffset + lastAnswer).toFixed(3)}`);
        }
        latencies[counts.answered++] = latency;
        const second = seconds[Math.floor((dueAt - started) / 1000)];
        if (second) {
          second.maxMs = Math.max(second.maxMs, latency);
          if (latency > slowMs) second.slow++;
        }
        if (giveUpStarted) counts.unanswered++;
        if (status === undefined) counts.errors++;
        else if (status >= 200 && status < 300) counts.ok++;
        else counts.non2xx++;
      }
      if (answeredAll === total) finish();
    };
    // A connection the server closed is replaced, so the run keeps its connections.
    const open = (): void => {
      const c = new Connection(base.hostname, Number(base.port), onIdle, (lost) => {
        connections.splice(connections.indexOf(lost), 1);
        const i = idle.indexOf(lost);
        if (i >= 0) idle.splice(i, 1);
        if (answeredAll < total && !giveUpStarted) open();
      });
      connections.push(c);
      onIdle(c);
    };
    for (let i = 0; i < options.connections; i++) open();
    const requestBytes = (i: number): Buffer => {
      const { path, headers = {} } = options.request(i);
      let text = `GET ${path} HTTP/1.1\r\nhost: ${base.host}\r\n${traceDir ? `x-bench-seq: ${String(i)}\r\n` : ''}`;
      for (const [name, value] of Object.entries(headers)) text += `${name}: ${value}\r\n`;
      return Buffer.from(`${text}\r\n`, 'latin1');
    };

    const begun = performance.now();
    const intervalMs = 1000 / options.rate;
    /** When the first measured request is due. */
    const started = begun + warmup * intervalMs;
    let sent = 0;
    // Timers fire every millisecond or so; each tick sends every request that has fallen due.
    const timer = setInterval(() => {
      const now = performance.now();
      while (sent < total && begun + sent * intervalMs <= now) {
        const dueAt = begun + sent * intervalMs;
        const measured = sent >= warmup;
        if (sent === warmup) lag.enable();
        const request: Scheduled = { bytes: requestBytes(sent), seq: sent, dueAt, measured };
        sent++;
        if (measured && performance.now() - dueAt > 5) counts.lateSends++;
        const c = idle.pop();
        if (c) dispatch(c, request);
        else waiting.push(request);
      }
      if (sent >= total) {
        clearInterval(timer);
        giveUp = setTimeout(abandonUnanswered, options.answerGraceMs ?? 30_000);
      }
    }, 1);
    function abandonUnanswered(): void {
      giveUpStarted = true;
      while (waitingHead < waiting.length) done(waiting[waitingHead++]!)(undefined);
      for (const c of [...connections]) c.abandon();
    }

    let finished = false;
    function finish(): void {
      if (finished) return;
      finished = true;
      clearTimeout(giveUp);
      if (traceDir) writeFileSync(`${traceDir}/generator.txt`, traceLines.join('\n'));
      lag.disable();
      gcObserver.disconnect();
      for (const c of connections) c.close();
      const measured = latencies.slice(0, counts.answered).sort();
      const keptUp = counts.ok === measuredTotal && lastAnswer - started <= options.durationSeconds * 1000 + 1000;
      resolve({
        sent: sent - warmup,
        ok: counts.ok,
        non2xx: counts.non2xx,
        errors: counts.errors,
        unanswered: counts.unanswered,
        achievedRate: keptUp ? options.rate : Math.round((counts.ok * 1000) / Math.max(1, lastAnswer - started)),
        p50Ms: quantile(measured, 0.5),
        p90Ms: quantile(measured, 0.9),
        p99Ms: quantile(measured, 0.99),
        p999Ms: quantile(measured, 0.999),
        maxMs: measured.length ? (measured[measured.length - 1] as number) : 0,
        generatorLagP99Ms: lag.percentile(99) / 1e6,
        generatorLagMaxMs: lag.max / 1e6,
        lateSends: counts.lateSends,
        generatorGc,
        seconds,
      });
    }
  });
}
