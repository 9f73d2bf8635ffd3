/** Row types of the ingest jobs' tables, for the Kysely builder (`db.builder<MediaJobTables>()`). */
import type { Generated } from 'kysely';

export interface MediaJobRow {
  id: string;
  title_id: string;
  episode_id: string | null;
  source_key: string;
  state: Generated<string>;
  progress: Generated<number>;
  attempts: Generated<number>;
  max_attempts: Generated<number>;
  lease_owner: string | null;
  lease_expires_at: Date | null;
  reason_code: string | null;
  reason_message: string | null;
  output_prefix: string | null;
  hls_path: string | null;
  dash_path: string | null;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
  finished_at: Date | null;
}

export interface MediaKeyRow {
  job_id: string;
  key_id: string;
  key: string;
  created_at: Generated<Date>;
}

export interface MediaRevisionRow {
  title_id: string;
  episode_id: Generated<string>;
  job_id: string;
  prefix: string;
  hls_path: string;
  dash_path: string;
  catalog_synced: Generated<boolean>;
  published_at: Generated<Date>;
}

export interface MediaJobTables {
  media_jobs: MediaJobRow;
  media_keys: MediaKeyRow;
  media_revisions: MediaRevisionRow;
}
