import type { Title, Viewer } from '../../catalog/model.js';
import { isVisible, type CatalogSnapshot } from '../../catalog/snapshot.js';

/** Availability windows open and close with time, so a memoised answer is reused only this long. */
const MEMO_MS = 5_000;

interface Memo {
  snapshot: CatalogSnapshot;
  until: number;
  answers: Map<string, boolean>;
}

/**
 * `isVisible` memoised per (maturity ceiling, country) and snapshot: a home page checks hundreds of
 * candidates, and every profile of a country and ceiling shares the answers.
 */
export class VisibilityMemo {
  private readonly memos = new Map<string, Memo>();

  /** A predicate for this viewer over this snapshot, valid for the current request. */
  forViewer(snapshot: CatalogSnapshot, viewer: Viewer, now: Date): (title: Title) => boolean {
    const key = `${viewer.maxMaturityLevel}|${viewer.country ?? ''}`;
    const at = now.getTime();
    let memo = this.memos.get(key);
    if (!memo || memo.snapshot !== snapshot || memo.until <= at) {
      if (this.memos.size > 1_000) this.memos.clear(); // countries × ceilings; never unbounded
      memo = { snapshot, until: at + MEMO_MS, answers: new Map() };
      this.memos.set(key, memo);
    }
    const answers = memo.answers;
    return (title) => {
      let visible = answers.get(title.id);
      if (visible === undefined) answers.set(title.id, (visible = isVisible(title, viewer, now)));
      return visible;
    };
  }
}
