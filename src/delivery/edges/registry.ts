import { sql, type Selectable } from 'kysely';
import { AppError } from '../../errors.js';
import type { Db } from '../../platform/db/index.js';
import { regionOf } from './regions.js';
import type { EdgeRow, EdgeTables } from './tables.js';
import type { Edge } from './types.js';

/** What an operator gives to register or update an edge; the region is derived from the country. */
export interface EdgeInput {
  baseUrl: string;
  country: string;
  capacityGbps: number;
  cacheSize: string;
}

/** An edge as stored: the registry fields plus its last load report (shared by every api node). */
export interface StoredEdge extends Edge {
  /** Utilisation 0..1 from the last load report; 0 before the first. */
  load: number;
  /** Titles the edge reported holding. */
  titles: string[];
  loadReportedAt: string | null;
}

export const EDGE_ID_PATTERN = /^[a-z0-9-]{1,32}$/;

function invalid(field: string, message: string): AppError {
  return new AppError('VALIDATION_FAILED', `${field} ${message}`, [{ field, message }]);
}

/** Normalises a base URL (http/https, no query, no trailing slash) so `<baseUrl>/t/...` is always right. */
function normaliseBaseUrl(raw: string): string {
  let parsed: URL;
  try {
    parsed = new URL(raw);
  } catch {
    throw invalid('body.baseUrl', 'must be an absolute http(s) URL');
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') throw invalid('body.baseUrl', 'must be an http or https URL');
  if (parsed.search || parsed.hash || parsed.username || parsed.password) {
    throw invalid('body.baseUrl', 'must not carry a query, fragment or credentials');
  }
  return `${parsed.origin}${parsed.pathname}`.replace(/\/+$/, '');
}

function toStored(row: Selectable<EdgeRow>): StoredEdge {
  return {
    id: row.id,
    baseUrl: row.base_url,
    country: row.country,
    region: row.region,
    capacityGbps: Number(row.capacity_gbps),
    cacheSize: row.cache_size,
    load: Number(row.load),
    titles: row.titles,
    loadReportedAt: row.load_reported_at ? row.load_reported_at.toISOString() : null,
  };
}

/** The edge registry (table `edges`): register, update, remove and list edge appliances; store load reports. */
export class EdgeRegistry {
  constructor(private readonly db: Db) {}

  private get q() {
    return this.db.builder<EdgeTables>();
  }

  /** Registers or replaces an edge; throws VALIDATION_FAILED naming the field for a bad URL or unknown country. */
  async put(id: string, input: EdgeInput): Promise<{ edge: StoredEdge; created: boolean }> {
    if (!EDGE_ID_PATTERN.test(id)) throw invalid('params.id', 'must be 1-32 of a-z, 0-9 and -');
    const country = input.country.toUpperCase();
    const region = regionOf(country);
    if (region === undefined) throw invalid('body.country', `"${input.country}" is not a country in the steering region map`);
    const values = {
      base_url: normaliseBaseUrl(input.baseUrl),
      country,
      region,
      capacity_gbps: input.capacityGbps,
      cache_size: input.cacheSize,
    };
    // xmax = 0 only on a freshly inserted row: tells created from updated in one statement.
    const row = await this.q
      .insertInto('edges')
      .values({ id, ...values })
      .onConflict((oc) => oc.column('id').doUpdateSet({ ...values, updated_at: new Date() }))
      .returningAll()
      .returning(sql<boolean>`(xmax = 0)`.as('created'))
      .executeTakeFirstOrThrow();
    const { created, ...stored } = row;
    return { edge: toStored(stored), created: Boolean(created) };
  }

  /** Removes an edge; false when there was none. */
  async remove(id: string): Promise<boolean> {
    const result = await this.q.deleteFrom('edges').where('id', '=', id).executeTakeFirst();
    return result.numDeletedRows > 0n;
  }

  /** One edge, or undefined (`marquee edge-config --edge ID` reads it here). */
  async get(id: string): Promise<StoredEdge | undefined> {
    const row = await this.q.selectFrom('edges').selectAll().where('id', '=', id).executeTakeFirst();
    return row && toStored(row);
  }

  /** Every edge, by id. */
  async list(): Promise<StoredEdge[]> {
    const rows = await this.q.selectFrom('edges').selectAll().orderBy('id').execute();
    return rows.map(toStored);
  }

  /**
   * Stores an edge's load report; `titles` replaces the held-title set when given, else keeps it.
   * Throws EDGE_NOT_FOUND for an unregistered edge.
   */
  async reportLoad(id: string, load: number, titles: readonly string[] | undefined, at: Date): Promise<StoredEdge> {
    const row = await this.q
      .updateTable('edges')
      .set({ load, load_reported_at: at, ...(titles ? { titles: [...new Set(titles)] } : {}) })
      .where('id', '=', id)
      .returningAll()
      .executeTakeFirst();
    if (!row) throw new AppError('EDGE_NOT_FOUND', undefined, { id });
    return toStored(row);
  }
}
