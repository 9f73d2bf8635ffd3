import { Counter, Histogram, type Registry } from 'prom-client';
import type { LogRecord } from '../platform/log/index.js';
import type { ConsumerHandler, RecordFailure } from './consumer-runner.js';

/** The consumer group of the QoE metrics. */
export const QOE_GROUP = 'qoe';

/**
 * Countries with their own label value; others are `other`, a missing one `unknown`. A fixed list
 * keeps the series count bounded (countries × device types × buckets) whatever the member base.
 */
export const QOE_COUNTRIES: readonly string[] = [
  'US', 'CA', 'MX', 'BR', 'AR', 'CO', 'GB', 'IE', 'FR', 'DE', 'ES', 'IT', 'NL', 'SE', 'PL', 'TR',
  'IN', 'JP', 'KR', 'AU', 'NZ', 'ZA', 'NG', 'EG', 'SA', 'AE', 'ID', 'PH', 'TH', 'VN', 'MY', 'SG',
];
const DEVICE_TYPES = new Set(['tv', 'mobile', 'tablet', 'desktop', 'web']);
/** Error codes get their own label value up to this many distinct codes per process, then `other`. */
export const MAX_ERROR_CODES = 100;
/** Sessions remembered for once-per-session observations; the oldest is forgotten past this. */
const MAX_SESSIONS = 100_000;

export const STARTUP_BUCKETS = [0.25, 0.5, 1, 1.5, 2, 3, 5, 8, 13, 20, 30, 60];
export const REBUFFER_RATIO_BUCKETS = [0, 0.001, 0.005, 0.01, 0.02, 0.05, 0.1, 0.2, 0.5, 1];

type Labels = 'device_type' | 'country';

interface QoeMetrics {
  startup: Histogram<Labels>;
  rebuffer: Histogram<Labels>;
  errors: Counter<Labels | 'code'>;
}

function metricsFor(registry: Registry): QoeMetrics {
  const existing = <T>(name: string) => registry.getSingleMetric(name) as T | undefined;
  const labelNames = ['device_type', 'country'] as const;
  return {
    startup:
      existing<Histogram<Labels>>('marquee_qoe_startup_seconds') ??
      new Histogram({ name: 'marquee_qoe_startup_seconds', help: 'Time from asking to play to the first frame, once per playback session', labelNames, buckets: STARTUP_BUCKETS, registers: [registry] }),
    rebuffer:
      existing<Histogram<Labels>>('marquee_qoe_rebuffer_ratio') ??
      new Histogram({
        name: 'marquee_qoe_rebuffer_ratio',
        help: 'Stalled time / (stalled + played time) per QoE reporting interval of a playback session',
        labelNames,
        buckets: REBUFFER_RATIO_BUCKETS,
        registers: [registry],
      }),
    errors:
      existing<Counter<Labels | 'code'>>('marquee_qoe_errors_total') ??
      new Counter({ name: 'marquee_qoe_errors_total', help: 'Playback sessions that reported a player error, by error code', labelNames: ['device_type', 'country', 'code'] as const, registers: [registry] }),
  };
}

/** The bounded label values of an event. */
export function qoeLabels(event: { deviceType?: unknown; country?: unknown }): Record<Labels, string> {
  const device = typeof event.deviceType === 'string' && DEVICE_TYPES.has(event.deviceType) ? event.deviceType : 'unknown';
  const country = typeof event.country !== 'string' || event.country === '' ? 'unknown' : QOE_COUNTRIES.includes(event.country) ? event.country : 'other';
  return { device_type: device, country };
}

/** What the consumer remembers of a session: the totals of its last QoE snapshot. */
interface SessionState {
  rebufferMs: number;
  playedMs: number | undefined;
  errorCode: string | undefined;
}

interface QoeEvent {
  type: 'qoe';
  playbackSessionId: string;
  startupMs: number;
  rebufferMs: number;
  playedMs?: number;
  errorCode?: string;
  deviceType?: string;
  country?: string;
}

const decoder = new TextDecoder();

function parse(record: LogRecord): QoeEvent | null | string {
  let value: unknown;
  try {
    value = JSON.parse(decoder.decode(record.value));
  } catch {
    return 'value is not JSON';
  }
  if (typeof value !== 'object' || value === null) return 'value is not a JSON object';
  const e = value as Record<string, unknown>;
  if (e.type !== 'qoe') return null;
  if (typeof e.playbackSessionId !== 'string' || typeof e.startupMs !== 'number' || typeof e.rebufferMs !== 'number') return 'qoe event lacks playbackSessionId, startupMs or rebufferMs';
  if (e.playedMs !== undefined && typeof e.playedMs !== 'number') return 'qoe event has a non-numeric playedMs';
  return e as unknown as QoeEvent;
}

/**
 * The QoE metrics consumer. QoE totals are cumulative per playback session (docs/EVENTS.md), so:
 * startup time is observed once per session (its first snapshot); the rebuffer ratio is observed
 * per reporting interval, from the growth of `rebufferMs` and `playedMs` since the session's previous
 * snapshot (a snapshot older than the last one seen changes nothing); an error counts once per
 * session and code. Sessions are remembered in memory only, so a replay observes again: metrics
 * show the live picture, the lake holds the exact history.
 */
export function qoeHandler(registry: Registry): ConsumerHandler {
  const metrics = metricsFor(registry);
  const sessions = new Map<string, SessionState>();
  const errorCodes = new Set<string>();

  function codeLabel(code: string): string {
    if (errorCodes.has(code)) return code;
    if (errorCodes.size >= MAX_ERROR_CODES) return 'other';
    errorCodes.add(code);
    return code;
  }

  function observe(e: QoeEvent): void {
    const labels = qoeLabels(e);
    const previous = sessions.get(e.playbackSessionId);
    if (!previous) metrics.startup.observe(labels, e.startupMs / 1000);
    if (e.playedMs !== undefined) {
      const rebuffered = e.rebufferMs - (previous?.rebufferMs ?? 0);
      const played = e.playedMs - (previous?.playedMs ?? 0);
      if (rebuffered < 0 || played < 0) return; // an older snapshot, redelivered or out of order
      if (rebuffered + played > 0) metrics.rebuffer.observe(labels, rebuffered / (rebuffered + played));
    }
    if (e.errorCode !== undefined && e.errorCode !== previous?.errorCode) metrics.errors.inc({ ...labels, code: codeLabel(e.errorCode) });
    // Re-inserting moves the session to the newest end of the map, so the oldest is evicted first.
    sessions.delete(e.playbackSessionId);
    sessions.set(e.playbackSessionId, { rebufferMs: e.rebufferMs, playedMs: e.playedMs ?? previous?.playedMs, errorCode: e.errorCode ?? previous?.errorCode });
    if (sessions.size > MAX_SESSIONS) sessions.delete(sessions.keys().next().value as string);
  }

  return {
    name: QOE_GROUP,
    handle(records) {
      const failures: RecordFailure[] = [];
      for (const record of records) {
        const event = parse(record);
        if (typeof event === 'string') failures.push({ record, error: event });
        else if (event) observe(event);
      }
      return Promise.resolve(failures.length ? { failures } : undefined);
    },
  };
}
