import type { Cache } from '../platform/cache/types.js';
import type { Title, Viewer } from '../catalog/model.js';
import { AppError } from '../errors.js';
import { decodeTimeCursor, encodeTimeCursor } from './cursor.js';
import { HotCache } from './hot-cache.js';
import type { HistoryItem, Page, ProgressEntry } from './model.js';
import type { ProfileAccess } from './profiles.js';
import type { ProgressRow } from './tables.js';
import type { VisibleTitles } from './visible.js';
import type { WatchRepository } from './watch-repository.js';

/** A title counts as watched once this share of it has been played. */
export const COMPLETED_SHARE = 0.95;
const FOREIGN_KEY_VIOLATION = '23503';

function toEntry(row: ProgressRow): ProgressEntry {
  return {
    titleId: row.title_id,
    episodeId: row.episode_id === '' ? null : row.episode_id,
    positionSec: row.position_sec,
    durationSec: row.duration_sec,
    completed: row.completed,
    updatedAt: row.updated_at.toISOString(),
  };
}

/** Titles of history the shared cache holds per profile, newest first: what the home page reads. */
const RECENT_DEPTH = 60;

/** A profile's latest positions as cached: `limit` says how deep the read went. */
interface HeldRecent {
  limit: number;
  entries: ProgressEntry[];
}

/** One position to store (the progress consumer's unit). */
export interface ProgressWrite {
  profileId: string;
  titleId: string;
  episodeId: string | null;
  positionSec: number;
  durationSec: number;
  at: Date;
}

/** Viewing history and playback progress: written by the activity pipeline, read by the API and home rows. */
export class WatchService {
  private readonly recentCache: HotCache<HeldRecent> | undefined;

  /**
   * `cache` holds each profile's latest positions for the home page (read on every page view),
   * invalidated on every write through this service: the progress consumer writes here, so the next
   * page sees a title finished a moment ago. Invalidation leaves a tombstone (see HotCache), so a read
   * that raced the write cannot put the old history back; `recentTtlMs` is only a backstop.
   */
  constructor(
    private readonly repo: WatchRepository,
    private readonly titles: VisibleTitles,
    cache?: Cache,
    recentTtlMs = 10 * 60_000,
  ) {
    this.recentCache = cache && new HotCache(cache, 'recent:', recentTtlMs);
  }

  private async forget(profileId: string): Promise<void> {
    await this.recentCache?.invalidate(profileId);
  }

  /**
   * Stores a playback position (the progress consumer calls this). Idempotent: a position older
   * than the stored one, or the same event again, changes nothing. Completed at ≥ 95 %. Also moves
   * the title's history item forward. Returns false when ignored (stale, or the profile is gone).
   */
  async recordProgress(
    profileId: string,
    titleId: string,
    episodeId: string | null,
    positionSec: number,
    durationSec: number,
    at: Date,
  ): Promise<boolean> {
    if (!(durationSec > 0) || !(positionSec >= 0) || Number.isNaN(at.getTime())) {
      throw new AppError('VALIDATION_FAILED', 'progress needs durationSec > 0, positionSec ≥ 0 and a valid time');
    }
    const position = Math.min(positionSec, durationSec);
    try {
      const changed = await this.repo.recordProgress({
        profile_id: profileId,
        title_id: titleId,
        episode_id: episodeId ?? '',
        position_sec: position,
        duration_sec: durationSec,
        completed: position >= COMPLETED_SHARE * durationSec,
        updated_at: at,
      });
      if (changed) await this.forget(profileId);
      return changed;
    } catch (err) {
      // Events for a deleted profile are dropped, not retried forever.
      if ((err as { code?: string } | null)?.code === FOREIGN_KEY_VIOLATION) return false;
      throw err;
    }
  }

  /**
   * `recordProgress` for a batch (the progress consumer's poll): one transaction instead of one per
   * position. Positions that cannot be stored (no duration, negative position) are skipped; when a
   * profile in the batch is gone, the batch is written position by position so only that profile's
   * positions are dropped.
   * Positions must be distinct by profile × title × episode. Returns how many were newer than stored.
   */
  async recordProgressMany(positions: readonly ProgressWrite[]): Promise<number> {
    const rows: ProgressRow[] = [];
    for (const p of positions) {
      if (!(p.durationSec > 0) || !(p.positionSec >= 0) || Number.isNaN(p.at.getTime())) continue;
      const position = Math.min(p.positionSec, p.durationSec);
      rows.push({
        profile_id: p.profileId,
        title_id: p.titleId,
        episode_id: p.episodeId ?? '',
        position_sec: position,
        duration_sec: p.durationSec,
        completed: position >= COMPLETED_SHARE * p.durationSec,
        updated_at: p.at,
      });
    }
    let changed: ProgressRow[];
    try {
      changed = await this.repo.recordProgressMany(rows);
    } catch (err) {
      if ((err as { code?: string } | null)?.code !== FOREIGN_KEY_VIOLATION) throw err;
      let count = 0;
      // recordProgress drops a deleted profile's position and throws anything else (the poll is redelivered).
      for (const p of positions) if (await this.recordProgress(p.profileId, p.titleId, p.episodeId, p.positionSec, p.durationSec, p.at)) count++;
      return count;
    }
    for (const profileId of new Set(changed.map((r) => r.profile_id))) await this.forget(profileId);
    return changed.length;
  }

  /** The profile's visible viewing history, most recent first, with keyset paging. */
  async history(access: ProfileAccess, cursor: string | undefined, limit: number): Promise<Page<HistoryItem & { title: Title }>> {
    const rows = await this.repo.historyPage(access.profile.id, decodeTimeCursor(cursor), limit);
    const last = rows.at(-1);
    const items = rows.map((row) => ({
      titleId: row.title_id,
      lastEpisodeId: row.last_episode_id,
      lastWatchedAt: row.last_watched_at.toISOString(),
    }));
    return {
      items: this.titles.filter(access.viewer, items),
      nextCursor: rows.length === limit && last ? encodeTimeCursor({ at: last.last_watched_at, titleId: last.title_id }) : null,
    };
  }

  /** Hides a title from history and Continue Watching until it is watched again. */
  async hide(access: ProfileAccess, titleId: string, at: Date): Promise<void> {
    if (!(await this.repo.hide(access.profile.id, titleId, at))) {
      throw new AppError('TITLE_NOT_FOUND', 'This title is not in the viewing history', { id: titleId });
    }
    await this.forget(access.profile.id);
  }

  /**
   * Stored positions: with `titleId`, every position of that title (one per episode); without, the
   * latest position of each title, newest first (completed ones only when asked).
   */
  async progress(access: ProfileAccess, query: { titleId?: string; limit: number; includeCompleted: boolean }): Promise<ProgressEntry[]> {
    const rows = query.titleId
      ? (await this.repo.progressForTitle(access.profile.id, query.titleId)).slice(0, query.limit)
      : await this.repo.latestPerTitle(access.profile.id, query.limit, query.includeCompleted);
    return this.titles.filter(access.viewer, rows.map(toEntry)).map(({ title: _title, ...entry }) => entry);
  }

  /**
   * The profile's latest RECENT_DEPTH positions as the shared cache holds them (JSON text): equal
   * texts give equal `recentFromText` answers for a viewer, so a caller (home page plans) can tell
   * "unchanged" by comparing texts, and no parsed history of every member is kept.
   */
  async recentText(profileId: string): Promise<string> {
    const load = () => this.loadRecent(profileId);
    return (this.recentCache && (await this.recentCache.text(profileId, load))) ?? JSON.stringify(await load());
  }

  /**
   * The latest position of each title (finished ones included), newest first, through the viewer's
   * filters, from a text `recentText` answered: parsed and filtered afresh (short-lived, never shared).
   */
  recentFromText(viewer: Viewer, text: string): ProgressEntry[] {
    const held = JSON.parse(text) as HeldRecent;
    return this.titles.filter(viewer, held.entries).map(({ title: _title, ...entry }) => entry);
  }

  private async loadRecent(profileId: string): Promise<HeldRecent> {
    return { limit: RECENT_DEPTH, entries: (await this.repo.latestPerTitle(profileId, RECENT_DEPTH, true)).map(toEntry) };
  }

  /** Every position of the profile, episodes included, newest first: what play requests resume from. */
  async positions(access: ProfileAccess, limit: number): Promise<ProgressEntry[]> {
    const rows = await this.repo.positions(access.profile.id, limit);
    return this.titles.filter(access.viewer, rows.map(toEntry)).map(({ title: _title, ...entry }) => entry);
  }

  /** Continue Watching: titles started and not finished, newest first, through the viewer's filters. */
  async continueWatching(profileId: string, viewer: Viewer, limit: number): Promise<(ProgressEntry & { title: Title })[]> {
    const rows = await this.repo.latestPerTitle(profileId, limit, false);
    return this.titles.filter(viewer, rows.map(toEntry));
  }

  /** Where to resume a title (its most recent position), for play requests. */
  async resumePoint(profileId: string, titleId: string): Promise<ProgressEntry | undefined> {
    const [latest] = await this.repo.progressForTitle(profileId, titleId);
    return latest && toEntry(latest);
  }
}
