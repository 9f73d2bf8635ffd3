import type { Episode, Title } from '../catalog/model.js';
import type { ProgressEntry } from '../accounts/model.js';

/** A show's episodes in viewing order: season by season, each in episode order. Pure. */
export function episodesInOrder(title: Title): Episode[] {
  return [...title.seasons]
    .sort((a, b) => a.number - b.number)
    .flatMap((season) => [...season.episodes].sort((a, b) => a.episodeNumber - b.episodeNumber));
}

/** The episode after `episodeId`: the next in its season, else the first of the next season; null at the end. */
export function nextEpisode(title: Title, episodeId: string): Episode | null {
  const order = episodesInOrder(title);
  const at = order.findIndex((e) => e.id === episodeId);
  return at < 0 ? null : (order[at + 1] ?? null);
}

/**
 * Which episode "play" on a show starts: the one watched most recently, or the one after it when that
 * was finished; the first episode for a show never started. Undefined when the show has no episodes.
 */
export function episodeToStart(title: Title, progress: readonly ProgressEntry[]): Episode | undefined {
  const order = episodesInOrder(title);
  const latest = progress
    .filter((p) => p.episodeId !== null && order.some((e) => e.id === p.episodeId))
    .reduce<ProgressEntry | undefined>((best, p) => (!best || p.updatedAt > best.updatedAt ? p : best), undefined);
  if (!latest?.episodeId) return order[0];
  if (!latest.completed) return order.find((e) => e.id === latest.episodeId);
  return nextEpisode(title, latest.episodeId) ?? order.find((e) => e.id === latest.episodeId);
}

/** Where to resume: the stored position of this title/episode, or null when none or already finished. */
export function resumePosition(progress: readonly ProgressEntry[], episodeId: string | null): ProgressEntry | null {
  const entry = progress.find((p) => p.episodeId === episodeId);
  return entry && !entry.completed ? entry : null;
}
