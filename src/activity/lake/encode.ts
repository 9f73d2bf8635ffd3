import type { LogRecord } from '../../platform/log/index.js';
import { EVENT_SCHEMA_VERSION } from '../schema.js';
import { hourPartition } from './paths.js';

/**
 * One log record made ready for a staging NDJSON file: the stored event's JSON text wrapped with its
 * log position, and the hour directory it belongs in. The event text goes into the line as is (no
 * re-serialising); it is parsed once here only to reject what is not a v1 event and to learn its
 * receive hour.
 */
export interface StagedEntry {
  record: LogRecord;
  /** `dt=YYYY-MM-DD/hr=HH`, from `receivedAt` (UTC). */
  hour: string;
  /** `{"p":…,"o":…,"e":<event JSON>}`, one line. */
  line: string;
}

export type EncodeResult = { ok: true; entry: StagedEntry } | { ok: false; error: string };

const decoder = new TextDecoder('utf-8');

/** Wraps a record for staging, or says why it can never land (it is then dead-lettered). */
export function encodeRecord(record: LogRecord): EncodeResult {
  let text = decoder.decode(record.value);
  let event: unknown;
  try {
    event = JSON.parse(text);
  } catch (err) {
    return { ok: false, error: `not JSON: ${(err as Error).message}` };
  }
  if (event === null || typeof event !== 'object' || Array.isArray(event)) return { ok: false, error: 'not a JSON object' };
  const { v, id, type, receivedAt } = event as Record<string, unknown>;
  if (v !== EVENT_SCHEMA_VERSION) return { ok: false, error: `unknown event schema version ${JSON.stringify(v) ?? 'undefined'}` };
  if (typeof id !== 'string' || id.length === 0) return { ok: false, error: 'event has no id' };
  if (typeof type !== 'string') return { ok: false, error: 'event has no type' };
  // Dates past year 9999 have no dt= directory; receive times are server clocks, so this is bad data.
  if (typeof receivedAt !== 'number' || !Number.isSafeInteger(receivedAt) || receivedAt < 0 || receivedAt >= 253_402_300_800_000) {
    return { ok: false, error: 'event has no valid receivedAt' };
  }
  // The text parsed as one JSON value, so a newline in it can only be whitespace between tokens
  // (JSON strings cannot hold raw newlines); flattening keeps one record per NDJSON line.
  if (text.includes('\n') || text.includes('\r')) text = text.replace(/[\r\n]/g, ' ');
  const hour = hourPartition(receivedAt);
  return { ok: true, entry: { record, hour, line: `{"p":${record.partition},"o":${record.offset},"e":${text}}` } };
}
