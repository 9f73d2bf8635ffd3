/** Row types of the edge registry's table, for the Kysely builder (`db.builder<EdgeTables>()`). */
import type { Generated } from 'kysely';

export interface EdgeRow {
  id: string;
  base_url: string;
  country: string;
  region: string;
  capacity_gbps: number;
  cache_size: string;
  load: Generated<number>;
  titles: Generated<string[]>;
  load_reported_at: Date | null;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
}

export interface EdgeTables {
  edges: EdgeRow;
}
