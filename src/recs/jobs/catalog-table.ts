import { randomUUID } from 'node:crypto';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Title } from '../../catalog/model.js';
import type { SqlEngine } from '../../platform/sql/index.js';
import { literal } from '../sql/dialect.js';
import { createCatalogTablesSql } from '../sql/inputs.js';

/** The catalog as the jobs need it: every title (a CatalogSnapshot fits). */
export interface JobCatalog {
  readonly titles: readonly Title[];
}

/** Seconds a "view" is measured against: a movie's runtime, a show's episodes together. */
export function viewsRuntimeSec(title: Title): number {
  let episodes = 0;
  for (const season of title.seasons) for (const episode of season.episodes) episodes += episode.runtimeMinutes;
  const minutes = title.kind === 'show' && episodes > 0 ? episodes : title.runtimeMinutes;
  return Math.max(60, minutes * 60);
}

/**
 * Loads the catalog snapshot into `recs_titles`, `recs_title_genres` and `recs_title_people`
 * through NDJSON files (the loader is DuckDB's `read_json`; on Spark or Trino the same three tables
 * would be written as Parquet next to the lake).
 */
export async function loadCatalogTables(sql: SqlEngine, catalog: JobCatalog, scratchDir = os.tmpdir()): Promise<void> {
  await sql.run(createCatalogTablesSql());
  const dir = path.join(scratchDir, `recs-catalog-${randomUUID()}`);
  await fs.mkdir(dir, { recursive: true });
  try {
    const titles: string[] = [];
    const genres: string[] = [];
    const people: string[] = [];
    for (const t of catalog.titles) {
      titles.push(JSON.stringify({ title_id: t.id, kind: t.kind, runtime_sec: Math.max(60, t.runtimeMinutes * 60), views_runtime_sec: viewsRuntimeSec(t), popularity: t.popularity }));
      for (const g of new Set(t.genres)) genres.push(JSON.stringify({ title_id: t.id, genre_id: g }));
      for (const name of new Set(t.people.map((p) => p.name))) people.push(JSON.stringify({ title_id: t.id, person: name }));
    }
    const load = async (table: string, rows: string[], columns: string): Promise<void> => {
      if (rows.length === 0) return;
      const file = path.join(dir, `${table}.ndjson`);
      await fs.writeFile(file, rows.join('\n') + '\n');
      await sql.run(`INSERT INTO ${table} SELECT * FROM read_json(${literal(file)}, columns = ${columns}, format = 'newline_delimited')`);
    };
    await load('recs_titles', titles, `{title_id: 'VARCHAR', kind: 'VARCHAR', runtime_sec: 'DOUBLE', views_runtime_sec: 'DOUBLE', popularity: 'DOUBLE'}`);
    await load('recs_title_genres', genres, `{title_id: 'VARCHAR', genre_id: 'VARCHAR'}`);
    await load('recs_title_people', people, `{title_id: 'VARCHAR', person: 'VARCHAR'}`);
  } finally {
    await fs.rm(dir, { recursive: true, force: true });
  }
}
