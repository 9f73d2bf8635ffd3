import type { CatalogSnapshot } from '../../catalog/snapshot.js';
import { LruIndex } from '../../platform/cache/lru-index.js';
import { SlabStore } from '../../platform/cache/slab-store.js';
import type { CacheHeld } from '../../platform/cache/types.js';
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

/** Plans of a class rebuilt since (an availability change) are never reused: let them go after its longest life. */
const PLAN_TTL_MS = MAX_CLASS_MS;

/**
 * Each profile's last assembled page, reused while what it was assembled from is unchanged: a member
 * who comes back to the home page without having watched anything since gets it without Top Picks,
 * Because You Watched and the arrangement being worked out again, or encoded again.
 *
 * A plan is one block outside V8's heap: a stamp of its inputs and the page's bytes as the caller
 * gives them (HomeService: 7–12 kB of title references in gzip, ~1.5–3 kB), found through an LRU
 * index of typed arrays (src/platform/cache/lru-index.ts). So 100 k plans are no heap object at
 * all: neither row objects (~5 kB each, which every full collection marked) nor a plan object, a
 * buffer and a map entry each, which a reused page touched at random places of the heap
 * (lru-index.ts says why that matters on a VM).
 *
 * A progress write, a list change, a new dataset version, a catalog change or an availability window
 * opening changes the inputs, so the next page is assembled afresh: the online rows still follow the
 * latest history. Per api node, bounded (LRU).
 */
export class PagePlans {
  private readonly plans: LruIndex | undefined;
  private readonly store = new SlabStore();
  // Plans of an older snapshot or dataset version can never be reused: a new one clears them all.
  private generation: { snapshot: CatalogSnapshot; datasets: LoadedDatasets | undefined } | undefined;
  /** Viewer classes by identity, as numbers a stamp can hold (a rebuilt class is a new object). */
  private readonly classIds = new WeakMap<ViewerClass, number>();
  private nextClassId = 1;
  /** The stamp being compared or stored, as UTF-8. */
  private stamp = Buffer.allocUnsafeSlow(512);

  /** `maxProfiles` 0 keeps none (every page assembled). */
  constructor(maxProfiles: number) {
    this.plans = maxProfiles > 0 ? new LruIndex(maxProfiles, this.store) : undefined;
  }

  /**
   * The page assembled earlier for exactly these inputs, if held, as `body` returns it: `body` gets
   * the bytes in place, valid only during the call (a later plan may reuse their memory), and must copy them.
   */
  get(profileId: string, key: PlanInputs, body: (bytes: Uint8Array) => Buffer): Buffer | undefined {
    if (!this.plans || this.generation?.snapshot !== key.snapshot || this.generation.datasets !== key.datasets) return undefined;
    const held = this.plans.getView(profileId);
    if (!held) return undefined;
    const stampLength = this.encodeStamp(key);
    if (held.readUInt32LE(0) !== stampLength || held.compare(this.stamp, 0, stampLength, 4, 4 + stampLength) !== 0) return undefined;
    return body(held.subarray(4 + stampLength));
  }

  /** Holds a copy of a page's bytes with the inputs it was assembled from. */
  set(profileId: string, key: PlanInputs, json: Uint8Array): void {
    if (!this.plans) return;
    if (this.generation?.snapshot !== key.snapshot || this.generation.datasets !== key.datasets) {
      this.plans.clear();
      this.generation = { snapshot: key.snapshot, datasets: key.datasets };
    }
    const stampLength = this.encodeStamp(key);
    const value = Buffer.allocUnsafe(4 + stampLength + json.length);
    value.writeUInt32LE(stampLength, 0);
    this.stamp.copy(value, 4, 0, stampLength);
    value.set(json, 4 + stampLength);
    this.plans.set(profileId, value, PLAN_TTL_MS);
  }

  /** Whether plans are kept at all (a node configured with none assembles every page). */
  get enabled(): boolean {
    return this.plans !== undefined;
  }

  /** Profiles with a plan, and the bytes of the slabs holding them (outside the V8 heap), for /metrics. */
  held(): CacheHeld {
    return { entries: this.plans?.size ?? 0, bytesHeld: this.store.stats().bytesHeld };
  }

  /** Encodes the inputs other than the generation's into `stamp`; their byte length. */
  private encodeStamp(key: PlanInputs): number {
    let classId = this.classIds.get(key.viewerClass);
    if (classId === undefined) this.classIds.set(key.viewerClass, (classId = this.nextClassId++));
    const text = `${classId}\n${key.degraded ?? ''}\n${key.size}\n${key.stateDigest}\n${key.profileName}`;
    if (text.length * 3 > this.stamp.length) this.stamp = Buffer.allocUnsafeSlow(text.length * 3);
    return this.stamp.write(text, 0, 'utf8');
  }
}
