import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BodyPool } from '../../src/api/body-pool.js';

// Each response's body is joined into a pooled buffer: concurrent responses, and responses after a
// buffer went back to the pool, must each carry exactly their own bytes.
describe('BodyPool', () => {
  const pool = new BodyPool(64 * 1024, 4);
  let server: http.Server;
  let base: string;

  /** A body of `n` pieces that names its request in every piece, so cross-talk would show. */
  const pieces = (id: string, n: number): Buffer[] => Array.from({ length: n }, (_, i) => Buffer.from(`${id}:${i};`.repeat(50)));

  beforeAll(async () => {
    server = http.createServer((req, res) => {
      const url = new URL(req.url ?? '/', 'http://x');
      const id = url.searchParams.get('id') ?? '';
      const body = pool.join(pieces(id, Number(url.searchParams.get('n'))), res);
      res.writeHead(200, { 'content-type': 'text/plain', 'content-length': body.length });
      res.end(body);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it('sends each response its own bytes, with buffers reused across and during responses', async () => {
    for (let round = 0; round < 3; round++) {
      const ids = Array.from({ length: 40 }, (_, i) => `r${round}-${i}`);
      const bodies = await Promise.all(ids.map((id, i) => fetch(`${base}/?id=${id}&n=${10 + (i % 7)}`).then((r) => r.text())));
      bodies.forEach((body, i) => expect(body).toBe(Buffer.concat(pieces(ids[i]!, 10 + (i % 7))).toString()));
    }
  });

  it('reuses a buffer only after its response has finished', async () => {
    const own = new BodyPool(64 * 1024, 4);
    const held: { body: Buffer; res: http.ServerResponse }[] = [];
    let bothJoined: () => void = () => undefined;
    const joined = new Promise<void>((resolve) => (bothJoined = resolve));
    const holder = http.createServer((_req, res) => {
      // Both bodies are joined before either response is written: they must not share memory.
      held.push({ body: own.join([Buffer.from(`body ${held.length}`)], res), res });
      if (held.length === 2) bothJoined();
    });
    await new Promise<void>((resolve) => holder.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(holder.address() as AddressInfo).port}/`;
    try {
      const answers = [fetch(url).then((r) => r.text()), fetch(url).then((r) => r.text())];
      await joined;
      const [a, b] = held as [(typeof held)[0], (typeof held)[0]];
      expect(a.body.buffer).not.toBe(b.body.buffer);
      for (const { body, res } of held) res.end(body);
      expect((await Promise.all(answers)).sort()).toEqual(['body 0', 'body 1']);
      // Both finished: the next body is joined into one of their buffers.
      const next = await new Promise<Buffer>((resolve) => {
        holder.removeAllListeners('request');
        holder.on('request', (_req, res: http.ServerResponse) => {
          const body = own.join([Buffer.from('body 2')], res);
          resolve(body);
          res.end(body);
        });
        void fetch(url).then((r) => r.text());
      });
      expect([a.body.buffer, b.body.buffer]).toContain(next.buffer);
    } finally {
      holder.closeAllConnections();
      await new Promise<void>((resolve) => holder.close(() => resolve()));
    }
  });

  it('gives a body larger than a pooled buffer a buffer of its own', async () => {
    const body = await fetch(`${base}/?id=big&n=200`).then((r) => r.text());
    expect(body.length).toBeGreaterThan(64 * 1024);
    expect(body).toBe(Buffer.concat(pieces('big', 200)).toString());
  });
});
