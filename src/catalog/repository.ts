import type { Kysely, Transaction } from 'kysely';
import type { Db } from '../platform/db/index.js';
import type { Artwork, Availability, Episode, Genre, MaturityRating, Person, Title, TitleKind } from './model.js';

interface TitleRow {
  id: string;
  kind: TitleKind;
  name: string;
  synopsis: string;
  release_year: number;
  runtime_minutes: number;
  maturity_rating: MaturityRating;
  genres: string[];
  people: Person[];
  original_language: string;
  audio_languages: string[];
  subtitle_languages: string[];
  availability: Availability[];
  artwork: Artwork;
  popularity: number;
  playable: boolean;
  created_at: Date;
  updated_at: Date;
}

interface CatalogTables {
  catalog_meta: { id: number; version: number };
  genres: Genre;
  titles: TitleRow;
  seasons: { title_id: string; number: number; name: string };
  episodes: {
    id: string;
    title_id: string;
    season_number: number;
    episode_number: number;
    name: string;
    synopsis: string;
    runtime_minutes: number;
    playable: boolean;
  };
}

type Q = Kysely<CatalogTables>;

/** Whole-title writes and whole-catalog reads over the catalog tables. Every write bumps the version. */
export class CatalogRepository {
  private readonly db: Q;

  constructor(db: Db) {
    this.db = db.builder<CatalogTables>();
  }

  async version(): Promise<number> {
    const row = await this.db.selectFrom('catalog_meta').select('version').executeTakeFirstOrThrow();
    return Number(row.version);
  }

  async loadAll(): Promise<{ version: number; titles: Title[]; genres: Genre[] }> {
    // One consistent read: the version and rows come from the same transaction.
    return this.db.transaction().execute(async (tx) => {
      const meta = await tx.selectFrom('catalog_meta').select('version').executeTakeFirstOrThrow();
      const genres = await tx.selectFrom('genres').selectAll().orderBy('id').execute();
      const rows = await tx.selectFrom('titles').selectAll().execute();
      const seasons = await tx.selectFrom('seasons').selectAll().orderBy('title_id').orderBy('number').execute();
      const episodes = await tx
        .selectFrom('episodes')
        .selectAll()
        .orderBy('title_id')
        .orderBy('season_number')
        .orderBy('episode_number')
        .execute();
      const episodesBySeason = new Map<string, Episode[]>();
      for (const e of episodes) {
        const key = `${e.title_id}\u0000${e.season_number}`;
        let list = episodesBySeason.get(key);
        if (!list) episodesBySeason.set(key, (list = []));
        list.push({
          id: e.id,
          seasonNumber: e.season_number,
          episodeNumber: e.episode_number,
          name: e.name,
          synopsis: e.synopsis,
          runtimeMinutes: e.runtime_minutes,
          playable: e.playable,
        });
      }
      const titles = new Map(rows.map((row) => [row.id, toTitle(row)]));
      for (const s of seasons) {
        titles.get(s.title_id)?.seasons.push({
          number: s.number,
          name: s.name,
          episodes: episodesBySeason.get(`${s.title_id}\u0000${s.number}`) ?? [],
        });
      }
      return { version: Number(meta.version), titles: [...titles.values()], genres };
    });
  }

  async titleExists(id: string): Promise<boolean> {
    const row = await this.db.selectFrom('titles').select('id').where('id', '=', id).executeTakeFirst();
    return row !== undefined;
  }

  async knownGenreIds(): Promise<Set<string>> {
    const rows = await this.db.selectFrom('genres').select('id').execute();
    return new Set(rows.map((row) => row.id));
  }

  /** Inserts or replaces genres in one transaction. */
  async upsertGenres(genres: Genre[]): Promise<void> {
    if (genres.length === 0) return;
    await this.db.transaction().execute(async (tx) => {
      await tx
        .insertInto('genres')
        .values(genres)
        .onConflict((oc) => oc.column('id').doUpdateSet((eb) => ({ name: eb.ref('excluded.name') })))
        .execute();
      await bumpVersion(tx);
    });
  }

  /** Inserts or fully replaces titles (with seasons and episodes), all or nothing. */
  async saveTitles(titles: Title[]): Promise<void> {
    await this.db.transaction().execute(async (tx) => {
      await writeTitles(tx, titles);
      await bumpVersion(tx);
    });
  }

  /** Deletes a title and its seasons and episodes; false when it did not exist. */
  async deleteTitle(id: string): Promise<boolean> {
    return this.db.transaction().execute(async (tx) => {
      const result = await tx.deleteFrom('titles').where('id', '=', id).executeTakeFirst();
      if (result.numDeletedRows === 0n) return false;
      await bumpVersion(tx);
      return true;
    });
  }
}

async function bumpVersion(tx: Transaction<CatalogTables>): Promise<void> {
  await tx
    .updateTable('catalog_meta')
    .set((eb) => ({ version: eb('version', '+', 1) }))
    .where('id', '=', 1)
    .execute();
}

// Rows per multi-row insert: well under PostgreSQL's 65,535 bind parameters for every table here.
const INSERT_CHUNK = 500;

async function insertChunked<T>(rows: T[], insert: (chunk: T[]) => Promise<unknown>): Promise<void> {
  for (let i = 0; i < rows.length; i += INSERT_CHUNK) await insert(rows.slice(i, i + INSERT_CHUNK));
}

/** Replaces whole titles with multi-row statements (seasons and episodes go with their title by cascade). */
async function writeTitles(tx: Transaction<CatalogTables>, titles: Title[]): Promise<void> {
  if (titles.length === 0) return;
  await tx.deleteFrom('titles').where('id', 'in', titles.map((t) => t.id)).execute();
  await insertChunked(titles.map(toRow), (chunk) => tx.insertInto('titles').values(chunk).execute());
  const seasons = titles.flatMap((t) => t.seasons.map((s) => ({ title_id: t.id, number: s.number, name: s.name })));
  await insertChunked(seasons, (chunk) => tx.insertInto('seasons').values(chunk).execute());
  const episodes = titles.flatMap((t) =>
    t.seasons.flatMap((s) =>
      s.episodes.map((e) => ({
        id: e.id,
        title_id: t.id,
        season_number: s.number,
        episode_number: e.episodeNumber,
        name: e.name,
        synopsis: e.synopsis,
        runtime_minutes: e.runtimeMinutes,
        playable: e.playable,
      })),
    ),
  );
  await insertChunked(episodes, (chunk) => tx.insertInto('episodes').values(chunk).execute());
}

function toRow(title: Title): TitleRow {
  return {
    id: title.id,
    kind: title.kind,
    name: title.name,
    synopsis: title.synopsis,
    release_year: title.releaseYear,
    runtime_minutes: title.runtimeMinutes,
    maturity_rating: title.maturityRating,
    genres: title.genres,
    // jsonb parameters must be JSON text: pg would otherwise send a JS array as a Postgres array.
    people: JSON.stringify(title.people) as unknown as Person[],
    original_language: title.originalLanguage,
    audio_languages: title.audioLanguages,
    subtitle_languages: title.subtitleLanguages,
    availability: JSON.stringify(title.availability) as unknown as Availability[],
    artwork: JSON.stringify(title.artwork) as unknown as Artwork,
    popularity: title.popularity,
    playable: title.playable,
    created_at: new Date(title.createdAt),
    updated_at: new Date(title.updatedAt),
  };
}

function toTitle(row: TitleRow): Title {
  return {
    id: row.id,
    kind: row.kind,
    name: row.name,
    synopsis: row.synopsis,
    releaseYear: row.release_year,
    runtimeMinutes: row.runtime_minutes,
    maturityRating: row.maturity_rating,
    genres: row.genres,
    people: row.people,
    originalLanguage: row.original_language,
    audioLanguages: row.audio_languages,
    subtitleLanguages: row.subtitle_languages,
    availability: row.availability,
    artwork: row.artwork,
    popularity: Number(row.popularity),
    playable: row.playable,
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
    seasons: [],
  };
}
