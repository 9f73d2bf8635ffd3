import { Compile, type Validator } from 'typebox/compile';
import { EVENT_TYPES, EventSchemas, type ClientEvent, type EventType } from './schema.js';

/** Compiled once at import: validation runs for every event of every batch (the ingest hot path). */
const validators = new Map<string, Validator>(EVENT_TYPES.map((type) => [type, Compile(EventSchemas[type])]));

export type EventCheck = { ok: true; event: ClientEvent } | { ok: false; message: string };

function describe(validator: Validator, value: unknown): string {
  const [first] = validator.Errors(value);
  if (!first) return 'is invalid';
  const extra = (first.params as { additionalProperties?: string[] }).additionalProperties;
  const where = first.instancePath ? first.instancePath.slice(1).replace(/\//g, '.') : 'event';
  return extra ? `${where} has unknown field(s) ${extra.join(', ')}` : `${where} ${first.message}`;
}

/**
 * Checks one event against the schema of its `type`. Dispatching on `type` first keeps the check
 * to one compiled object schema per event and gives an error that names the real problem.
 */
export function checkEvent(value: unknown): EventCheck {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return { ok: false, message: 'event must be an object' };
  const type = (value as { type?: unknown }).type;
  const validator = typeof type === 'string' ? validators.get(type) : undefined;
  if (!validator) return { ok: false, message: `type must be one of ${EVENT_TYPES.join(', ')}` };
  if (!validator.Check(value)) return { ok: false, message: describe(validator, value) };
  const event = value as ClientEvent;
  if (event.type === 'impression' && event.positions.length !== event.titleIds.length) {
    return { ok: false, message: 'positions must have one entry per title in titleIds' };
  }
  return { ok: true, event };
}

export type { EventType };
