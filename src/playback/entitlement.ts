import { MATURITY_LEVELS, type Episode, type Title, type Viewer } from '../catalog/model.js';
import type { CatalogSnapshot } from '../catalog/snapshot.js';
import { AppError } from '../errors.js';

/** Why a title cannot be streamed in a country right now (details.reason of TITLE_UNAVAILABLE). */
export type UnavailableReason = 'NOT_IN_COUNTRY' | 'NOT_YET_AVAILABLE' | 'NO_LONGER_AVAILABLE';

/** What the play request names: a title, or an episode (with or without its show's id). */
export interface PlayTargetInput {
  titleId?: string;
  episodeId?: string;
}

/** Finds the title (and the named episode) in the catalog snapshot; 404 for unknown ids, 400 for neither. */
export function findTarget(snapshot: CatalogSnapshot, input: PlayTargetInput): { title: Title; episode: Episode | null } {
  if (input.episodeId !== undefined) {
    const show = snapshot.showByEpisodeId.get(input.episodeId);
    if (!show || (input.titleId !== undefined && input.titleId !== show.id)) {
      throw new AppError('EPISODE_NOT_FOUND', undefined, { id: input.episodeId });
    }
    const episode = show.seasons.flatMap((s) => s.episodes).find((e) => e.id === input.episodeId);
    if (!episode) throw new AppError('EPISODE_NOT_FOUND', undefined, { id: input.episodeId });
    return { title: show, episode };
  }
  if (input.titleId === undefined) throw new AppError('VALIDATION_FAILED', 'body needs titleId or episodeId');
  const title = snapshot.byId.get(input.titleId);
  if (!title) throw new AppError('TITLE_NOT_FOUND', undefined, { id: input.titleId });
  return { title, episode: null };
}

/**
 * The reason a title is not streamable in `country` at `now`, or null when it is. A window that opens
 * later wins over one that closed, since it tells the member when to come back.
 */
export function unavailableReason(title: Title, country: string, now: Date): { reason: UnavailableReason; availableFrom?: string } | null {
  const at = now.toISOString();
  const windows = title.availability.filter((w) => w.country === country);
  if (windows.some((w) => w.from <= at && (w.until === null || w.until > at))) return null;
  if (windows.length === 0) return { reason: 'NOT_IN_COUNTRY' };
  const upcoming = windows.filter((w) => w.from > at).sort((a, b) => a.from.localeCompare(b.from))[0];
  return upcoming ? { reason: 'NOT_YET_AVAILABLE', availableFrom: upcoming.from } : { reason: 'NO_LONGER_AVAILABLE' };
}

/** Refuses a title the viewer may not stream: 403 MATURITY_RESTRICTED (checked first: a kids profile learns nothing more), else TITLE_UNAVAILABLE. */
export function checkEntitled(title: Title, viewer: Readonly<Viewer>, country: string, now: Date): void {
  if (MATURITY_LEVELS[title.maturityRating] > viewer.maxMaturityLevel) {
    throw new AppError('MATURITY_RESTRICTED', undefined, { titleId: title.id, rating: title.maturityRating });
  }
  const unavailable = unavailableReason(title, country, now);
  if (unavailable) {
    throw new AppError('TITLE_UNAVAILABLE', undefined, { titleId: title.id, country, ...unavailable });
  }
}
