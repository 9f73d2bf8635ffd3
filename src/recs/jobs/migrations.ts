import type { Migration } from '../../platform/db/index.js';

/** The jobs role's lease: one row per lease name; whoever holds an unexpired row runs the jobs. */
export const recsJobMigrations: Migration[] = [
  {
    name: '0500_recs_job_lease',
    sql: `
      create table recs_job_lease (
        name text primary key,
        owner text not null,
        expires_at timestamptz not null
      );
    `,
  },
];
