import { MATURITY_LEVELS, type Title, type Viewer } from '../model.js';

/**
 * The viewer filter of `isVisible` (snapshot.ts), compiled once per request: `isVisible` formats
 * `now` as ISO for every title it checks, which dominated the suggest hot path and large result
 * sets. Same rules, same string comparisons; visibility.test.ts checks the two agree.
 */
export function visibleTo(viewer: Viewer, now: Date): (title: Title) => boolean {
  const at = now.toISOString();
  const { maxMaturityLevel, country } = viewer;
  return (title) => MATURITY_LEVELS[title.maturityRating] <= maxMaturityLevel && availableAt(title, country, at);
}

/** `isAvailable` with `now` already formatted. */
export function availableAt(title: Title, country: string | undefined, at: string): boolean {
  for (const window of title.availability) {
    if ((country === undefined || window.country === country) && window.from <= at && (window.until === null || window.until > at)) {
      return true;
    }
  }
  return false;
}
