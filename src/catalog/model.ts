/** The catalog's domain types, shared by the repository, the snapshot, search and the API. */

export type TitleKind = 'movie' | 'show';

/** Ordered maturity levels; one scale for film (G…NC-17) and TV (TV-Y…TV-MA) ratings. */
export const MATURITY_LEVELS = {
  'TV-Y': 0,
  'TV-Y7': 1,
  G: 2,
  'TV-G': 2,
  PG: 3,
  'TV-PG': 3,
  'PG-13': 4,
  'TV-14': 4,
  R: 5,
  'TV-MA': 5,
  'NC-17': 6,
} as const;

export type MaturityRating = keyof typeof MATURITY_LEVELS;
export const MATURITY_RATINGS = Object.keys(MATURITY_LEVELS) as MaturityRating[];
export const MAX_MATURITY_LEVEL = 6;

export function maturityLevel(rating: MaturityRating): number {
  return MATURITY_LEVELS[rating];
}

export interface Person {
  name: string;
  role: 'actor' | 'director' | 'writer' | 'creator';
  character?: string;
}

/** A window during which a title may be streamed in one country (ISO 3166-1 alpha-2). */
export interface Availability {
  country: string;
  from: string; // ISO date-time
  until: string | null;
}

export interface Artwork {
  poster: string | null;
  backdrop: string | null;
}

export interface Episode {
  id: string;
  seasonNumber: number;
  episodeNumber: number;
  name: string;
  synopsis: string;
  runtimeMinutes: number;
  /** Whether packaged media exists for it (set by the media pipeline). */
  playable: boolean;
}

export interface Season {
  number: number;
  name: string;
  episodes: Episode[];
}

export interface Title {
  id: string;
  kind: TitleKind;
  name: string;
  synopsis: string;
  releaseYear: number;
  /** Minutes for a movie; typical episode length for a show. */
  runtimeMinutes: number;
  maturityRating: MaturityRating;
  genres: string[];
  people: Person[];
  originalLanguage: string;
  audioLanguages: string[];
  subtitleLanguages: string[];
  availability: Availability[];
  artwork: Artwork;
  /** Editorial/default popularity in [0, 1]; recommendation jobs refine it. */
  popularity: number;
  playable: boolean;
  createdAt: string;
  updatedAt: string;
  seasons: Season[];
}

export interface Genre {
  id: string;
  name: string;
}

/** What an admin sends to create or replace a title. Ids of episodes are generated when absent. */
export interface TitleInput {
  id?: string;
  kind: TitleKind;
  name: string;
  synopsis: string;
  releaseYear: number;
  runtimeMinutes: number;
  maturityRating: MaturityRating;
  genres: string[];
  people: Person[];
  originalLanguage: string;
  audioLanguages: string[];
  subtitleLanguages: string[];
  availability: Availability[];
  artwork?: Partial<Artwork>;
  popularity?: number;
  seasons?: {
    number: number;
    name?: string;
    episodes: { id?: string; episodeNumber: number; name: string; synopsis?: string; runtimeMinutes: number }[];
  }[];
}

/** What a reader is allowed to see: the profile's maturity ceiling and the account's country. */
export interface Viewer {
  maxMaturityLevel: number;
  country: string | undefined;
}

export const ANYONE: Viewer = { maxMaturityLevel: MAX_MATURITY_LEVEL, country: undefined };
