/**
 * The lake's `events` table, version 1: one row per stored activity event (docs/LAKE.md).
 * Files live under `<lake>/events/dt=YYYY-MM-DD/hr=HH/` (UTC of the server receive time), so
 * readers prune by date and hour with Hive partitioning. Columns are snake_case, typed for SQL,
 * and a superset of every event type's fields (NULL where a type has no such field).
 */

/** One column: its SQL type, and the stored event's field it comes from. */
export interface LakeColumn {
  name: string;
  /** DuckDB / standard SQL type as written to Parquet. */
  type: string;
  /** Field of the stored event (JSON) this column is read from. */
  field: string;
  /** SQL type the field has in the JSON (defaults to `type`). */
  jsonType?: string;
  /** SQL that turns the JSON field (as `e.<field>`) into the column, when not a plain copy. */
  convert?: (expr: string) => string;
  doc: string;
}

export const LAKE_EVENTS_TABLE = 'events';
export const LAKE_SCHEMA_VERSION = 1;

export const LAKE_EVENT_COLUMNS: readonly LakeColumn[] = [
  { name: 'event_id', type: 'VARCHAR', field: 'id', doc: 'client event id (UUID); unique per event in the lake' },
  { name: 'type', type: 'VARCHAR', field: 'type', doc: 'event type (docs/EVENTS.md)' },
  { name: 'v', type: 'UTINYINT', field: 'v', doc: 'event schema version' },
  { name: 'received_at', type: 'TIMESTAMP', field: 'receivedAt', jsonType: 'BIGINT', convert: (e) => `epoch_ms(${e})`, doc: 'server receive time (UTC); dt/hr derive from it' },
  { name: 'client_time_ms', type: 'BIGINT', field: 'clientTime', doc: 'client clock, ms since epoch, as sent (may be far off)' },
  { name: 'account_id', type: 'VARCHAR', field: 'accountId', doc: 'account of the profile' },
  { name: 'profile_id', type: 'VARCHAR', field: 'profileId', doc: 'profile' },
  { name: 'device_id', type: 'VARCHAR', field: 'deviceId', doc: 'device' },
  { name: 'device_type', type: 'VARCHAR', field: 'deviceType', doc: 'tv | mobile | tablet | desktop | web, or NULL' },
  { name: 'country', type: 'VARCHAR', field: 'country', doc: "account country (ISO 3166-1 alpha-2), '' when unknown" },
  { name: 'title_id', type: 'VARCHAR', field: 'titleId', doc: 'title (movie or show) the event is about' },
  { name: 'episode_id', type: 'VARCHAR', field: 'episodeId', doc: 'episode, for shows' },
  { name: 'playback_session_id', type: 'VARCHAR', field: 'playbackSessionId', doc: 'playback session from POST /v1/play' },
  { name: 'position_sec', type: 'DOUBLE', field: 'positionSec', doc: 'heartbeat, pause, resume, stop, play_start' },
  { name: 'duration_sec', type: 'DOUBLE', field: 'durationSec', doc: 'runtime of what is played: heartbeat, stop, complete' },
  { name: 'from_sec', type: 'DOUBLE', field: 'fromSec', doc: 'seek' },
  { name: 'to_sec', type: 'DOUBLE', field: 'toSec', doc: 'seek' },
  { name: 'bitrate_kbps', type: 'INTEGER', field: 'bitrateKbps', doc: 'heartbeat' },
  { name: 'buffer_sec', type: 'DOUBLE', field: 'bufferSec', doc: 'heartbeat' },
  { name: 'rating', type: 'VARCHAR', field: 'rating', doc: "rating: 'down' | 'up' | 'double_up', NULL when cleared" },
  { name: 'row_id', type: 'VARCHAR', field: 'row', doc: 'impression: row id' },
  { name: 'title_ids', type: 'VARCHAR[]', field: 'titleIds', doc: 'impression: titles shown' },
  { name: 'positions', type: 'INTEGER[]', field: 'positions', doc: 'impression: slot of each title' },
  { name: 'query', type: 'VARCHAR', field: 'query', doc: 'search: query text' },
  { name: 'result_count', type: 'INTEGER', field: 'resultCount', doc: 'search' },
  { name: 'clicked_title_id', type: 'VARCHAR', field: 'clickedTitleId', doc: 'search: title clicked, if any' },
  { name: 'startup_ms', type: 'INTEGER', field: 'startupMs', doc: 'qoe' },
  { name: 'rebuffer_count', type: 'INTEGER', field: 'rebufferCount', doc: 'qoe' },
  { name: 'rebuffer_ms', type: 'BIGINT', field: 'rebufferMs', doc: 'qoe' },
  { name: 'bitrate_switches', type: 'INTEGER', field: 'bitrateSwitches', doc: 'qoe' },
  { name: 'dropped_frames', type: 'BIGINT', field: 'droppedFrames', doc: 'qoe' },
  { name: 'error_code', type: 'VARCHAR', field: 'errorCode', doc: 'qoe: player error, if any' },
  { name: 'played_ms', type: 'BIGINT', field: 'playedMs', doc: 'qoe: media time played in the session so far (optional)' },
];

/** Columns the sink adds from the log position of the record (the exactly-once key). */
export const LAKE_LOG_COLUMNS: readonly { name: string; type: string; doc: string }[] = [
  { name: 'log_partition', type: 'INTEGER', doc: 'activity log partition the event was read from' },
  { name: 'log_offset', type: 'BIGINT', doc: 'its offset in that partition; (log_partition, log_offset) is unique' },
];

/** Hive partition columns, present when reading with `hive_partitioning = true`. */
export const LAKE_PARTITION_COLUMNS: readonly { name: string; type: string; doc: string }[] = [
  { name: 'dt', type: 'DATE', doc: 'UTC date of received_at (directory dt=YYYY-MM-DD)' },
  { name: 'hr', type: 'INTEGER', doc: 'UTC hour of received_at, 0–23 (directory hr=HH)' },
];

/** Where the events table lives under the lake root. */
export function lakeEventsGlob(lakeRoot: string): string {
  return `${lakeRoot.replace(/\/$/, '')}/${LAKE_EVENTS_TABLE}/dt=*/hr=*/*.parquet`;
}

/**
 * A `FROM` clause over every Parquet file of the events table, with dt/hr from the paths.
 * `union_by_name` lets files of a later schema version (more columns) be read together.
 */
export function lakeEventsSource(lakeRoot: string): string {
  const glob = lakeEventsGlob(lakeRoot).replace(/'/g, "''");
  return `read_parquet('${glob}', hive_partitioning = true, union_by_name = true)`;
}
