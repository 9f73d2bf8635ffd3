import { randomUUID } from 'node:crypto';
import type { AuthContext } from '../accounts/model.js';
import type { ProfileAccess } from '../accounts/profiles.js';
import { AppError, type ErrorCode } from '../errors.js';
import type { Log, LogRecordInput } from '../platform/log/index.js';
import { RecentEventIds, type ProfileWindow } from './dedupe.js';
import { ACTIVITY_TOPIC, EVENT_SCHEMA_VERSION, type ClientEvent, type StoredEvent } from './schema.js';
import { checkEvent } from './validate.js';
import type { SessionPosition } from '../playback/session-control.js';

/** Most events one request may carry (more is 413). */
export const MAX_EVENTS_PER_BATCH = 500;
/** Largest request body of the ingest routes (more is 413). */
export const MAX_EVENTS_BODY_BYTES = 512 * 1024;

/** Why one event of a batch was not kept; `index` is its position in the batch. */
export interface EventError {
  index: number;
  code: ErrorCode;
  message: string;
}

export interface IngestResult {
  /** Events appended durably by this request. */
  accepted: number;
  /** Events dropped as repeats of ids seen recently (already durable). */
  duplicates: number;
  errors: EventError[];
}

export interface EventIngestDeps {
  log: Log;
  /** The ownership check: another account's profile throws PROFILE_NOT_FOUND. */
  profiles: { access(auth: AuthContext, profileId: string): Promise<ProfileAccess> };
  now?: () => Date;
  dedupe?: RecentEventIds;
}

/** A playback heartbeat's position, as the playback module reports it (its sink's type). */
export type PlaybackPosition = SessionPosition;

type Access = { ok: true; country: string; window: ProfileWindow } | { ok: false; code: ErrorCode; message: string };

/** Validates, authorises, enriches and durably appends event batches (`POST /v1/events`). */
export class EventIngest {
  private readonly now: () => Date;
  private readonly recent: RecentEventIds;

  constructor(private readonly deps: EventIngestDeps) {
    this.now = deps.now ?? (() => new Date());
    this.recent = deps.dedupe ?? new RecentEventIds();
  }

  /**
   * Keeps every valid event of the batch and reports the others by index. Resolves only after the
   * kept events are durable in the log (one append per batch), so a 202 means nothing is lost.
   * Takes ownership of `events`: server fields are added to the parsed objects in place.
   */
  async ingest(auth: AuthContext, events: unknown): Promise<IngestResult> {
    if (!Array.isArray(events)) throw new AppError('VALIDATION_FAILED', 'events must be an array');
    if (events.length > MAX_EVENTS_PER_BATCH) {
      throw new AppError('PAYLOAD_TOO_LARGE', `A batch holds at most ${MAX_EVENTS_PER_BATCH} events`, { maxEvents: MAX_EVENTS_PER_BATCH });
    }
    const receivedAt = this.now().getTime();
    const errors: EventError[] = [];
    const records: LogRecordInput[] = [];
    const taken: { window: ProfileWindow; id: string }[] = [];
    const waits = new Set<Promise<unknown>>();
    const profiles = new Map<string, Access>();
    let duplicates = 0;
    // Ids are remembered as they are taken, against a promise settled with this batch's append, so a
    // repeat inside the batch or in a concurrent request is caught by the same lookup.
    let settle: { resolve(value: unknown): void; reject(err: unknown): void } = { resolve: () => undefined, reject: () => undefined };
    const durable = new Promise<unknown>((resolve, reject) => (settle = { resolve, reject }));
    durable.catch(() => undefined); // rejections reach the request below; this only silences the spare copy

    try {
      for (let index = 0; index < events.length; index++) {
        const check = checkEvent(events[index]);
        if (!check.ok) {
          errors.push({ index, code: 'EVENT_INVALID', message: check.message });
          continue;
        }
        const event = check.event;
        // Awaited once per distinct profile of the batch, not per event (a microtask each is measurable here).
        let allowed = profiles.get(event.profileId);
        if (!allowed) {
          allowed = await this.access(auth, event.profileId);
          profiles.set(event.profileId, allowed);
        }
        if (!allowed.ok) {
          errors.push({ index, code: allowed.code, message: allowed.message });
          continue;
        }
        const earlier = allowed.window.get(event.id);
        if (earlier) {
          if (earlier !== durable) waits.add(earlier);
          duplicates++;
          continue;
        }
        allowed.window.add(event.id, durable);
        taken.push({ window: allowed.window, id: event.id });
        // The one serialisation per event; the log writes the string straight into its frame.
        const value = JSON.stringify(enrich(event, auth, allowed.country, receivedAt));
        records.push({ key: event.profileId, value, timestamp: receivedAt });
      }
      if (records.length > 0) settle.resolve(await this.deps.log.append(ACTIVITY_TOPIC, records));
      else settle.resolve(undefined);
    } catch (err) {
      for (const { window, id } of taken) window.forget([id], durable);
      settle.reject(err);
      throw err;
    }
    // Repeats wait for the append that first carried them: acknowledged means durable, always.
    await Promise.all(waits);
    return { accepted: records.length, duplicates, errors };
  }

  /**
   * Appends a heartbeat the server saw itself (`POST /v1/play/:id/heartbeat`) as a `heartbeat`
   * event, durably. Bitrate and buffer are unknown there and recorded as 0.
   */
  async appendPlaybackHeartbeat(auth: AuthContext, position: PlaybackPosition): Promise<void> {
    const allowed = await this.access(auth, position.profileId);
    if (!allowed.ok) return;
    const receivedAt = this.now().getTime();
    const event: StoredEvent = {
      type: 'heartbeat',
      id: randomUUID(),
      clientTime: position.at.getTime(),
      profileId: position.profileId,
      deviceId: position.deviceId,
      titleId: position.titleId,
      ...(position.episodeId ? { episodeId: position.episodeId } : {}),
      playbackSessionId: position.playbackSessionId,
      positionSec: position.positionSec,
      durationSec: position.durationSec,
      bitrateKbps: 0,
      bufferSec: 0,
      v: EVENT_SCHEMA_VERSION,
      accountId: auth.accountId,
      country: allowed.country,
      receivedAt,
    };
    await this.deps.log.append(ACTIVITY_TOPIC, [{ key: event.profileId, value: JSON.stringify(event), timestamp: receivedAt }]);
  }

  private async access(auth: AuthContext, profileId: string): Promise<Access> {
    try {
      const access = await this.deps.profiles.access(auth, profileId);
      return { ok: true, country: access.viewer.country ?? '', window: this.recent.windowFor(profileId) };
    } catch (err) {
      // Another account's profile reads exactly like a missing one (PROFILE_NOT_FOUND): no existence leak.
      if (err instanceof AppError && (err.code === 'PROFILE_NOT_FOUND' || err.code === 'PIN_REQUIRED')) {
        return { ok: false, code: err.code, message: err.message };
      }
      throw err;
    }
  }
}

/**
 * The stored form: client fields as sent (client time too, however far off) plus server fields.
 * Adds them to the parsed event in place: it belongs to this request, and a copy of every event
 * showed up as ~13 % of ingest CPU.
 */
function enrich(event: ClientEvent, auth: AuthContext, country: string, receivedAt: number): StoredEvent {
  const stored = event as StoredEvent;
  stored.v = EVENT_SCHEMA_VERSION;
  stored.accountId = auth.accountId;
  stored.country = country;
  stored.receivedAt = receivedAt;
  return stored;
}
