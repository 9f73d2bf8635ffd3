import { AppError } from '../errors.js';
import type { Title, TitleInput } from './model.js';

/**
 * Turns an admin's TitleInput into a stored Title, checking what a schema cannot: references to
 * known genres, unique season and episode numbers, and date order in availability windows.
 */
export function normalizeTitle(
  input: TitleInput,
  id: string,
  knownGenres: ReadonlySet<string>,
  existing: Title | undefined,
  now: Date,
): Title {
  const problems: { field: string; message: string }[] = [];
  input.genres.forEach((genre, i) => {
    if (!knownGenres.has(genre)) problems.push({ field: `genres[${i}]`, message: `unknown genre "${genre}"` });
  });
  const availability = input.availability.map((window, i) => {
    const from = new Date(window.from);
    const until = window.until === null ? null : new Date(window.until);
    if (Number.isNaN(from.getTime())) problems.push({ field: `availability[${i}].from`, message: 'not a date-time' });
    if (until && Number.isNaN(until.getTime())) problems.push({ field: `availability[${i}].until`, message: 'not a date-time' });
    if (until && until <= from) problems.push({ field: `availability[${i}].until`, message: 'must be after from' });
    return {
      country: window.country.toUpperCase(),
      from: Number.isNaN(from.getTime()) ? window.from : from.toISOString(),
      until: until && !Number.isNaN(until.getTime()) ? until.toISOString() : null,
    };
  });
  const seasons = input.kind === 'show' ? (input.seasons ?? []) : [];
  if (input.kind === 'movie' && input.seasons && input.seasons.length > 0) {
    problems.push({ field: 'seasons', message: 'a movie has no seasons' });
  }
  const seasonNumbers = new Set<number>();
  const episodeIds = new Set<string>();
  const previousEpisodes = new Map(
    (existing?.seasons ?? []).flatMap((s) => s.episodes.map((e) => [`${s.number}x${e.episodeNumber}`, e] as const)),
  );
  const normalizedSeasons = seasons.map((season, si) => {
    if (seasonNumbers.has(season.number)) problems.push({ field: `seasons[${si}].number`, message: 'duplicate season' });
    seasonNumbers.add(season.number);
    const numbers = new Set<number>();
    return {
      number: season.number,
      name: season.name ?? `Season ${season.number}`,
      episodes: [...season.episodes]
        .sort((a, b) => a.episodeNumber - b.episodeNumber)
        .map((episode, ei) => {
          if (numbers.has(episode.episodeNumber)) {
            problems.push({ field: `seasons[${si}].episodes[${ei}].episodeNumber`, message: 'duplicate episode' });
          }
          numbers.add(episode.episodeNumber);
          const previous = previousEpisodes.get(`${season.number}x${episode.episodeNumber}`);
          const episodeId = episode.id ?? previous?.id ?? `${id}-s${pad(season.number)}e${pad(episode.episodeNumber)}`;
          if (episodeIds.has(episodeId)) {
            problems.push({ field: `seasons[${si}].episodes[${ei}].id`, message: 'duplicate episode id' });
          }
          episodeIds.add(episodeId);
          return {
            id: episodeId,
            seasonNumber: season.number,
            episodeNumber: episode.episodeNumber,
            name: episode.name,
            synopsis: episode.synopsis ?? '',
            runtimeMinutes: episode.runtimeMinutes,
            playable: previous?.playable ?? false,
          };
        }),
    };
  });
  if (problems.length > 0) throw new AppError('VALIDATION_FAILED', problems.map((p) => `${p.field}: ${p.message}`).join('; '), problems);

  const timestamp = now.toISOString();
  return {
    id,
    kind: input.kind,
    name: input.name.trim(),
    synopsis: input.synopsis,
    releaseYear: input.releaseYear,
    runtimeMinutes: input.runtimeMinutes,
    maturityRating: input.maturityRating,
    genres: [...new Set(input.genres)],
    people: input.people,
    originalLanguage: input.originalLanguage,
    audioLanguages: input.audioLanguages,
    subtitleLanguages: input.subtitleLanguages,
    availability,
    artwork: {
      poster: input.artwork?.poster ?? existing?.artwork.poster ?? `/v1/artwork/${id}/poster.svg`,
      backdrop: input.artwork?.backdrop ?? existing?.artwork.backdrop ?? `/v1/artwork/${id}/backdrop.svg`,
    },
    popularity: input.popularity ?? existing?.popularity ?? 0,
    playable: existing?.playable ?? false,
    createdAt: existing?.createdAt ?? timestamp,
    updatedAt: timestamp,
    seasons: normalizedSeasons.sort((a, b) => a.number - b.number),
  };
}

function pad(n: number): string {
  return String(n).padStart(2, '0');
}
