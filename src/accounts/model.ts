/** The accounts module's domain types, shared by its services and the API. */
import type { MaturityRating } from '../catalog/model.js';
import type { PlanId } from './plans.js';

export interface Account {
  id: string;
  email: string;
  /** ISO 3166-1 alpha-2; decides which titles are available. */
  country: string;
  plan: PlanId;
  createdAt: string;
}

/** Who is calling: resolved from the bearer token on every authenticated request. */
export interface AuthContext {
  accountId: string;
  sessionId: string;
}

export interface SessionInfo {
  id: string;
  deviceName: string;
  ip: string | null;
  createdAt: string;
  lastSeenAt: string;
  expiresAt: string;
  current: boolean;
}

export interface Profile {
  id: string;
  accountId: string;
  name: string;
  avatar: string;
  language: string;
  kids: boolean;
  /** The highest rating this profile may see; every catalog read for it filters by this. */
  maturityRating: MaturityRating;
  maxMaturityLevel: number;
  hasPin: boolean;
  createdAt: string;
}

export type RatingValue = 'down' | 'up' | 'double_up';
export const RATING_VALUES: readonly RatingValue[] = ['down', 'up', 'double_up'];

export interface Rating {
  titleId: string;
  rating: RatingValue;
  ratedAt: string;
}

export interface ListEntry {
  titleId: string;
  addedAt: string;
}

export interface HistoryItem {
  titleId: string;
  lastEpisodeId: string | null;
  lastWatchedAt: string;
}

export interface ProgressEntry {
  titleId: string;
  /** Null for a movie. */
  episodeId: string | null;
  positionSec: number;
  durationSec: number;
  completed: boolean;
  updatedAt: string;
}

/** A page of items with the cursor of the next page (null at the end). */
export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}
