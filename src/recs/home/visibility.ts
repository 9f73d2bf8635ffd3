import type { Title, Viewer } from '../../catalog/model.js';
import { availabilityHorizon, isVisible, type CatalogSnapshot } from '../../catalog/snapshot.js';
import type { LoadedDatasets } from '../store/dataset-store.js';
import { SharedLists } from './shared-rows.js';

/**
 * What is memoised holds until the next availability window of the class's country opens or closes,
 * and at most this long: not a correctness rule, a bound on how long a quiet catalog keeps one
 * class's lists (and the page plans made over them, page-plans.ts).
 */
export const MAX_CLASS_MS = 60 * 60_000;

/** What every viewer of one (maturity ceiling, country) shares over one catalog snapshot. */
export interface ViewerClass {
  /** `isVisible` for the class, memoised. */
  visible: (title: Title) => boolean;
  /** The shared rows' lists over these datasets (undefined: the degraded page's). */
  shared(datasets: LoadedDatasets | undefined): SharedLists;
}

interface Memo {
  snapshot: CatalogSnapshot;
  until: number;
  viewerClass: ViewerClass;
}

/**
 * Visibility answers and shared row lists per (maturity ceiling, country) and snapshot: a home page
 * checks hundreds of candidates, and every profile of a country and ceiling shares the answers.
 */
export class ViewerClassMemo {
  private readonly memos = new Map<string, Memo>();

  forViewer(snapshot: CatalogSnapshot, viewer: Viewer, now: Date): ViewerClass {
    const key = `${viewer.maxMaturityLevel}|${viewer.country ?? ''}`;
    const at = now.getTime();
    let memo = this.memos.get(key);
    if (!memo || memo.snapshot !== snapshot || memo.until <= at) {
      if (this.memos.size > 1_000) this.memos.clear(); // countries × ceilings; never unbounded
      const until = Math.min(at + MAX_CLASS_MS, availabilityHorizon(snapshot, viewer.country, at));
      memo = { snapshot, until, viewerClass: viewerClass(snapshot, viewer, now) };
      this.memos.set(key, memo);
    }
    return memo.viewerClass;
  }
}

function viewerClass(snapshot: CatalogSnapshot, viewer: Viewer, now: Date): ViewerClass {
  const answers = new Map<string, boolean>();
  const visible = (title: Title): boolean => {
    let answer = answers.get(title.id);
    if (answer === undefined) answers.set(title.id, (answer = isVisible(title, viewer, now)));
    return answer;
  };
  let held: { datasets: LoadedDatasets | undefined; lists: SharedLists } | undefined;
  return {
    visible,
    shared(datasets) {
      if (!held || held.datasets !== datasets) held = { datasets, lists: new SharedLists(snapshot, visible, datasets, viewer.country) };
      return held.lists;
    },
  };
}
