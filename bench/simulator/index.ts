/** The viewer simulator: a seeded population with hidden tastes, its events, and two sinks (lake, HTTP). */
/**
 * Changes whenever the same seed and counts give other events (a new behaviour model), so lakes
 * written by an older simulator are not taken for this one's. 2: taste communities, Zipf 0.65.
 */
export const SIMULATOR_VERSION = 2;
export { demoSimCatalog, simCatalog, type SimCatalog, type SimTitle } from './catalog.js';
export { createPopulation, populationTruth, topGenres, type SimProfile } from './population.js';
export { eventBudgets, generateEvents, profileEvents, type GenerateOptions } from './generate.js';
export { affinity, chooseTitle, simulateSession } from './session.js';
export { toLake, type ToLakeOptions, type ToLakeResult } from './lake.js';
export { batchesOf, registerPopulation, sendBatches, type SendStats } from './send.js';
