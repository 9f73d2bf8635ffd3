import { Gauge, type Registry } from 'prom-client';
import type { DatasetManifest } from '../datasets.js';

/** What the jobs role exposes in /metrics. */
export interface RecsJobMetrics {
  /** Records a finished run's job durations and dataset rows, and starts ageing its datasets. */
  published(manifest: DatasetManifest): void;
}

/** Registers the jobs' gauges in `registry`; ages are read at scrape time from the last published run. */
export function createRecsJobMetrics(registry: Registry, now: () => number = Date.now): RecsJobMetrics {
  let createdAt: number | undefined;
  const jobSeconds = new Gauge({ name: 'marquee_recs_job_seconds', help: 'Duration of the last run of each recommendation job', labelNames: ['job'], registers: [registry] });
  const rows = new Gauge({ name: 'marquee_recs_dataset_rows', help: 'Rows of each dataset in the last published version', labelNames: ['dataset'], registers: [registry] });
  new Gauge({
    name: 'marquee_recs_dataset_age_seconds',
    help: 'Seconds since the run that made the published datasets started (-1 before this process published any)',
    registers: [registry],
    collect() {
      this.set(createdAt === undefined ? -1 : (now() - createdAt) / 1000);
    },
  });
  return {
    published(manifest) {
      createdAt = Date.parse(manifest.createdAt);
      for (const [job, seconds] of Object.entries(manifest.jobSeconds)) jobSeconds.set({ job }, seconds);
      for (const [dataset, n] of Object.entries(manifest.rows)) rows.set({ dataset }, n);
    },
  };
}
