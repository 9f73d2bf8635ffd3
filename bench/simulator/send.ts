/**
 * Drives a running server over HTTP: registers the population's accounts and profiles through the
 * API, then POSTs its events to /v1/events in per-account batches (≤ 500) at a target rate, with
 * bounded concurrency and retries that resend the same body (same event ids, so the server's
 * dedupe window drops what an earlier, unacknowledged attempt already stored).
 */
import type { StoredEvent } from '../../src/activity/schema.js';
import type { SimProfile } from './population.js';

export interface Registered {
  /** Simulated profile id → server profile id. */
  profileIds: Map<string, string>;
  /** Simulated account id → bearer token. */
  tokens: Map<string, string>;
}

export interface SendStats {
  batches: number;
  sent: number;
  /** Events the server kept or recognised as duplicates (202). */
  acked: number;
  /** Events the server rejected by index in a 202. */
  rejected: number;
  /** Batches that failed after every retry. */
  failedBatches: number;
  retries: number;
  elapsedMs: number;
  ratePerSecond: number;
}

export interface SendOptions {
  url: string;
  /** Events per second to aim for. */
  rate: number;
  /** Requests in flight at most (default 16). */
  concurrency?: number;
  /** Attempts per batch (default 5). */
  attempts?: number;
  onProgress?: (stats: SendStats) => void;
  /** Told the ids of each batch's events the server acknowledged (202, less the ones it rejected by index). */
  onAcked?: (ids: readonly string[]) => void;
  /** Stops sending: batches not yet sent are dropped, those in flight settle. */
  signal?: AbortSignal;
}

const PASSWORD = 'simulated viewer password';

async function call<T>(url: string, method: string, body: unknown, token?: string): Promise<{ status: number; json: T }> {
  const res = await fetch(url, {
    method,
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, json: (text ? JSON.parse(text) : {}) as T };
}

/** Registers every account (a fresh email per run) and its profiles; sequential, like real sign-ups. */
export async function registerPopulation(url: string, profiles: readonly SimProfile[], runTag: string, onProgress?: (done: number) => void): Promise<Registered> {
  const profileIds = new Map<string, string>();
  const tokens = new Map<string, string>();
  for (const profile of profiles) {
    let token = tokens.get(profile.accountId);
    if (!token) {
      const email = `${profile.accountId}.${runTag}@sim.example.com`;
      const account = await call<{ message?: string }>(`${url}/v1/accounts`, 'POST', { email, password: PASSWORD, country: profile.country });
      if (account.status !== 201) throw new Error(`register ${email}: ${account.status} ${JSON.stringify(account.json)}`);
      const session = await call<{ token: string }>(`${url}/v1/sessions`, 'POST', { email, password: PASSWORD, deviceName: 'Simulator' });
      if (session.status !== 201) throw new Error(`sign in ${email}: ${session.status} ${JSON.stringify(session.json)}`);
      token = session.json.token;
      tokens.set(profile.accountId, token);
    }
    const created = await call<{ id: string }>(`${url}/v1/profiles`, 'POST', { name: `Viewer ${profile.index + 1}`.slice(0, 30) }, token);
    if (created.status !== 201) throw new Error(`profile for ${profile.id}: ${created.status} ${JSON.stringify(created.json)}`);
    profileIds.set(profile.id, created.json.id);
    onProgress?.(profileIds.size);
  }
  return { profileIds, tokens };
}

/** A request: one account's events, already serialised with the server's profile ids. */
interface Batch {
  token: string;
  body: string;
  count: number;
  /** The events' ids, in body order. */
  ids: string[];
}

/** Groups consecutive events of one account into batches of at most `max`, as the client would send them. */
export function* batchesOf(events: Iterable<StoredEvent>, registered: Registered, max = 500): Generator<Batch> {
  let account = '';
  let parts: string[] = [];
  let ids: string[] = [];
  const flush = (): Batch => {
    const batch = { token: registered.tokens.get(account) as string, body: `{"events":[${parts.join(',')}]}`, count: parts.length, ids };
    parts = [];
    ids = [];
    return batch;
  };
  for (const event of events) {
    const profileId = registered.profileIds.get(event.profileId);
    if (!profileId) continue; // a profile the server refused (limit): its events are not sent
    if (parts.length > 0 && (event.accountId !== account || parts.length >= max)) yield flush();
    account = event.accountId;
    // The client form: server fields are the server's to add.
    const { accountId: _a, country: _c, receivedAt: _r, ...client } = event;
    parts.push(JSON.stringify({ ...client, profileId }));
    ids.push(event.id);
  }
  if (parts.length > 0) yield flush();
}

/** Sends batches at `rate` events/s; resolves with the totals when every batch is settled. */
export async function sendBatches(batches: Iterable<Batch>, options: SendOptions): Promise<SendStats> {
  const started = Date.now();
  const stats: SendStats = { batches: 0, sent: 0, acked: 0, rejected: 0, failedBatches: 0, retries: 0, elapsedMs: 0, ratePerSecond: 0 };
  const concurrency = options.concurrency ?? 16;
  const attempts = options.attempts ?? 5;
  const inFlight = new Set<Promise<void>>();
  let lastReport = started;
  const update = () => {
    stats.elapsedMs = Date.now() - started;
    stats.ratePerSecond = Math.round((stats.acked * 1000) / Math.max(1, stats.elapsedMs));
  };

  const sendOne = async (batch: Batch): Promise<void> => {
    for (let attempt = 1; attempt <= attempts; attempt++) {
      try {
        const res = await fetch(`${options.url}/v1/events`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${batch.token}` },
          body: batch.body,
        });
        const text = await res.text();
        if (res.status === 202) {
          const result = JSON.parse(text) as { accepted: number; duplicates: number; errors: { index: number }[] };
          stats.acked += result.accepted + result.duplicates;
          stats.rejected += result.errors.length;
          if (options.onAcked) {
            const rejected = new Set(result.errors.map((e) => e.index));
            options.onAcked(batch.ids.filter((_, i) => !rejected.has(i)));
          }
          return;
        }
        // 4xx other than 429 will not pass on a retry.
        if (res.status < 500 && res.status !== 429) break;
      } catch {
        // network error: retried with the same body
      }
      if (attempt < attempts) {
        stats.retries++;
        await new Promise((r) => setTimeout(r, 100 * 2 ** attempt));
      }
    }
    stats.failedBatches++;
  };

  for (const batch of batches) {
    if (options.signal?.aborted) break;
    // Pace: wait until the schedule allows these events, and for a free slot.
    const due = started + (stats.sent * 1000) / options.rate;
    const wait = due - Date.now();
    if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    while (inFlight.size >= concurrency) await Promise.race(inFlight);
    const p = sendOne(batch).finally(() => inFlight.delete(p));
    inFlight.add(p);
    stats.batches++;
    stats.sent += batch.count;
    if (Date.now() - lastReport >= 1000) {
      lastReport = Date.now();
      update();
      options.onProgress?.(stats);
    }
  }
  await Promise.all(inFlight);
  update();
  return stats;
}
