// Shapes of the API responses the web app reads (docs/openapi.json is the full reference).

export interface Artwork {
  poster: string | null;
  backdrop: string | null;
}

export interface TitleSummary {
  id: string;
  kind: 'movie' | 'show';
  name: string;
  releaseYear: number;
  maturityRating: string;
  genres: string[];
  runtimeMinutes: number;
  artwork: Artwork;
  popularity: number;
  playable: boolean;
}

/** The compact card of home rows and More Like This (GET /v1/home, /v1/titles/:id/similar). */
export type TitleCard = Pick<TitleSummary, 'id' | 'kind' | 'name' | 'releaseYear' | 'maturityRating' | 'genres' | 'artwork' | 'playable'> & {
  progress?: { positionSec: number; durationSec: number };
};

/** A row's entry in GET /v1/home: a title reference (its card is in the page's card dictionary). */
export interface HomeItem {
  id: string;
  progress?: { positionSec: number; durationSec: number };
}

/** One row of GET /v1/home: a stable id (the impression `row`), a display title and why it is there. */
export interface HomeRow {
  id: string;
  title: string;
  reason: string;
  items: HomeItem[];
}

export interface HomeResponse {
  profileId: string;
  datasetVersion: string | null;
  degraded?: { reason: string };
  /** Where the rows' cards are (GET /v1/cards…); the same address until the catalog changes. */
  cards: string;
  rows: HomeRow[];
}

/** GET /v1/cards: title id → card for a country and maturity ceiling. */
export interface CardsResponse {
  catalogVersion: number;
  cards: Record<string, Omit<TitleCard, 'progress'>>;
}

export interface Episode {
  id: string;
  seasonNumber: number;
  episodeNumber: number;
  name: string;
  synopsis: string;
  runtimeMinutes: number;
  playable: boolean;
}

export interface Person {
  name: string;
  role: 'actor' | 'director' | 'writer' | 'creator';
  character?: string;
}

export interface Title extends TitleSummary {
  synopsis: string;
  people: Person[];
  seasons: Array<{ number: number; name: string; episodes: Episode[] }>;
}

export interface Genre {
  id: string;
  name: string;
}

export interface Profile {
  id: string;
  name: string;
  avatar: string;
  kids: boolean;
  maturityRating: string;
  hasPin: boolean;
}

export interface Progress {
  titleId: string;
  episodeId: string | null;
  positionSec: number;
  durationSec: number;
  completed: boolean;
}

export interface PlayResponse extends PlayDelivery {
  sessionId: string;
  titleId: string;
  episode: { id: string; name: string; seasonNumber: number; episodeNumber: number } | null;
  heartbeatIntervalSec: number;
  manifests: { hls: string; dash: string };
  license: { keySystem: 'org.w3.clearkey'; url: string };
  resume: { positionSec: number; durationSec: number } | null;
  nextEpisode: { id: string; name: string; seasonNumber: number; episodeNumber: number } | null;
}

/** What POST /v1/play adds for failover and trickplay: signed paths that work on every ranked host. */
export interface PlayDelivery {
  /** Ranked delivery base URLs, primary first; the rest are backups for failover. */
  baseUrls: string[];
  paths: { hls: string; dash: string; trickplay: string | null };
}

export interface SearchHit extends TitleSummary {
  score: number;
  matchedFields: string[];
}

export interface Suggestion {
  id: string;
  name: string;
  kind: 'movie' | 'show';
  releaseYear: number;
}

export type Plan = 'basic' | 'standard' | 'premium';

export interface Account {
  id: string;
  email: string;
  country: string;
  plan: Plan;
  entitlements: { plan: Plan; maxResolution: number; concurrentStreams: number; downloads: boolean; downloadDevices: number };
}

export interface DeviceSession {
  id: string;
  deviceName: string;
  ip: string | null;
  createdAt: string;
  lastSeenAt: string;
  current: boolean;
}

export interface HistoryItem {
  titleId: string;
  lastEpisodeId: string | null;
  lastWatchedAt: string;
  title: TitleSummary;
}
