import type { Log } from '../platform/log/index.js';
import { ACTIVITY_TOPIC } from './schema.js';

const UNIT_MS: Record<string, number> = { s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000, w: 604_800_000 };

/**
 * Parses a replay start: an ISO 8601 time (`2026-11-30T12:00:00Z`) or a time ago (`90s`, `15m`, `2h`,
 * `7d`, `1w`). Returns ms since epoch, or undefined when the text is neither.
 */
export function parseReplayTime(text: string, now = Date.now()): number | undefined {
  const relative = /^(\d{1,6})\s*([smhdw])$/.exec(text.trim());
  if (relative) return now - Number(relative[1]) * (UNIT_MS[relative[2] as string] as number);
  // Date.parse alone accepts too much ("1", "March"): ask for a date first.
  if (!/^\d{4}-\d{2}-\d{2}/.test(text.trim())) return undefined;
  const ms = Date.parse(text.trim());
  return Number.isFinite(ms) ? ms : undefined;
}

/** What a consumer does around a replay; consumers that are idempotent by themselves need nothing. */
export interface ReplayPlan {
  /** Where to seek for a replay asked from `fromMs` (default: `fromMs`). */
  seekTime?(fromMs: number): number;
  /** Runs after the seek (e.g. the counters delete the hours they will count again). */
  reset?(fromMs: number): Promise<void>;
}

/**
 * Moves `group` on the activity topic to its first record at or after the plan's seek time, then lets
 * the consumer reset what it derived from the records it will read again. The seek comes first: if the
 * reset fails, the consumer's own idempotence skips the records it already applied. The group must be
 * inactive (no running consumer), like resetting a Kafka group's offsets.
 */
export async function replayConsumer(log: Log, group: string, fromMs: number, plan: ReplayPlan = {}): Promise<{ seekMs: number }> {
  const seekMs = plan.seekTime?.(fromMs) ?? fromMs;
  const consumer = await log.consumer(ACTIVITY_TOPIC, group);
  try {
    await consumer.seek({ time: seekMs });
  } finally {
    await consumer.close();
  }
  await plan.reset?.(fromMs);
  return { seekMs };
}
