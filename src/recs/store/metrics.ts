import { Gauge, type Registry } from 'prom-client';
import type { DatasetStore } from './dataset-store.js';

/**
 * What this api node serves from: the held dataset version's age (the "dataset age", as
 * seen where it matters) and whether pages are degraded for want of datasets.
 */
export function registerDatasetStoreMetrics(registry: Registry, store: DatasetStore): void {
  new Gauge({
    name: 'marquee_recs_serving_dataset_age_seconds',
    help: 'Age of the recommendation datasets this api node serves from (-1 when none is held)',
    registers: [registry],
    collect() {
      this.set(store.status().ageSeconds ?? -1);
    },
  });
  new Gauge({
    name: 'marquee_recs_serving_degraded',
    help: 'Whether home pages are built from popularity because datasets are missing (1) or stale (2); 0 when ok',
    registers: [registry],
    collect() {
      const health = store.health();
      this.set(health.state === 'ok' ? 0 : health.reason === 'datasets_missing' ? 1 : 2);
    },
  });
}
