import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { openLoop } from '../../bench/open-loop.js';

/** A server that answers every request, except those whose path says `silent`: it never answers them. */
async function startServer(): Promise<{ url: string; close: () => Promise<void> }> {
  const server = http.createServer((req, res) => {
    if (req.url?.includes('silent')) return; // holds the request open, answering nothing
    res.setHeader('content-length', '2');
    res.end('ok');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${String(port)}`,
    close: () => {
      server.closeAllConnections();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}

describe('the open-loop generator', () => {
  let close: (() => Promise<void>) | undefined;
  afterEach(async () => {
    await close?.();
    close = undefined;
  });

  it('counts every request of a server that answers them all', async () => {
    const server = await startServer();
    close = server.close;
    const result = await openLoop({ url: server.url, rate: 200, durationSeconds: 0.5, connections: 4, request: () => ({ path: '/' }) });
    expect(result).toMatchObject({ sent: 100, ok: 100, errors: 0, non2xx: 0, unanswered: 0 });
  });

  it('gives up on requests never answered, counting them as errors with their wait, and ends', async () => {
    const server = await startServer();
    close = server.close;
    // Every 10th request goes unanswered; each holds its connection, so with 20 connections the
    // ten silent ones leave ten to carry the rest.
    const result = await openLoop({
      url: server.url,
      rate: 200,
      durationSeconds: 0.5,
      connections: 20,
      answerGraceMs: 300,
      request: (i) => ({ path: i % 10 === 0 ? '/silent' : '/' }),
    });
    expect(result.sent).toBe(100);
    expect(result.unanswered).toBe(10);
    expect(result.errors).toBe(10);
    expect(result.ok).toBe(90);
    // The silent ones waited at least the grace period, and the percentiles show it.
    expect(result.maxMs).toBeGreaterThanOrEqual(300);
  });
});
