/** Kysely row types of the counters tables (migrations.ts). */
export interface CounterTables {
  activity_title_hourly: {
    title_id: string;
    country: string;
    hour: Date;
    starts: number;
    unique_profiles: number;
    watch_seconds: number;
    completions: number;
  };
  activity_title_hourly_profiles: { title_id: string; country: string; hour: Date; profile_id: string };
  activity_counter_offsets: { topic: string; partition: number; last_offset: number };
  activity_counter_dead_applied: { topic: string; partition: number; record_offset: number };
  activity_counter_sessions: { session_id: string; partition: number; at_ms: number; position_sec: number };
  activity_counter_settings: { id: number; count_from_ms: number };
}
