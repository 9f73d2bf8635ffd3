/**
 * The simulated lake the recommendation benchmarks share (bench/recs-jobs.ts writes it,
 * bench/tune-top-picks.ts reads it): its knobs, where it lives, and the catalog it was simulated over.
 * Knobs: BENCH_EVENTS, BENCH_PROFILES, BENCH_TITLES, BENCH_HEARTBEAT_SEC (default 300), BENCH_DAYS
 * (window, default 14), BENCH_SEED (default 20261130: another population and catalog draw of the same
 * shape, e.g. to tune on one and report on another), BENCH_LAKE_DIR.
 */
import os from 'node:os';
import path from 'node:path';
import { generateCatalog } from '../src/catalog/demo/generate.js';
import { normalizeTitle } from '../src/catalog/normalize.js';
import { buildSnapshot } from '../src/catalog/snapshot.js';
import { SIMULATOR_VERSION } from './simulator/index.js';

export const int = (name: string, fallback: number): number => {
  const value = process.env[name];
  return value === undefined || value === '' ? fallback : Number(value);
};
export const EVENTS = int('BENCH_EVENTS', 10_000_000);
export const PROFILES = int('BENCH_PROFILES', 100_000);
export const TITLES = int('BENCH_TITLES', 10_000);
/**
 * The issue fixes the volume (10 M events over 100 k profiles); how much viewing those events stand
 * for is the simulated heartbeat interval. At one a minute, 100 events a profile are ~1.5 h of
 * viewing in two weeks: two titles, a member in their first days, which measures cold start rather
 * than recommendation. One every five minutes gives ~8 h and a median of eight titles played. The
 * jobs' work grows with it (more sessions, titles per profile and pairs), not only the evaluation's.
 */
export const HEARTBEAT_SEC = int('BENCH_HEARTBEAT_SEC', 300);
export const DAYS = int('BENCH_DAYS', 14);
export const SEED = int('BENCH_SEED', 20_261_130);
/** The end of the simulated window, and the jobs' and evaluation's "now". */
export const NOW = new Date('2026-11-30T00:00:00.000Z');

export const lakeRoot = process.env.BENCH_LAKE_DIR ?? path.join(os.tmpdir(), 'marquee-bench-recs', `sim${SIMULATOR_VERSION}-s${SEED}-${EVENTS}-${PROFILES}-${TITLES}-hb${HEARTBEAT_SEC}-d${DAYS}`);

export const catalogInput = generateCatalog({ seed: SEED, movies: TITLES - Math.round(TITLES * 0.2), shows: Math.round(TITLES * 0.2), now: new Date('2026-01-01T00:00:00Z') });
const known = new Set(catalogInput.genres.map((g) => g.id));
/** The catalog as the jobs see it. */
export const snapshot = buildSnapshot(1, catalogInput.titles.map((input) => normalizeTitle(input, input.id!, known, undefined, new Date('2026-01-01T00:00:00Z'))), catalogInput.genres);
