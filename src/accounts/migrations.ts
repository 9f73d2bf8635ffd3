import type { Migration } from '../platform/db/index.js';

/**
 * The accounts module's tables. Personal state is keyed by profile id first so it partitions by
 * profile at scale; every child row goes away with its profile (and profiles with their account).
 */
export const accountsMigrations: Migration[] = [
  {
    name: '0100_accounts',
    sql: `
      create table accounts (
        id text primary key,
        email text not null unique,
        password_hash text not null,
        country text not null check (country ~ '^[A-Z]{2}$'),
        plan text not null,
        created_at timestamptz not null,
        updated_at timestamptz not null
      );

      create table sessions (
        id text primary key,
        account_id text not null references accounts (id) on delete cascade,
        token_hash text not null unique,
        device_name text not null,
        ip text,
        user_agent text,
        created_at timestamptz not null,
        last_seen_at timestamptz not null,
        expires_at timestamptz not null,
        revoked_at timestamptz
      );
      create index sessions_by_account on sessions (account_id, created_at);

      create table profiles (
        id text primary key,
        account_id text not null references accounts (id) on delete cascade,
        name text not null,
        avatar text not null,
        language text not null,
        kids boolean not null,
        maturity_rating text not null,
        pin_hash text,
        created_at timestamptz not null,
        updated_at timestamptz not null,
        unique (account_id, name)
      );
      create index profiles_by_account on profiles (account_id, created_at);
    `,
  },
  {
    name: '0101_accounts_personal_state',
    sql: `
      create table my_list (
        profile_id text not null references profiles (id) on delete cascade,
        title_id text not null,
        position integer not null,
        added_at timestamptz not null,
        primary key (profile_id, title_id)
      );
      create index my_list_order on my_list (profile_id, position);

      create table ratings (
        profile_id text not null references profiles (id) on delete cascade,
        title_id text not null,
        rating text not null check (rating in ('down', 'up', 'double_up')),
        rated_at timestamptz not null,
        primary key (profile_id, title_id)
      );
      create index ratings_recent on ratings (profile_id, rated_at desc, title_id);

      create table viewing_history (
        profile_id text not null references profiles (id) on delete cascade,
        title_id text not null,
        last_episode_id text,
        last_watched_at timestamptz not null,
        -- Hidden while hidden_at >= last_watched_at: watching the title again later shows it again.
        hidden_at timestamptz,
        primary key (profile_id, title_id)
      );
      create index viewing_history_recent on viewing_history (profile_id, last_watched_at desc, title_id);

      -- episode_id is '' for a movie so the key stays a plain primary key.
      create table progress (
        profile_id text not null references profiles (id) on delete cascade,
        title_id text not null,
        episode_id text not null,
        position_sec double precision not null,
        duration_sec double precision not null,
        completed boolean not null,
        updated_at timestamptz not null,
        primary key (profile_id, title_id, episode_id)
      );
      create index progress_recent on progress (profile_id, updated_at desc);
    `,
  },
];
