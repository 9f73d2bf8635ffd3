/** The viewer simulator: a seeded population with hidden tastes, its events, and two sinks (lake, HTTP). */
export { demoSimCatalog, simCatalog, type SimCatalog, type SimTitle } from './catalog.js';
export { createPopulation, populationTruth, topGenres, type SimProfile } from './population.js';
export { eventBudgets, generateEvents, profileEvents, type GenerateOptions } from './generate.js';
export { affinity, chooseTitle, simulateSession } from './session.js';
export { toLake, type ToLakeOptions, type ToLakeResult } from './lake.js';
export { batchesOf, registerPopulation, sendBatches, type SendStats } from './send.js';
