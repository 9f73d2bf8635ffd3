import type { Migration } from '../../platform/db/index.js';

/**
 * The counters consumer's tables. Hourly rows are the product; the other tables make the consumer
 * idempotent (applied offsets, applied dead letters, profiles already counted) or carry the little
 * session state watch time needs (the last position tick of each live playback session).
 */
export const counterMigrations: Migration[] = [
  {
    name: '0410_activity_counters',
    sql: `
      create table activity_title_hourly (
        title_id text not null,
        country text not null,
        hour timestamptz not null,
        starts bigint not null default 0,
        unique_profiles bigint not null default 0,
        watch_seconds double precision not null default 0,
        completions bigint not null default 0,
        primary key (title_id, country, hour)
      );
      -- Rolling windows scan a range of hours for every title.
      create index activity_title_hourly_by_hour on activity_title_hourly (hour);

      -- Insert-ignore set: a profile counts once per title × country × hour.
      create table activity_title_hourly_profiles (
        title_id text not null,
        country text not null,
        hour timestamptz not null,
        profile_id text not null,
        primary key (title_id, country, hour, profile_id)
      );
      create index activity_title_hourly_profiles_by_hour on activity_title_hourly_profiles (hour);

      -- The last record applied per partition, written in the same transaction as the counts.
      create table activity_counter_offsets (
        topic text not null,
        partition integer not null,
        last_offset bigint not null,
        primary key (topic, partition)
      );

      -- Dead letters already applied by a DLQ replay (its commit may be lost in a crash).
      create table activity_counter_dead_applied (
        topic text not null,
        partition integer not null,
        record_offset bigint not null,
        primary key (topic, partition, record_offset)
      );

      -- Last position tick per live playback session; rows older than the tick gap cap are useless.
      create table activity_counter_sessions (
        session_id text primary key,
        partition integer not null,
        at_ms bigint not null,
        position_sec double precision not null
      );
      create index activity_counter_sessions_age on activity_counter_sessions (partition, at_ms);

      -- Records received before count_from_ms only rebuild session ticks (set by a replay).
      create table activity_counter_settings (
        id integer primary key check (id = 1),
        count_from_ms bigint not null
      );
    `,
  },
];
