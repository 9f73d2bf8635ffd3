import type { Migration } from '../../platform/db/index.js';

/**
 * The ingest jobs' tables. Content keys live in their own table (never in blobs) so the license
 * service can read them and nothing public can; a title's current media is one row per title or
 * episode, replaced atomically when a newer job publishes.
 */
export const mediaJobMigrations: Migration[] = [
  {
    name: '0200_media_jobs',
    sql: `
      create table media_jobs (
        id text primary key,
        title_id text not null,
        episode_id text,
        source_key text not null,
        state text not null default 'queued' check (state in
          ('queued', 'probing', 'analysing', 'encoding', 'packaging', 'trickplay', 'qc', 'ready', 'failed')),
        progress double precision not null default 0 check (progress >= 0 and progress <= 1),
        attempts integer not null default 0,
        max_attempts integer not null default 3 check (max_attempts >= 1),
        lease_owner text,
        lease_expires_at timestamptz,
        reason_code text,
        reason_message text,
        output_prefix text,
        hls_path text,
        dash_path text,
        created_at timestamptz not null default now(),
        updated_at timestamptz not null default now(),
        finished_at timestamptz
      );
      -- Claiming scans only unfinished jobs, oldest first.
      create index media_jobs_open on media_jobs (created_at) where state not in ('ready', 'failed');
      create index media_jobs_by_title on media_jobs (title_id, created_at);

      create table media_keys (
        job_id text primary key references media_jobs (id) on delete cascade,
        key_id text not null,
        key text not null,
        created_at timestamptz not null default now()
      );

      -- episode_id is '' for a movie: a primary key cannot hold null.
      create table media_revisions (
        title_id text not null,
        episode_id text not null default '',
        job_id text not null references media_jobs (id),
        prefix text not null,
        hls_path text not null,
        dash_path text not null,
        catalog_synced boolean not null default false,
        published_at timestamptz not null default now(),
        primary key (title_id, episode_id)
      );
      create index media_revisions_unsynced on media_revisions (published_at) where not catalog_synced;
    `,
  },
];
