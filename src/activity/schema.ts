/**
 * The activity event schema, version 1 (documented in docs/EVENTS.md). One TypeBox object per
 * event type; `validate.ts` compiles each once. Objects are closed (no extra fields) so what lands
 * in the log, and later the lake, has one known shape per version.
 */
import { Type, type Static, type TSchema } from 'typebox';

/** The schema version the server stamps on every stored event. */
export const EVENT_SCHEMA_VERSION = 1;

const Id = Type.String({ minLength: 1, maxLength: 64, pattern: '^[A-Za-z0-9_.:-]+$' });
const Seconds = Type.Number({ minimum: 0, maximum: 1e7 });
const Count = Type.Integer({ minimum: 0, maximum: 1e9 });

/** Fields every event carries. */
const common = {
  /** Optional on the wire; when present it must be the version this server speaks. */
  v: Type.Optional(Type.Literal(EVENT_SCHEMA_VERSION)),
  id: Type.String({ format: 'uuid', description: 'Client event id (UUID); duplicates are dropped' }),
  clientTime: Type.Integer({ minimum: 0, maximum: 8.64e15, description: 'Client clock, ms since epoch; kept as sent' }),
  profileId: Id,
  deviceId: Id,
  deviceType: Type.Optional(Type.Union([Type.Literal('tv'), Type.Literal('mobile'), Type.Literal('tablet'), Type.Literal('desktop'), Type.Literal('web')])),
};
/** Fields of events that happen inside a playback session. */
const playback = {
  titleId: Id,
  episodeId: Type.Optional(Id),
  playbackSessionId: Id,
};

function event<T extends string, P extends Record<string, TSchema>>(type: T, properties: P) {
  return Type.Object({ type: Type.Literal(type), ...common, ...properties }, { additionalProperties: false });
}

export const EventSchemas = {
  play_start: event('play_start', { ...playback, positionSec: Type.Optional(Seconds) }),
  heartbeat: event('heartbeat', { ...playback, positionSec: Seconds, durationSec: Type.Number({ exclusiveMinimum: 0, maximum: 1e7 }), bitrateKbps: Count, bufferSec: Seconds }),
  pause: event('pause', { ...playback, positionSec: Seconds }),
  resume: event('resume', { ...playback, positionSec: Seconds }),
  seek: event('seek', { ...playback, fromSec: Seconds, toSec: Seconds }),
  stop: event('stop', { ...playback, positionSec: Seconds, durationSec: Type.Number({ exclusiveMinimum: 0, maximum: 1e7 }) }),
  complete: event('complete', { ...playback, durationSec: Type.Number({ exclusiveMinimum: 0, maximum: 1e7 }) }),
  rating: event('rating', {
    titleId: Id,
    rating: Type.Union([Type.Literal('down'), Type.Literal('up'), Type.Literal('double_up'), Type.Null()]),
  }),
  list_add: event('list_add', { titleId: Id }),
  list_remove: event('list_remove', { titleId: Id }),
  impression: event('impression', {
    row: Type.String({ minLength: 1, maxLength: 128 }),
    titleIds: Type.Array(Id, { minItems: 1, maxItems: 100 }),
    /** Slot of each title in the row, same length as `titleIds` (checked in validate.ts). */
    positions: Type.Array(Type.Integer({ minimum: 0, maximum: 10_000 }), { minItems: 1, maxItems: 100 }),
  }),
  search: event('search', {
    query: Type.String({ maxLength: 200 }),
    resultCount: Count,
    clickedTitleId: Type.Optional(Id),
  }),
  qoe: event('qoe', {
    ...playback,
    startupMs: Type.Integer({ minimum: 0, maximum: 600_000 }),
    rebufferCount: Count,
    rebufferMs: Count,
    /** Time spent playing (not stalled, not paused) in the session so far; optional, for the rebuffer ratio. */
    playedMs: Type.Optional(Count),
    bitrateSwitches: Count,
    droppedFrames: Count,
    errorCode: Type.Optional(Type.String({ minLength: 1, maxLength: 64 })),
  }),
} as const;

export type EventType = keyof typeof EventSchemas;
export const EVENT_TYPES = Object.keys(EventSchemas) as EventType[];

/** An event as a client sends it. */
export type ClientEvent = { [K in EventType]: Static<(typeof EventSchemas)[K]> }[EventType];

/** An event as stored in the log: the client's fields plus what the server adds. */
export type StoredEvent = ClientEvent & {
  v: typeof EVENT_SCHEMA_VERSION;
  accountId: string;
  /** The account's country (ISO 3166-1 alpha-2) when the event was received. */
  country: string;
  /** Server receive time, ms since epoch. */
  receivedAt: number;
};

/** The log topic every activity event is appended to, keyed by profile id. */
export const ACTIVITY_TOPIC = 'activity';

/** Wire schema of one client event for the OpenAPI document (validation happens per event, in code). */
export const ClientEventDoc = Type.Union(EVENT_TYPES.map((type) => EventSchemas[type]), {
  description: 'One activity event (see docs/EVENTS.md)',
});
