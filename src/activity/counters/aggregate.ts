import type { LogRecord } from '../../platform/log/index.js';
import type { RecordFailure } from '../consumer-runner.js';

/**
 * Watch time comes from position ticks of a playback session (play_start, heartbeat, pause, resume,
 * stop, complete; a seek moves the tick without counting). Between two ticks at most `Δt` seconds
 * count (the receive-time gap), at least 0, and no more than the position advanced: paused time and
 * seeks backwards count nothing, a seek forwards counts the time that passed. A gap longer than this
 * cap (a lost stop, a closed laptop) counts nothing.
 */
export const TICK_GAP_CAP_MS = 120_000;

const HOUR_MS = 3_600_000;

/** The start of the UTC hour holding `ms`. */
export function hourOf(ms: number): number {
  return Math.floor(ms / HOUR_MS) * HOUR_MS;
}

/** The last position tick of a live playback session. */
export interface SessionTick {
  atMs: number;
  positionSec: number;
  partition: number;
}

/** What one batch adds to one title × country × hour. */
export interface CounterDelta {
  titleId: string;
  country: string;
  hourMs: number;
  starts: number;
  watchSeconds: number;
  completions: number;
  /** Profiles seen playing; the store counts those not counted before in this hour. */
  profiles: Set<string>;
}

export interface Aggregation {
  deltas: Map<string, CounterDelta>;
  /** New tick per session touched; null when the session ended (stop, complete). */
  sessions: Map<string, SessionTick | null>;
  failures: RecordFailure[];
}

/** The fields counters read; anything else in the event is ignored. */
interface CountedEvent {
  type: string;
  profileId: string;
  titleId: string;
  playbackSessionId: string;
  country: string;
  receivedAt: number;
  positionSec?: number;
  durationSec?: number;
  toSec?: number;
}

const PLAYBACK_TYPES = new Set(['play_start', 'heartbeat', 'pause', 'resume', 'seek', 'stop', 'complete']);
const decoder = new TextDecoder();

/** Parses a record; a string is the reason it cannot be counted, null an event counters ignore. */
function parse(record: LogRecord): CountedEvent | null | string {
  let value: unknown;
  try {
    value = JSON.parse(decoder.decode(record.value));
  } catch {
    return 'value is not JSON';
  }
  if (typeof value !== 'object' || value === null) return 'value is not a JSON object';
  const e = value as Record<string, unknown>;
  if (typeof e.type !== 'string') return 'event has no type';
  if (!PLAYBACK_TYPES.has(e.type)) return null;
  for (const field of ['profileId', 'titleId', 'playbackSessionId', 'country'] as const) {
    if (typeof e[field] !== 'string' || e[field] === '') return `${e.type} event has no ${field}`;
  }
  if (typeof e.receivedAt !== 'number' || !Number.isFinite(e.receivedAt)) return `${e.type} event has no receivedAt`;
  return e as unknown as CountedEvent;
}

/** The session position an event reports, or undefined for events without one. */
function positionOf(e: CountedEvent): number | undefined {
  switch (e.type) {
    case 'play_start':
      return e.positionSec ?? 0;
    case 'seek':
      return e.toSec;
    case 'complete':
      return e.durationSec;
    default:
      return e.positionSec;
  }
}

/**
 * Folds a batch (in offset order per partition) into counter deltas keyed by title × country × UTC
 * hour of the receive time. `sessions` holds the stored ticks of the sessions in the batch. Records
 * received before `countFromMs` only move session ticks (the look-back of a replay).
 */
export function aggregate(records: readonly LogRecord[], stored: ReadonlyMap<string, SessionTick>, countFromMs = 0): Aggregation {
  const deltas = new Map<string, CounterDelta>();
  const sessions = new Map<string, SessionTick | null>();
  const failures: RecordFailure[] = [];
  const tickOf = (id: string): SessionTick | undefined => (sessions.has(id) ? sessions.get(id) ?? undefined : stored.get(id));

  for (const record of records) {
    const e = parse(record);
    if (typeof e === 'string') {
      failures.push({ record, error: e });
      continue;
    }
    if (e === null) continue;
    const counting = e.receivedAt >= countFromMs;
    const hourMs = hourOf(e.receivedAt);
    const key = `${e.titleId}\n${e.country}\n${hourMs}`;
    let delta = deltas.get(key);
    const touch = (): CounterDelta => {
      delta ??= { titleId: e.titleId, country: e.country, hourMs, starts: 0, watchSeconds: 0, completions: 0, profiles: new Set() };
      deltas.set(key, delta);
      return delta;
    };

    const position = positionOf(e);
    const previous = tickOf(e.playbackSessionId);
    if (counting && previous && position !== undefined && e.type !== 'play_start' && e.type !== 'seek') {
      const gap = e.receivedAt - previous.atMs;
      if (gap > 0 && gap <= TICK_GAP_CAP_MS) {
        const watched = Math.min(gap / 1000, Math.max(0, position - previous.positionSec));
        if (watched > 0) touch().watchSeconds += watched;
      }
    }
    if (position !== undefined) {
      const ended = e.type === 'stop' || e.type === 'complete';
      sessions.set(e.playbackSessionId, ended ? null : { atMs: e.receivedAt, positionSec: position, partition: record.partition });
    }
    if (!counting) continue;
    if (e.type === 'play_start') {
      const d = touch();
      d.starts += 1;
      d.profiles.add(e.profileId);
    } else if (e.type === 'heartbeat') {
      touch().profiles.add(e.profileId);
    } else if (e.type === 'complete') {
      touch().completions += 1;
    }
  }
  return { deltas, sessions, failures };
}

/** Session ids of the playback events in a batch, to load their stored ticks first. */
export function sessionIds(records: readonly LogRecord[]): string[] {
  const ids = new Set<string>();
  for (const record of records) {
    const e = parse(record);
    if (e !== null && typeof e !== 'string') ids.add(e.playbackSessionId);
  }
  return [...ids];
}
