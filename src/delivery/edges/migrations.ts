import type { Migration } from '../../platform/db/index.js';

/**
 * The edge registry. Load reports live in the same row (not in one api node's memory) so every api
 * node steers with the last report whichever node received it; health stays per node (each checks).
 */
export const edgeMigrations: Migration[] = [
  {
    name: '0300_edges',
    sql: `
      create table edges (
        id text primary key check (id ~ '^[a-z0-9-]{1,32}$'),
        base_url text not null,
        country text not null,
        region text not null,
        capacity_gbps double precision not null check (capacity_gbps > 0),
        cache_size text not null,
        load double precision not null default 0 check (load >= 0 and load <= 1),
        titles text[] not null default '{}',
        load_reported_at timestamptz,
        created_at timestamptz not null default now(),
        updated_at timestamptz not null default now()
      );
    `,
  },
];
