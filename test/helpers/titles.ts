import type { Genre, MaturityRating, TitleInput } from '../../src/catalog/model.js';

export const testGenres: Genre[] = [
  { id: 'drama', name: 'Drama' },
  { id: 'comedy', name: 'Comedy' },
  { id: 'kids', name: 'Kids' },
  { id: 'thriller', name: 'Thriller' },
];

const everywhere = ['US', 'GB', 'DE', 'FR', 'BR'].map((country) => ({
  country,
  from: '2000-01-01T00:00:00.000Z',
  until: null,
}));

/** A valid TitleInput with sensible defaults; override what a test cares about. */
export function titleInput(overrides: Partial<TitleInput> & { id: string; name: string }): TitleInput {
  return {
    kind: 'movie',
    synopsis: `A story about ${overrides.name}.`,
    releaseYear: 2020,
    runtimeMinutes: 100,
    maturityRating: 'PG-13' as MaturityRating,
    genres: ['drama'],
    people: [{ name: 'Ada Quill', role: 'actor', character: 'Mara' }],
    originalLanguage: 'en',
    audioLanguages: ['en'],
    subtitleLanguages: ['en', 'es'],
    availability: everywhere,
    popularity: 0.5,
    ...overrides,
  };
}

/** A small catalog: a kids movie, an R movie, a TV-MA show with two seasons, a GB-only title. */
export function smallCatalog(): { genres: Genre[]; titles: TitleInput[] } {
  return {
    genres: testGenres,
    titles: [
      titleInput({ id: 'mv-kids', name: 'The Little Lantern', maturityRating: 'G', genres: ['kids', 'comedy'], popularity: 0.9 }),
      titleInput({ id: 'mv-r', name: 'The Night Ledger', maturityRating: 'R', genres: ['thriller'], popularity: 0.8, releaseYear: 2024 }),
      titleInput({ id: 'mv-drama', name: 'Harbor Lights', genres: ['drama'], popularity: 0.3, releaseYear: 2010 }),
      titleInput({
        id: 'mv-gb',
        name: 'Thames Quiet',
        genres: ['drama'],
        popularity: 0.2,
        availability: [{ country: 'GB', from: '2000-01-01T00:00:00.000Z', until: null }],
      }),
      titleInput({
        id: 'sh-ma',
        kind: 'show',
        name: 'Thorn Valley',
        maturityRating: 'TV-MA',
        genres: ['drama', 'thriller'],
        runtimeMinutes: 45,
        popularity: 0.7,
        seasons: [
          { number: 1, episodes: [1, 2, 3].map((n) => ({ episodeNumber: n, name: `Chapter ${n}`, runtimeMinutes: 45 })) },
          { number: 2, episodes: [1, 2].map((n) => ({ episodeNumber: n, name: `Return ${n}`, runtimeMinutes: 44 })) },
        ],
      }),
    ],
  };
}
