import { accountsMigrations } from './accounts/migrations.js';
import { counterMigrations } from './activity/counters/migrations.js';
import { catalogMigrations } from './catalog/migrations.js';
import { edgeMigrations } from './delivery/edges/migrations.js';
import { mediaJobMigrations } from './media/jobs/migrations.js';
import type { Migration } from './platform/db/index.js';
import { recsJobMigrations } from './recs/jobs/migrations.js';

/** Every module's migrations; names are globally ordered (`NNNN_module_what`). */
export const allMigrations: Migration[] = [...catalogMigrations, ...accountsMigrations, ...mediaJobMigrations, ...edgeMigrations, ...counterMigrations, ...recsJobMigrations];
