import { LRUCache } from 'lru-cache';
import type { CatalogSnapshot } from '../../catalog/snapshot.js';
import type { LoadedDatasets } from '../store/dataset-store.js';
import type { DegradedReason } from './assemble.js';
import { MAX_CLASS_MS, type ViewerClass } from './visibility.js';

/**
 * Everything `assembleHome` reads besides the profile id. It is pure, so the same of each gives the
 * same page: the catalog snapshot, the viewer class (visibility, which changes only when its memo is
 * rebuilt), the datasets, and the profile's name, and its history and list as cached (a digest of their texts).
 */
export interface PlanInputs {
  readonly snapshot: CatalogSnapshot;
  readonly viewerClass: ViewerClass;
  readonly datasets: LoadedDatasets | undefined;
  readonly degraded: DegradedReason | undefined;
  readonly size: number;
  readonly profileName: string;
  /**
   * `textDigest` of the profile's history and list as cached (an InputsStamp's texts): a plan holds
   * no copy of them, so 100 k plans are not 100 MB of member state on the heap.
   */
  readonly stateDigest: string;
}

interface Plan extends PlanInputs {
  /** The page as it was sent: JSON bytes, outside the V8 heap. */
  readonly json: Buffer;
}

/** Plans of a class rebuilt since (an availability change) are never reused: let them go after its longest life. */
const PLAN_TTL_MS = MAX_CLASS_MS;

function sameInputs(a: PlanInputs, b: PlanInputs): boolean {
  return (
    a.snapshot === b.snapshot &&
    a.viewerClass === b.viewerClass &&
    a.datasets === b.datasets &&
    a.degraded === b.degraded &&
    a.size === b.size &&
    a.profileName === b.profileName &&
    a.stateDigest === b.stateDigest
  );
}

/**
 * Each profile's last assembled page, reused while what it was assembled from is unchanged: a member
 * who comes back to the home page without having watched anything since gets it without Top Picks,
 * Because You Watched and the arrangement being worked out again, or encoded again.
 *
 * A plan keeps the page's bytes (7–12 kB of title references), not its rows: a buffer's contents are
 * memory the garbage collector never traces, while 100 k pages of row objects (~5 kB each) were
 * hundreds of MB of small objects that every full collection marked, on the api's one thread.
 *
 * A progress write, a list change, a new dataset version, a catalog change or an availability window
 * opening changes the inputs, so the next page is assembled afresh: the online rows still follow the
 * latest history. Per api node, bounded (LRU).
 */
export class PagePlans {
  private readonly plans: LRUCache<string, Plan> | undefined;
  // Plans of an older snapshot or dataset version can never be reused: a new one clears them all.
  private generation: { snapshot: CatalogSnapshot; datasets: LoadedDatasets | undefined } | undefined;

  /** `maxProfiles` 0 keeps none (every page assembled). */
  constructor(maxProfiles: number) {
    this.plans = maxProfiles > 0 ? new LRUCache({ max: maxProfiles, ttl: PLAN_TTL_MS }) : undefined;
  }

  /** The page's bytes assembled earlier for exactly these inputs, if held. */
  get(profileId: string, key: PlanInputs): Buffer | undefined {
    const plan = this.plans?.get(profileId);
    return plan && sameInputs(plan, key) ? plan.json : undefined;
  }

  /** Holds a page's bytes; they must not be changed afterwards (later requests send them as they are). */
  set(profileId: string, key: PlanInputs, json: Buffer): void {
    if (!this.plans) return;
    if (this.generation?.snapshot !== key.snapshot || this.generation.datasets !== key.datasets) {
      this.plans.clear();
      this.generation = { snapshot: key.snapshot, datasets: key.datasets };
    }
    // One object per profile, of one shape (a spread would give each plan a hidden class of its own).
    const plan: Plan = {
      snapshot: key.snapshot,
      viewerClass: key.viewerClass,
      datasets: key.datasets,
      degraded: key.degraded,
      size: key.size,
      profileName: key.profileName,
      stateDigest: key.stateDigest,
      json,
    };
    this.plans.set(profileId, plan);
  }
}
