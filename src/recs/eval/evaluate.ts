import type { Title } from '../../catalog/model.js';
import type { SqlEngine } from '../../platform/sql/index.js';
import type { JobCatalog } from '../jobs/catalog-table.js';
import { DEFAULT_JOB_OPTIONS, prepareInputs, type RecsJobOptions } from '../jobs/compute.js';
import { computeDatasets, type RecsProgress } from '../jobs/runner.js';
import { num } from '../sql/dialect.js';
import type { CommunitiesDataset, ScoredTitle, SimilarDataset } from '../datasets.js';
import { topPicksFor, type HistoryEntry, type TopPicksOptions } from '../top-picks.js';
import { MetricMeans } from './metrics.js';

export interface EvalDeps {
  sql: SqlEngine;
  lakeRoot: string;
  catalog: JobCatalog;
  /** The clock the datasets are built at (default: now). */
  now: Date;
  k?: number;
  /** Profiles evaluated at most (the first by id); all when absent. */
  maxProfiles?: number;
  jobOptions?: RecsJobOptions;
  topPicks?: Partial<TopPicksOptions>;
  onProgress?: (progress: RecsProgress) => void;
}

export interface EvalReport {
  k: number;
  now: string;
  /** Profiles with a held-out title (at least two engaged titles). */
  profiles: number;
  topPicks: { recall: number; ndcg: number };
  popularity: { recall: number; ndcg: number };
  /** Top Picks recall@k ÷ popularity recall@k (null when the baseline scores 0). */
  recallLift: number | null;
  seconds: number;
}

/** Each profile's last engaged title (by last watch), for profiles with at least two engaged titles. */
export function holdoutSql(maxProfiles?: number): string {
  const limit = maxProfiles === undefined ? '' : `\n  ORDER BY profile_id\n  LIMIT ${num(maxProfiles)}`;
  return `CREATE OR REPLACE TEMP TABLE recs_holdout AS
SELECT profile_id, title_id FROM (
  SELECT profile_id, title_id,
    ROW_NUMBER() OVER (PARTITION BY profile_id ORDER BY last_at DESC, title_id) AS rn,
    COUNT(*) OVER (PARTITION BY profile_id) AS engaged_titles
  FROM recs_engagement WHERE engaged = 1
) r
WHERE rn = 1 AND engaged_titles >= 2${limit}`;
}

/** What the evaluation scores rankings against: held-out titles, the rest of each history, the datasets built without them. */
export interface EvalSet {
  k: number;
  now: Date;
  heldOut: Map<string, string>;
  /** Each evaluated profile's remaining history, newest first. */
  histories: Map<string, HistoryEntry[]>;
  datasets: { similar: SimilarDataset; popularity: ScoredTitle[]; affinity: Record<string, Record<string, number>>; communities: CommunitiesDataset };
  catalog: { byId: Map<string, Title> };
  started: number;
}

/**
 * Leave-last-out over the lake: hold out each profile's last engaged title and build the datasets
 * from everything else (the first, expensive half of the evaluation; `scoreEvalSet` can then score
 * several Top Picks settings against it).
 */
export async function prepareEvalSet(deps: EvalDeps): Promise<EvalSet> {
  const started = performance.now();
  const options = deps.jobOptions ?? DEFAULT_JOB_OPTIONS;
  await prepareInputs({ sql: deps.sql, lakeRoot: deps.lakeRoot, catalog: deps.catalog, now: deps.now, options });
  await deps.sql.run(holdoutSql(deps.maxProfiles));
  const heldOut = new Map((await deps.sql.all<{ profile_id: string; title_id: string }>('SELECT profile_id, title_id FROM recs_holdout')).map((r) => [r.profile_id, r.title_id]));

  const { data } = await computeDatasets({ ...deps, options, exclude: 'recs_holdout', only: ['similar', 'affinity', 'popularity', 'communities'] });
  const rows = await deps.sql.all<{ profile_id: string; title_id: string; completed: number; watch_sec: number; runtime_sec: number }>(
    `SELECT e.profile_id, e.title_id, e.completed, e.watch_sec, e.runtime_sec
     FROM recs_engagement e JOIN recs_holdout h ON h.profile_id = e.profile_id
     ORDER BY e.profile_id, e.last_at DESC, e.title_id`,
  );
  const histories = new Map<string, HistoryEntry[]>();
  for (const r of rows) {
    let list = histories.get(r.profile_id);
    if (!list) histories.set(r.profile_id, (list = []));
    list.push({ titleId: r.title_id, completed: r.completed === 1, positionSec: r.watch_sec, durationSec: r.runtime_sec });
  }
  return {
    k: deps.k ?? 10,
    now: deps.now,
    heldOut,
    histories,
    datasets: { similar: data.similar ?? {}, popularity: data.popularity ?? [], affinity: data.affinity ?? {}, communities: data.communities ?? {} },
    catalog: { byId: new Map<string, Title>(deps.catalog.titles.map((t) => [t.id, t])) },
    started,
  };
}

/** Recall@k and NDCG@k of Top Picks (with these options) and of the popularity list over an evaluation set. */
export function scoreEvalSet(set: EvalSet, topPicks: Partial<TopPicksOptions> = {}): EvalReport {
  const { k, datasets } = set;
  const picks = new MetricMeans(k);
  const baseline = new MetricMeans(k);
  for (const [profileId, target] of set.heldOut) {
    const history = set.histories.get(profileId) ?? [];
    const affinity = datasets.affinity[profileId];
    const ranked = topPicksFor(history, { similar: datasets.similar, popularity: datasets.popularity, communities: datasets.communities, ...(affinity ? { affinity } : {}) }, set.catalog, { ...topPicks, limit: k }).map((p) => p.titleId);
    picks.add(ranked, target);
    const seen = new Set(history.map((h) => h.titleId));
    const popular: string[] = [];
    for (let i = 0; i < datasets.popularity.length && popular.length < k; i++) if (!seen.has(datasets.popularity[i]!.titleId)) popular.push(datasets.popularity[i]!.titleId);
    baseline.add(popular, target);
  }
  const p = picks.result();
  const b = baseline.result();
  return {
    k,
    now: set.now.toISOString(),
    profiles: set.heldOut.size,
    topPicks: p,
    popularity: b,
    recallLift: b.recall > 0 ? p.recall / b.recall : null,
    seconds: Math.round(performance.now() - set.started) / 1000,
  };
}

/**
 * Leave-last-out evaluation over the lake: hold out each profile's last engaged title, build the
 * datasets from everything else, and score Top Picks (the same `topPicksFor` the home page uses) and
 * the popularity list against the held-out titles with recall@k and NDCG@k.
 */
export async function evaluateTopPicks(deps: EvalDeps): Promise<EvalReport> {
  return scoreEvalSet(await prepareEvalSet(deps), deps.topPicks);
}

/** The report as Markdown (the JSON is the EvalReport itself). */
export function evalMarkdown(report: EvalReport): string {
  const pct = (x: number): string => `${(x * 100).toFixed(2)} %`;
  return [
    `# Top Picks evaluation (leave-last-out)`,
    '',
    `Datasets built at ${report.now} without each profile's last engaged title; ${report.profiles} profiles; k = ${report.k}; ${report.seconds} s.`,
    '',
    `| ranking | recall@${report.k} | NDCG@${report.k} |`,
    '|---|---|---|',
    `| Top Picks | ${pct(report.topPicks.recall)} | ${report.topPicks.ndcg.toFixed(4)} |`,
    `| Popularity | ${pct(report.popularity.recall)} | ${report.popularity.ndcg.toFixed(4)} |`,
    '',
    `Recall lift over popularity: ${report.recallLift === null ? 'n/a (baseline 0)' : `${report.recallLift.toFixed(2)}×`}`,
    '',
  ].join('\n');
}
