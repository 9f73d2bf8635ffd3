import type { Migration } from '../platform/db/index.js';

/** The catalog's tables: the source of truth behind the in-memory snapshot. */
export const catalogMigrations: Migration[] = [
  {
    name: '0001_catalog',
    sql: `
      create table catalog_meta (
        id integer primary key check (id = 1),
        version bigint not null
      );
      insert into catalog_meta (id, version) values (1, 0);

      create table genres (
        id text primary key,
        name text not null
      );

      create table titles (
        id text primary key,
        kind text not null check (kind in ('movie', 'show')),
        name text not null,
        synopsis text not null,
        release_year integer not null,
        runtime_minutes integer not null,
        maturity_rating text not null,
        genres text[] not null,
        people jsonb not null,
        original_language text not null,
        audio_languages text[] not null,
        subtitle_languages text[] not null,
        availability jsonb not null,
        artwork jsonb not null,
        popularity double precision not null,
        playable boolean not null default false,
        created_at timestamptz not null default now(),
        updated_at timestamptz not null default now()
      );

      create table seasons (
        title_id text not null references titles (id) on delete cascade,
        number integer not null,
        name text not null,
        primary key (title_id, number)
      );

      create table episodes (
        id text primary key,
        title_id text not null,
        season_number integer not null,
        episode_number integer not null,
        name text not null,
        synopsis text not null,
        runtime_minutes integer not null,
        playable boolean not null default false,
        unique (title_id, season_number, episode_number),
        foreign key (title_id, season_number) references seasons (title_id, number) on delete cascade
      );
    `,
  },
];
