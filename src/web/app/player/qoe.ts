// Quality of experience for one viewing, and the batch sender for its activity events (docs/EVENTS.md).
// The collector is pure (every method takes the time), so it is unit-tested without a browser; the
// sender only queues and hands batches to a transport, which reporting.ts backs with fetch/sendBeacon.

/** What every event of a playback session carries (the `playback` fields of src/activity/schema.ts). */
export interface PlaybackContext {
  profileId: string;
  deviceId: string;
  deviceType: 'web';
  titleId: string;
  episodeId?: string;
  playbackSessionId: string;
}

export interface QoeStats {
  startupMs: number;
  rebufferCount: number;
  rebufferMs: number;
  /** Time spent playing so far (Shaka's playTime), for the rebuffer ratio; optional on the wire. */
  playedMs?: number;
  bitrateSwitches: number;
  droppedFrames: number;
  errorCode?: string;
}

/** The event-specific part of each playback event type the web player sends. */
export type PlaybackEventBody =
  | { type: 'play_start'; positionSec: number }
  | { type: 'pause' | 'resume'; positionSec: number }
  | { type: 'seek'; fromSec: number; toSec: number }
  | { type: 'stop'; positionSec: number; durationSec: number }
  | { type: 'complete'; durationSec: number }
  | ({ type: 'qoe' } & QoeStats);

export type ClientEvent = PlaybackEventBody & PlaybackContext & { id: string; clientTime: number };

/** The schema's bound on startupMs; a startup that never finished is reported as the time waited. */
const MAX_STARTUP_MS = 600_000;

/**
 * Counts one viewing's QoE. Times are ms on one monotonic clock (performance.now() in the page).
 * Totals are cumulative for the session, so the last `qoe` event of a playback session is its total
 * and an event lost in between costs nothing.
 */
export class QoeCollector {
  private firstFrameAt: number | null = null;
  private bufferingSince: number | null = null;
  private rebufferCount = 0;
  private rebufferMs = 0;
  private variant: string | number | null = null;
  private switches = 0;
  private errorCode: string | undefined;

  constructor(private readonly requestedAt: number) {}

  get started(): boolean {
    return this.firstFrameAt !== null;
  }

  firstFrame(now: number): void {
    this.firstFrameAt ??= now;
  }

  /**
   * Shaka's `buffering` state. Only stalls after the first frame are rebuffers (before it, that is
   * startup), and not those of a seek: the viewer asked for that wait, it is not a network stall.
   */
  buffering(isBuffering: boolean, now: number, seeking: boolean): void {
    if (isBuffering) {
      if (this.started && !seeking && this.bufferingSince === null) {
        this.bufferingSince = now;
        this.rebufferCount += 1;
      }
    } else if (this.bufferingSince !== null) {
      this.rebufferMs += now - this.bufferingSince;
      this.bufferingSince = null;
    }
  }

  /**
   * The active variant after an `adaptation` or `variantchanged` event. Shaka can fire both for one
   * change, and fires one for the initial choice, so a switch is a change of the active variant id.
   */
  variantActive(id: string | number | null): void {
    if (id === null || id === this.variant) return;
    if (this.variant !== null) this.switches += 1;
    this.variant = id;
  }

  /** The last player error wins: it is the one that most likely ended the viewing. */
  error(code: string | number): void {
    this.errorCode = String(code).slice(0, 64);
  }

  snapshot(now: number, droppedFrames: number): QoeStats {
    const ongoing = this.bufferingSince === null ? 0 : now - this.bufferingSince;
    const startup = (this.firstFrameAt ?? now) - this.requestedAt;
    return {
      startupMs: Math.min(MAX_STARTUP_MS, Math.max(0, Math.round(startup))),
      rebufferCount: this.rebufferCount,
      rebufferMs: Math.max(0, Math.round(this.rebufferMs + ongoing)),
      bitrateSwitches: this.switches,
      droppedFrames: Math.max(0, Math.round(droppedFrames)),
      ...(this.errorCode !== undefined ? { errorCode: this.errorCode } : {}),
    };
  }
}

/** Delivers a batch: `post` resolves true when the server answered (keep nothing), false to retry. */
export interface EventTransport {
  post(events: readonly ClientEvent[]): Promise<boolean>;
  /** Fire and forget while the page goes away; true when the browser queued it. */
  beacon(events: readonly ClientEvent[]): boolean;
}

/** The server's per-request cap (MAX_EVENTS_PER_BATCH); a longer outage drops the oldest events. */
const MAX_QUEUED = 500;

/** Stamps events with their id and time and sends them in batches; failed batches are retried with the same ids. */
export class EventSender {
  private queue: ClientEvent[] = [];
  private inFlight: Promise<void> | null = null;

  constructor(
    private readonly context: PlaybackContext,
    private readonly transport: EventTransport,
    private readonly clock: () => number = () => Date.now(),
    private readonly newId: () => string = () => crypto.randomUUID(),
  ) {}

  add(body: PlaybackEventBody): void {
    this.queue.push({ ...body, ...this.context, id: this.newId(), clientTime: this.clock() });
    if (this.queue.length > MAX_QUEUED) this.queue.splice(0, this.queue.length - MAX_QUEUED);
  }

  get pending(): number {
    return this.queue.length;
  }

  /** Sends what is queued; one request at a time so a retry never races its own first copy. */
  flush(): Promise<void> {
    // Events queued behind a request in flight go out right after it (the final batch must not wait for a timer).
    if (this.inFlight) return this.inFlight.then(() => this.flush());
    if (this.queue.length === 0) return Promise.resolve();
    const batch = this.queue.splice(0);
    this.inFlight = this.transport
      .post(batch)
      .catch(() => false)
      .then((delivered) => {
        if (!delivered) this.queue.unshift(...batch.slice(0, MAX_QUEUED - this.queue.length));
        this.inFlight = null;
      });
    return this.inFlight;
  }

  /** The last chance on page unload: everything queued goes in one beacon. */
  beacon(): void {
    if (this.queue.length === 0) return;
    const batch = this.queue.splice(0);
    if (!this.transport.beacon(batch)) void this.transport.post(batch).catch(() => false);
  }
}
