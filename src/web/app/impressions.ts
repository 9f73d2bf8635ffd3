// Impression events (src/activity/schema.ts `impression`): which titles a row showed, at which slots.
// Queued and sent in batches to POST /v1/events like the player's events, with a beacon on page hide.
import { deviceId, loadSession } from './session';

interface ImpressionEvent {
  type: 'impression';
  id: string;
  clientTime: number;
  profileId: string;
  deviceId: string;
  deviceType: 'web';
  row: string;
  titleIds: string[];
  positions: number[];
}

/** Titles per impression: the first slots a row shows on a wide screen, within the schema's 100. */
const SHOWN_SLOTS = 10;
const FLUSH_MS = 2_000;
/** The server's per-request cap; impressions beyond it in one outage are dropped, oldest first. */
const MAX_QUEUED = 500;

let queue: ImpressionEvent[] = [];
let timer: number | undefined;

async function post(events: ImpressionEvent[]): Promise<void> {
  const token = loadSession()?.token;
  if (!token) return; // signed out: nobody to attribute them to
  const res = await fetch('/v1/events', {
    method: 'POST',
    keepalive: true,
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify({ events }),
  });
  // Only a server-side failure is worth a retry (with the same event ids: the server drops duplicates).
  if (res.status >= 500) throw new Error(`events: HTTP ${res.status}`);
}

function flush(): void {
  timer = undefined;
  if (queue.length === 0) return;
  const batch = queue;
  queue = [];
  post(batch).catch(() => {
    queue = batch.concat(queue).slice(-MAX_QUEUED);
    schedule();
  });
}

function schedule(): void {
  timer ??= window.setTimeout(flush, FLUSH_MS);
}

/** Logs that a row was shown to the profile: its id, its first titles and their slots. */
export function logImpression(profileId: string, row: string, titleIds: readonly string[]): void {
  const shown = titleIds.slice(0, SHOWN_SLOTS);
  if (shown.length === 0) return;
  queue.push({
    type: 'impression',
    id: crypto.randomUUID(),
    clientTime: Date.now(),
    profileId,
    deviceId: deviceId(),
    deviceType: 'web',
    row: row.slice(0, 128),
    titleIds: shown,
    positions: shown.map((_, i) => i),
  });
  if (queue.length > MAX_QUEUED) queue.splice(0, queue.length - MAX_QUEUED);
  schedule();
}

// The last batch goes out as a beacon when the page is hidden (a timer may never fire again).
if (typeof window !== 'undefined') {
  window.addEventListener('pagehide', () => {
    const token = loadSession()?.token;
    if (queue.length === 0 || !token || typeof navigator.sendBeacon !== 'function') return;
    if (navigator.sendBeacon('/v1/events/beacon', JSON.stringify({ token, events: queue }))) queue = [];
  });
}
