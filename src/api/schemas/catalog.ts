import { Type, type Static } from 'typebox';
import { MATURITY_RATINGS } from '../../catalog/model.js';

const Id = Type.String({ minLength: 1, maxLength: 64, pattern: '^[A-Za-z0-9][A-Za-z0-9_-]*$' });
const Language = Type.String({ minLength: 2, maxLength: 8, pattern: '^[a-z]{2,3}(-[A-Za-z0-9]+)?$' });
const Country = Type.String({ minLength: 2, maxLength: 2, pattern: '^[A-Za-z]{2}$' });
const Maturity = Type.Union(MATURITY_RATINGS.map((r) => Type.Literal(r)));

export const PersonSchema = Type.Object({
  name: Type.String({ minLength: 1, maxLength: 200 }),
  role: Type.Union([Type.Literal('actor'), Type.Literal('director'), Type.Literal('writer'), Type.Literal('creator')]),
  character: Type.Optional(Type.String({ maxLength: 200 })),
});

export const AvailabilitySchema = Type.Object({
  country: Country,
  from: Type.String({ format: 'date-time' }),
  until: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
});

const ArtworkSchema = Type.Object({
  poster: Type.Union([Type.String(), Type.Null()]),
  backdrop: Type.Union([Type.String(), Type.Null()]),
});

export const EpisodeSchema = Type.Object({
  id: Type.String(),
  seasonNumber: Type.Integer(),
  episodeNumber: Type.Integer(),
  name: Type.String(),
  synopsis: Type.String(),
  runtimeMinutes: Type.Integer(),
  playable: Type.Boolean(),
});

/** Full title details as returned by `GET /v1/titles/:id`. */
export const TitleSchema = Type.Object(
  {
    id: Type.String(),
    kind: Type.Union([Type.Literal('movie'), Type.Literal('show')]),
    name: Type.String(),
    synopsis: Type.String(),
    releaseYear: Type.Integer(),
    runtimeMinutes: Type.Integer(),
    maturityRating: Type.String(),
    genres: Type.Array(Type.String()),
    people: Type.Array(PersonSchema),
    originalLanguage: Type.String(),
    audioLanguages: Type.Array(Type.String()),
    subtitleLanguages: Type.Array(Type.String()),
    availability: Type.Array(AvailabilitySchema),
    artwork: ArtworkSchema,
    popularity: Type.Number(),
    playable: Type.Boolean(),
    createdAt: Type.String(),
    updatedAt: Type.String(),
    seasons: Type.Array(
      Type.Object({ number: Type.Integer(), name: Type.String(), episodes: Type.Array(EpisodeSchema) }),
    ),
  },
  { $id: 'Title' },
);

/** The compact form used in lists, rows and search results. */
export const TitleSummarySchema = Type.Object(
  {
    id: Type.String(),
    kind: Type.Union([Type.Literal('movie'), Type.Literal('show')]),
    name: Type.String(),
    releaseYear: Type.Integer(),
    maturityRating: Type.String(),
    genres: Type.Array(Type.String()),
    runtimeMinutes: Type.Integer(),
    artwork: ArtworkSchema,
    popularity: Type.Number(),
    playable: Type.Boolean(),
  },
  { $id: 'TitleSummary' },
);

export const TitlePageSchema = Type.Object({
  items: Type.Array(TitleSummarySchema),
  nextCursor: Type.Union([Type.String(), Type.Null()]),
});

export const GenreSchema = Type.Object({
  id: Type.String({ minLength: 1, maxLength: 64, pattern: '^[a-z0-9][a-z0-9-]*$' }),
  name: Type.String({ minLength: 1, maxLength: 100 }),
});

/** What an admin sends to create or replace a title. */
export const TitleInputSchema = Type.Object(
  {
    id: Type.Optional(Id),
    kind: Type.Union([Type.Literal('movie'), Type.Literal('show')]),
    name: Type.String({ minLength: 1, maxLength: 300 }),
    synopsis: Type.String({ maxLength: 5000 }),
    releaseYear: Type.Integer({ minimum: 1880, maximum: 2200 }),
    runtimeMinutes: Type.Integer({ minimum: 1, maximum: 1000 }),
    maturityRating: Maturity,
    genres: Type.Array(Type.String({ minLength: 1, maxLength: 64 }), { maxItems: 10 }),
    people: Type.Array(PersonSchema, { maxItems: 200 }),
    originalLanguage: Language,
    audioLanguages: Type.Array(Language, { maxItems: 50 }),
    subtitleLanguages: Type.Array(Language, { maxItems: 50 }),
    availability: Type.Array(AvailabilitySchema, { maxItems: 300 }),
    artwork: Type.Optional(
      Type.Object({
        poster: Type.Optional(Type.Union([Type.String({ maxLength: 500 }), Type.Null()])),
        backdrop: Type.Optional(Type.Union([Type.String({ maxLength: 500 }), Type.Null()])),
      }),
    ),
    popularity: Type.Optional(Type.Number({ minimum: 0, maximum: 1 })),
    seasons: Type.Optional(
      Type.Array(
        Type.Object({
          number: Type.Integer({ minimum: 0, maximum: 1000 }),
          name: Type.Optional(Type.String({ maxLength: 200 })),
          episodes: Type.Array(
            Type.Object({
              id: Type.Optional(Id),
              episodeNumber: Type.Integer({ minimum: 0, maximum: 10000 }),
              name: Type.String({ minLength: 1, maxLength: 300 }),
              synopsis: Type.Optional(Type.String({ maxLength: 5000 })),
              runtimeMinutes: Type.Integer({ minimum: 1, maximum: 1000 }),
            }),
            { maxItems: 500 },
          ),
        }),
        { maxItems: 100 },
      ),
    ),
  },
  { additionalProperties: false },
);

export type TitleInputBody = Static<typeof TitleInputSchema>;

/** Who is reading: `profileId` applies that profile's filters; `country` narrows availability. */
export const ViewerQuery = {
  profileId: Type.Optional(Type.String({ maxLength: 64 })),
  country: Type.Optional(Country),
};
