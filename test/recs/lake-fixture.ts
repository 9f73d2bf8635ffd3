/**
 * A tiny lake writer for the recommendation tests: playback events → NDJSON → DuckDB COPY into
 * `<lake>/events/dt=YYYY-MM-DD/hr=HH/part-*.parquet`, with every column of the lake schema (NULL where
 * an event has no such field), so the jobs read exactly what the real sink writes.
 */
import { randomUUID } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import { LAKE_EVENT_COLUMNS } from '../../src/activity/lake/schema.js';
import type { SqlEngine } from '../../src/platform/sql/index.js';
import { normalizeTitle } from '../../src/catalog/normalize.js';
import type { Title, TitleInput } from '../../src/catalog/model.js';
import { buildSnapshot, type CatalogSnapshot } from '../../src/catalog/snapshot.js';
import { testGenres, titleInput } from '../helpers/titles.js';

export interface FixtureEvent {
  type: 'play_start' | 'heartbeat' | 'pause' | 'resume' | 'stop' | 'complete' | 'rating' | 'list_add' | 'impression';
  profileId: string;
  titleId: string;
  /** Receive time. */
  at: Date;
  episodeId?: string;
  session?: string;
  positionSec?: number;
  durationSec?: number;
  country?: string;
}

/** A whole viewing: play_start at `from`, heartbeats every 10 minutes, then stop (or complete at the end). */
export function viewing(options: {
  profileId: string;
  titleId: string;
  start: Date;
  fromSec?: number;
  toSec: number;
  durationSec: number;
  country?: string;
  episodeId?: string;
  session?: string;
}): FixtureEvent[] {
  const session = options.session ?? randomUUID();
  const from = options.fromSec ?? 0;
  const base = { profileId: options.profileId, titleId: options.titleId, session, durationSec: options.durationSec, country: options.country ?? 'US', episodeId: options.episodeId };
  const at = (sec: number): Date => new Date(options.start.getTime() + (sec - from) * 1000);
  const events: FixtureEvent[] = [{ ...base, type: 'play_start', at: at(from), positionSec: from }];
  for (let pos = from + 600; pos < options.toSec; pos += 600) events.push({ ...base, type: 'heartbeat', at: at(pos), positionSec: pos });
  const done = options.toSec >= options.durationSec;
  events.push(done ? { ...base, type: 'complete', at: at(options.toSec) } : { ...base, type: 'stop', at: at(options.toSec), positionSec: options.toSec });
  return events;
}

const ident = (name: string): string => `"${name}"`;
const literal = (text: string): string => `'${text.replace(/'/g, "''")}'`;

function row(event: FixtureEvent): Record<string, unknown> {
  return {
    event_id: randomUUID(),
    type: event.type,
    v: 1,
    received_at: event.at.toISOString().replace('T', ' ').replace('Z', ''),
    client_time_ms: event.at.getTime(),
    account_id: `ac-${event.profileId}`,
    profile_id: event.profileId,
    device_id: 'dev-1',
    device_type: 'tv',
    country: event.country ?? 'US',
    title_id: event.titleId,
    episode_id: event.episodeId ?? null,
    playback_session_id: event.session ?? null,
    position_sec: event.positionSec ?? null,
    duration_sec: event.durationSec ?? null,
  };
}

/** Writes the events into the lake under `lakeRoot`, one Parquet file per UTC hour. */
export async function writeLake(sql: SqlEngine, lakeRoot: string, events: readonly FixtureEvent[]): Promise<void> {
  const byHour = new Map<string, FixtureEvent[]>();
  for (const event of events) {
    const iso = event.at.toISOString();
    const hour = `dt=${iso.slice(0, 10)}/hr=${iso.slice(11, 13)}`;
    byHour.set(hour, [...(byHour.get(hour) ?? []), event]);
  }
  const tmp = path.join(lakeRoot, '_tmp');
  await fs.mkdir(tmp, { recursive: true });
  const columns = `{${LAKE_EVENT_COLUMNS.map((c) => `${ident(c.name)}: ${literal(c.type)}`).join(', ')}}`;
  for (const [hour, hourEvents] of byHour) {
    const ndjson = path.join(tmp, `${randomUUID()}.ndjson`);
    await fs.writeFile(ndjson, hourEvents.map((e) => JSON.stringify(row(e))).join('\n') + '\n');
    const dir = path.join(lakeRoot, 'events', hour);
    await fs.mkdir(dir, { recursive: true });
    const target = path.join(dir, `part-p00-${randomUUID()}.parquet`);
    await sql.run(
      `COPY (SELECT * FROM read_json(${literal(ndjson)}, columns = ${columns}, format = 'newline_delimited')) TO ${literal(target)} (FORMAT parquet)`,
    );
    await fs.rm(ndjson);
  }
}

// ---- a small catalog and a week of viewing, shared by the jobs, publish and eval tests ----


/** Catalog titles from test inputs (the same normalisation the catalog service applies). */
export function fixtureSnapshot(inputs: TitleInput[]): CatalogSnapshot {
  const known = new Set(testGenres.map((g) => g.id));
  const titles: Title[] = inputs.map((input) => normalizeTitle(input, input.id!, known, undefined, new Date('2026-01-01T00:00:00Z')));
  return buildSnapshot(1, titles, testGenres);
}

export const FIXTURE_NOW = new Date('2026-11-30T12:00:00.000Z');
export const hoursAgo = (h: number): Date => new Date(FIXTURE_NOW.getTime() - h * 3600_000);

/** m1, m2 (drama; m2 also thriller; both with Ada), m3 (comedy), s1 (a comedy show, 2 × 30 min), m4 (thriller, never watched). */
export function fixtureCatalog(): CatalogSnapshot {
  return fixtureSnapshot([
    titleInput({ id: 'm1', name: 'One', genres: ['drama'], runtimeMinutes: 100, popularity: 0.9, people: [{ name: 'Ada', role: 'actor' }] }),
    titleInput({ id: 'm2', name: 'Two', genres: ['drama', 'thriller'], runtimeMinutes: 100, popularity: 0.8, people: [{ name: 'Ada', role: 'actor' }] }),
    titleInput({ id: 'm3', name: 'Three', genres: ['comedy'], runtimeMinutes: 50, popularity: 0.7, people: [{ name: 'Bob', role: 'actor' }] }),
    titleInput({
      id: 's1', name: 'Show', kind: 'show', genres: ['comedy'], runtimeMinutes: 30, popularity: 0.6, people: [{ name: 'Dee', role: 'creator' }],
      seasons: [{ number: 1, episodes: [{ id: 's1e1', episodeNumber: 1, name: 'Pilot', runtimeMinutes: 30 }, { id: 's1e2', episodeNumber: 2, name: 'Two', runtimeMinutes: 30 }] }],
    }),
    titleInput({ id: 'm4', name: 'Four', genres: ['thriller'], runtimeMinutes: 100, popularity: 0.5, people: [{ name: 'Cy', role: 'actor' }] }),
  ]);
}

/** A viewing of `watchSec` seconds from 0 that ended `endedHoursAgo` before FIXTURE_NOW. */
export function watched(profileId: string, titleId: string, watchSec: number, durationSec: number, endedHoursAgo: number, country = 'US', episodeId?: string): FixtureEvent[] {
  const end = hoursAgo(endedHoursAgo);
  return viewing({ profileId, titleId, start: new Date(end.getTime() - watchSec * 1000), toSec: watchSec, durationSec, country, ...(episodeId ? { episodeId } : {}) });
}

/**
 * p1 (US) finished m1 and m2; p2 (US) finished m1 30 h ago and watched half of m2; p3 (GB) finished
 * an episode of s1 and sampled m3 for 10 min; p4 (no country) finished m1 ten days ago.
 */
export function fixtureEvents(): FixtureEvent[] {
  return [
    ...watched('p1', 'm1', 6000, 6000, 2),
    ...watched('p1', 'm2', 6000, 6000, 3),
    ...watched('p2', 'm1', 6000, 6000, 30),
    ...watched('p2', 'm2', 3000, 6000, 5),
    ...watched('p3', 's1', 1800, 1800, 1, 'GB', 's1e1'),
    ...watched('p3', 'm3', 600, 3000, 50, 'GB'),
    ...watched('p4', 'm1', 6000, 6000, 240, ''),
  ];
}
