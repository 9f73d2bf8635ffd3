import { describe, expect, it } from 'vitest';
import { MATURITY_RATINGS, type Viewer } from '../model.js';
import { isAvailable, isVisible } from '../snapshot.js';
import { makeTitle } from './test-titles.js';
import { availableAt, visibleTo } from './visibility.js';

describe('visibleTo', () => {
  const windows = [
    [],
    [{ country: 'US', from: '2020-01-01T00:00:00.000Z', until: null }],
    [{ country: 'GB', from: '2020-01-01T00:00:00.000Z', until: '2025-01-01T00:00:00.000Z' }],
    [
      { country: 'US', from: '2026-01-01T00:00:00.000Z', until: null },
      { country: 'DE', from: '2024-06-01T00:00:00.000Z', until: '2024-06-02T00:00:00.000Z' },
    ],
  ];
  const titles = MATURITY_RATINGS.flatMap((maturityRating, i) =>
    windows.map((availability, j) => makeTitle({ id: `t${i}-${j}`, name: 'T', maturityRating, availability })),
  );
  const viewers: Viewer[] = [0, 2, 4, 6].flatMap((maxMaturityLevel) =>
    [undefined, 'US', 'GB', 'DE'].map((country) => ({ maxMaturityLevel, country })),
  );
  const moments = ['2019-12-31T23:59:59.999Z', '2020-01-01T00:00:00.000Z', '2024-06-01T12:00:00.000Z', '2025-01-01T00:00:00.000Z', '2027-01-01T00:00:00.000Z'];

  it('agrees with isVisible and isAvailable for every rating, window, viewer and moment', () => {
    let checked = 0;
    for (const moment of moments) {
      const now = new Date(moment);
      for (const viewer of viewers) {
        const visible = visibleTo(viewer, now);
        for (const title of titles) {
          expect(visible(title)).toBe(isVisible(title, viewer, now));
          expect(availableAt(title, viewer.country, moment)).toBe(isAvailable(title, viewer.country, now));
          checked++;
        }
      }
    }
    expect(checked).toBe(moments.length * viewers.length * titles.length);
  });
});
