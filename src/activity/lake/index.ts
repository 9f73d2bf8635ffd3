/** The activity data lake: the `events` table's definition and the sink that writes it (docs/LAKE.md). */
export {
  LAKE_EVENT_COLUMNS,
  LAKE_EVENTS_TABLE,
  LAKE_LOG_COLUMNS,
  LAKE_PARTITION_COLUMNS,
  LAKE_SCHEMA_VERSION,
  lakeEventsGlob,
  lakeEventsSource,
  type LakeColumn,
} from './schema.js';
export {
  DEFAULT_LAKE_ROLL_BYTES,
  DEFAULT_LAKE_ROLL_MS,
  DEFAULT_LAKE_ROLL_ROWS,
  LAKE_GROUP,
  lakeSinkHandler,
  type LakeSinkOptions,
} from './sink.js';
export { hourPartition, partFileName, parsePartFileName, type PartFile } from './paths.js';
export type { LandedFile } from './writer.js';
