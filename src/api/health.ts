import type { FastifyInstance } from 'fastify';

/** A dependency readiness depends on (database, cache, blob store, log). */
export interface ReadinessCheck {
  name: string;
  check: () => Promise<void>;
}

const CHECK_TIMEOUT_MS = 2_000;

async function run(check: ReadinessCheck): Promise<{ name: string; ok: boolean; error?: string; ms: number }> {
  const started = performance.now();
  let timer: NodeJS.Timeout | undefined;
  try {
    await Promise.race([
      check.check(),
      new Promise((_, reject) => {
        timer = setTimeout(() => reject(new Error(`no answer within ${CHECK_TIMEOUT_MS} ms`)), CHECK_TIMEOUT_MS);
      }),
    ]);
    return { name: check.name, ok: true, ms: Math.round(performance.now() - started) };
  } catch (err) {
    return { name: check.name, ok: false, error: (err as Error).message, ms: Math.round(performance.now() - started) };
  } finally {
    clearTimeout(timer);
  }
}

/** /healthz: the process is alive. /readyz: every dependency answers; 503 names the ones that do not. */
export function installHealth(app: FastifyInstance, checks: readonly ReadinessCheck[]): void {
  app.get('/healthz', { schema: { hide: true } }, async () => ({ status: 'ok' }));
  app.get('/readyz', { schema: { hide: true } }, async (_request, reply) => {
    const results = await Promise.all(checks.map(run));
    const ready = results.every((r) => r.ok);
    reply.status(ready ? 200 : 503);
    return { status: ready ? 'ready' : 'unavailable', checks: results };
  });
}
