import type { Title, TitleKind, Viewer } from '../model.js';

/** What a search request asks for; `q` may be empty to browse by filters alone. */
export interface SearchParams {
  q: string;
  /** Genre id, or a genre name (case- and accent-insensitive). */
  genre?: string | undefined;
  yearFrom?: number | undefined;
  yearTo?: number | undefined;
  /** Explicit ceiling on top of the viewer's own (e.g. "only PG and below" in the UI). */
  maxMaturityLevel?: number | undefined;
  /** Matches the original language or any audio language. */
  language?: string | undefined;
  /** Only titles streamable in this country now (ISO 3166-1 alpha-2). */
  country?: string | undefined;
  kind?: TitleKind | undefined;
  offset: number;
  limit: number;
}

/** Fields a hit can match in, as reported in `matchedFields`. */
export type SearchField = 'name' | 'people' | 'genres' | 'synopsis';

export interface SearchHit {
  title: Title;
  score: number;
  matchedFields: SearchField[];
}

export interface SearchResult {
  /** Matches across all pages. */
  total: number;
  results: SearchHit[];
}

/** One search-as-you-type row; kept small because it is the hot path's whole payload. */
export interface Suggestion {
  readonly id: string;
  readonly name: string;
  readonly kind: TitleKind;
  readonly releaseYear: number;
}

/** The search index over one catalog snapshot; immutable and safe to share between requests. */
export interface SearchIndex {
  /** The snapshot version it was built from. */
  readonly version: number;
  search(params: SearchParams, viewer: Viewer, now: Date): SearchResult;
  suggest(prefix: string, viewer: Viewer, now: Date, limit?: number): Suggestion[];
}
