import type { Genre, Title } from '../model.js';
import { buildSnapshot, type CatalogSnapshot } from '../snapshot.js';

/** Genres the search tests use. */
export const testGenres: Genre[] = [
  { id: 'drama', name: 'Drama' },
  { id: 'comedy', name: 'Comedy' },
  { id: 'kids', name: 'Kids & Family' },
  { id: 'thriller', name: 'Thriller' },
  { id: 'sci-fi', name: 'Science Fiction' },
];

/** A fixed "now" inside every default availability window. */
export const NOW = new Date('2025-06-01T12:00:00.000Z');

const everywhere = ['US', 'GB', 'DE', 'FR', 'BR'].map((country) => ({ country, from: '2000-01-01T00:00:00.000Z', until: null }));

/** A valid stored Title with quiet defaults; override what a test cares about. */
export function makeTitle(overrides: Partial<Title> & { id: string; name: string }): Title {
  return {
    kind: 'movie',
    synopsis: 'An ordinary story.',
    releaseYear: 2020,
    runtimeMinutes: 100,
    maturityRating: 'PG-13',
    genres: ['drama'],
    people: [{ name: 'Ada Quill', role: 'actor' }],
    originalLanguage: 'en',
    audioLanguages: ['en'],
    subtitleLanguages: ['en'],
    availability: everywhere,
    artwork: { poster: null, backdrop: null },
    popularity: 0.5,
    playable: true,
    createdAt: '2024-01-01T00:00:00.000Z',
    updatedAt: '2024-01-01T00:00:00.000Z',
    seasons: [],
    ...overrides,
  };
}

/** A snapshot of the given titles over `testGenres`. */
export function snapshotOf(titles: Title[], version = 1): CatalogSnapshot {
  return buildSnapshot(version, titles, testGenres);
}
