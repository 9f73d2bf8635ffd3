import { DATASET_NAMES, GLOBAL, type DatasetName, type ScoredTitle } from '../datasets.js';
import type { DatasetsByName } from '../jobs/compute.js';

/** Inclusive row bounds per dataset (see `datasetRows` for what a row is). */
export type RowBounds = Record<DatasetName, { min: number; max: number }>;

export const DEFAULT_BOUNDS: RowBounds = {
  trending: { min: 1, max: 250 * 50 },
  top10: { min: 1, max: 250 * 20 },
  similar: { min: 1, max: 10_000_000 },
  affinity: { min: 1, max: 100_000_000 },
  popularity: { min: 1, max: 10_000_000 },
  // None while too few profiles play several titles.
  communities: { min: 0, max: 10_000_000 },
};

/** Rows of a dataset: titles listed (trending, top10, popularity), titles with neighbours, profiles with affinities, communities. */
export function datasetRows<N extends DatasetName>(name: N, data: DatasetsByName[N]): number {
  switch (name) {
    case 'trending':
      return Object.values(data as DatasetsByName['trending']).reduce((n, list) => n + list.length, 0);
    case 'top10':
      return Object.values(data as DatasetsByName['top10']).reduce((n, c) => n + c.movies.length + c.shows.length, 0);
    case 'popularity':
      return (data as DatasetsByName['popularity']).length;
    default:
      return Object.keys(data as Record<string, unknown>).length;
  }
}

export interface ValidationContext {
  knownTitles: ReadonlySet<string>;
  knownGenres: ReadonlySet<string>;
  /** `country:kind` with views over 7 days: their Top 10 list must not be empty. */
  viewed: ReadonlySet<string>;
  bounds: RowBounds;
  /** Rows of the published version: a new one may not shrink below `minRatioToPrevious` of them. */
  previousRows?: Partial<Record<DatasetName, number>>;
  minRatioToPrevious?: number;
}

/** A dataset version that must not be published; the published one stays. */
export class DatasetValidationError extends Error {
  constructor(readonly problems: string[]) {
    super(`datasets rejected: ${problems.slice(0, 5).join('; ')}${problems.length > 5 ? ` (+${problems.length - 5} more)` : ''}`);
    this.name = 'DatasetValidationError';
  }
}

function checkList(where: string, list: readonly ScoredTitle[], ctx: ValidationContext, problems: string[], self?: string): void {
  const seen = new Set<string>();
  for (const item of list) {
    if (!ctx.knownTitles.has(item.titleId)) problems.push(`${where}: unknown title ${item.titleId}`);
    if (!Number.isFinite(item.score)) problems.push(`${where}: score of ${item.titleId} is not a number`);
    if (seen.has(item.titleId)) problems.push(`${where}: ${item.titleId} listed twice`);
    if (item.titleId === self) problems.push(`${where}: a title is its own neighbour`);
    seen.add(item.titleId);
  }
}

/** Every problem with a set of datasets (empty when it may be published). */
export function validateDatasets(data: Partial<DatasetsByName>, ctx: ValidationContext): string[] {
  const problems: string[] = [];
  for (const name of DATASET_NAMES) {
    const value = data[name];
    if (value === undefined) continue;
    const rows = datasetRows(name, value);
    const { min, max } = ctx.bounds[name];
    if (rows < min || rows > max) problems.push(`${name}: ${rows} rows, expected ${min}–${max}`);
    const previous = ctx.previousRows?.[name];
    if (previous !== undefined && ctx.minRatioToPrevious !== undefined && rows < previous * ctx.minRatioToPrevious) {
      problems.push(`${name}: ${rows} rows, less than ${ctx.minRatioToPrevious} × the published ${previous}`);
    }
  }
  for (const [country, list] of Object.entries(data.trending ?? {})) checkList(`trending.${country}`, list, ctx, problems);
  if (data.top10) {
    for (const [country, lists] of Object.entries(data.top10)) {
      checkList(`top10.${country}.movies`, lists.movies, ctx, problems);
      checkList(`top10.${country}.shows`, lists.shows, ctx, problems);
    }
    for (const key of ctx.viewed) {
      const [country = GLOBAL, kind] = key.split(':');
      const lists = data.top10[country];
      const list = kind === 'show' ? lists?.shows : lists?.movies;
      if (!list || list.length === 0) problems.push(`top10.${country}: no ${kind === 'show' ? 'shows' : 'movies'} although it has views`);
    }
  }
  for (const [titleId, list] of Object.entries(data.similar ?? {})) {
    if (!ctx.knownTitles.has(titleId)) problems.push(`similar: unknown title ${titleId}`);
    checkList(`similar.${titleId}`, list, ctx, problems, titleId);
  }
  for (const [profileId, genres] of Object.entries(data.affinity ?? {})) {
    for (const [genre, score] of Object.entries(genres)) {
      if (!ctx.knownGenres.has(genre)) problems.push(`affinity.${profileId}: unknown genre ${genre}`);
      if (!(score >= 0 && score <= 1)) problems.push(`affinity.${profileId}.${genre}: ${score} outside [0, 1]`);
    }
  }
  if (data.popularity) checkList('popularity', data.popularity, ctx, problems);
  const inCommunity = new Map<string, string>();
  for (const [community, list] of Object.entries(data.communities ?? {})) {
    if (list.length === 0) problems.push(`communities.${community}: no titles`);
    checkList(`communities.${community}`, list, ctx, problems);
    for (const { titleId } of list) {
      const other = inCommunity.get(titleId);
      if (other !== undefined && other !== community) problems.push(`communities: ${titleId} in both ${other} and ${community}`);
      inCommunity.set(titleId, community);
    }
  }
  return problems;
}
