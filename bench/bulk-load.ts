import net from 'node:net';
import type { LoadResult } from './lib.js';

/**
 * A load generator for large responses (media segments). autocannon runs every body byte through a
 * JavaScript HTTP parser and tops out near 45 MB/s here, far below what either server can send; this one
 * parses only the status line and Content-Length and counts body bytes without copying them. One
 * keep-alive request at a time per connection; responses must carry Content-Length (no chunked).
 */

const HEADER_END = Buffer.from('\r\n\r\n');
const CONTENT_LENGTH = /\r\ncontent-length:\s*(\d+)/i;

interface Tally {
  requests: number;
  bytes: number;
  errors: number;
  non2xx: number;
  latenciesMs: number[];
}

function runConnection(url: URL, nextPath: () => string, until: number, tally: Tally): Promise<void> {
  return new Promise((resolve) => {
    const socket = net.connect(Number(url.port), url.hostname);
    socket.setNoDelay(true);
    let header: Buffer | null = Buffer.alloc(0); // null while reading a body
    let remaining = 0;
    let status = 0;
    let started = 0;
    const send = () => {
      if (Date.now() >= until) {
        socket.end();
        return;
      }
      started = performance.now();
      header = Buffer.alloc(0);
      socket.write(`GET ${nextPath()} HTTP/1.1\r\nHost: ${url.host}\r\nConnection: keep-alive\r\n\r\n`);
    };
    const finish = () => {
      tally.requests++;
      tally.latenciesMs.push(performance.now() - started);
      if (status < 200 || status > 299) tally.non2xx++;
      send();
    };
    socket.on('connect', send);
    socket.on('data', (chunk: Buffer) => {
      tally.bytes += chunk.length;
      if (header === null) {
        remaining -= chunk.length;
        if (remaining <= 0) finish();
        return;
      }
      header = Buffer.concat([header, chunk]);
      const end = header.indexOf(HEADER_END);
      if (end < 0) return;
      const head = header.subarray(0, end).toString('latin1');
      status = Number(head.slice(9, 12));
      const length = CONTENT_LENGTH.exec(head);
      if (!length) {
        tally.errors++;
        socket.destroy();
        return;
      }
      remaining = Number(length[1]) - (header.length - end - HEADER_END.length);
      header = null;
      if (remaining <= 0) finish();
    });
    socket.on('error', () => {
      tally.errors++;
    });
    socket.on('close', () => resolve());
  });
}

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return 0;
  return Math.round(sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]! * 10) / 10;
}

async function run(url: URL, path: () => string, connections: number, seconds: number): Promise<Tally & { elapsed: number }> {
  const tally: Tally = { requests: 0, bytes: 0, errors: 0, non2xx: 0, latenciesMs: [] };
  const started = performance.now();
  const until = Date.now() + seconds * 1000;
  await Promise.all(Array.from({ length: connections }, () => runConnection(url, path, until, tally)));
  return { ...tally, elapsed: (performance.now() - started) / 1000 };
}

/** Like lib.ts `load()`, for large bodies: a short warm-up, then `durationSeconds` of measured load. */
export async function bulkLoad(options: { name: string; url: string; path: () => string; connections?: number; durationSeconds?: number }): Promise<LoadResult> {
  const connections = options.connections ?? 32;
  const duration = options.durationSeconds ?? 15;
  const url = new URL(options.url);
  await run(url, options.path, connections, 2);
  const result = await run(url, options.path, connections, duration);
  const sorted = result.latenciesMs.sort((a, b) => a - b);
  return {
    name: options.name,
    requestsPerSecond: Math.round(result.requests / result.elapsed),
    bytesPerSecond: Math.round(result.bytes / result.elapsed),
    p50Ms: percentile(sorted, 50),
    p99Ms: percentile(sorted, 99),
    errors: result.errors,
    non2xx: result.non2xx,
    durationSeconds: duration,
    connections,
  };
}
