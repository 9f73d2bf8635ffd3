import { LRUCache } from 'lru-cache';
import type { CatalogSnapshot } from '../../catalog/snapshot.js';
import type { LoadedDatasets } from '../store/dataset-store.js';
import type { DegradedReason, HomePage } from './assemble.js';
import type { HomeInputs } from './inputs.js';
import { MAX_CLASS_MS, type ViewerClass } from './visibility.js';

/**
 * Everything `assembleHome` reads besides the profile id. It is pure, so the same of each gives the
 * same page: the catalog snapshot, the viewer class (visibility, which changes only when its memo is
 * rebuilt), the datasets, and the profile's name, history and list by value.
 */
export interface PlanInputs {
  readonly snapshot: CatalogSnapshot;
  readonly viewerClass: ViewerClass;
  readonly datasets: LoadedDatasets | undefined;
  readonly degraded: DegradedReason | undefined;
  readonly size: number;
  readonly profileName: string;
  readonly inputs: HomeInputs;
}

interface Plan {
  readonly key: PlanInputs;
  readonly page: HomePage;
}

/** Plans of a class rebuilt since (an availability change) are never reused: let them go after its longest life. */
const PLAN_TTL_MS = MAX_CLASS_MS;

function sameHistory(a: HomeInputs['history'], b: HomeInputs['history']): boolean {
  if (a === b) return true;
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) {
    const x = a[i]!;
    const y = b[i]!;
    if (x.titleId !== y.titleId || x.completed !== y.completed || x.positionSec !== y.positionSec || x.durationSec !== y.durationSec || x.at !== y.at) return false;
  }
  return true;
}

function sameList(a: readonly string[], b: readonly string[]): boolean {
  if (a === b) return true;
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

function sameInputs(a: PlanInputs, b: PlanInputs): boolean {
  return (
    a.snapshot === b.snapshot &&
    a.viewerClass === b.viewerClass &&
    a.datasets === b.datasets &&
    a.degraded === b.degraded &&
    a.size === b.size &&
    a.profileName === b.profileName &&
    sameHistory(a.inputs.history, b.inputs.history) &&
    sameList(a.inputs.list, b.inputs.list)
  );
}

/**
 * Each profile's last assembled page (its rows, which mostly point at the shared lists' frozen
 * items), reused while what it was assembled from is unchanged: a member who comes back to the home
 * page without having watched anything since gets it without Top Picks, Because You Watched and the
 * arrangement being worked out again. A progress write, a list change, a new dataset version, a
 * catalog change or an availability window opening changes the inputs, so the next page is assembled
 * afresh: the online rows still follow the latest history. Per api node, bounded (LRU).
 */
export class PagePlans {
  private readonly plans: LRUCache<string, Plan> | undefined;
  // Plans of an older snapshot or dataset version can never be reused: a new one clears them all.
  private generation: { snapshot: CatalogSnapshot; datasets: LoadedDatasets | undefined } | undefined;

  /** `maxProfiles` 0 keeps none (every page assembled). */
  constructor(maxProfiles: number) {
    this.plans = maxProfiles > 0 ? new LRUCache({ max: maxProfiles, ttl: PLAN_TTL_MS }) : undefined;
  }

  /** The page assembled earlier for exactly these inputs, if held. */
  get(profileId: string, key: PlanInputs): HomePage | undefined {
    const plan = this.plans?.get(profileId);
    return plan && sameInputs(plan.key, key) ? plan.page : undefined;
  }

  /** Holds a page; it must not be changed afterwards (later requests render it as it is). */
  set(profileId: string, key: PlanInputs, page: HomePage): void {
    if (!this.plans) return;
    if (this.generation?.snapshot !== key.snapshot || this.generation.datasets !== key.datasets) {
      this.plans.clear();
      this.generation = { snapshot: key.snapshot, datasets: key.datasets };
    }
    this.plans.set(profileId, { key, page });
  }
}
