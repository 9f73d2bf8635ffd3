import { describe, expect, it } from 'vitest';
import type { Title } from '../../src/catalog/model.js';
import { arrangeRows, demoteFinished, FIRST_VISIBLE, type HomeRow } from '../../src/recs/home/arrange.js';

const title = (id: string) => ({ id }) as Title; // arrangement reads ids only
const row = (id: string, ids: string[], fixed = false): HomeRow => ({ id, title: id, reason: 'test', fixed, items: ids.map((x) => ({ title: title(x) })) });
const idsOf = (r: HomeRow | undefined) => r?.items.map((i) => i.title.id);
const seq = (prefix: string, n: number) => Array.from({ length: n }, (_, i) => `${prefix}${i}`);

describe('arrangeRows', () => {
  it('moves titles shown first by the previous row behind the first visible positions', () => {
    const [a, b] = arrangeRows([row('a', seq('x', 10)), row('b', ['x1', 'y0', 'x3', 'y1', 'y2', 'y3', 'y4', 'y5', 'y6'])], 40);
    expect(idsOf(a)).toEqual(seq('x', 10));
    expect(idsOf(b)).toEqual(['y0', 'y1', 'y2', 'y3', 'y4', 'y5', 'x1', 'x3', 'y6']);
  });

  it('lets a fixed row keep its order: the row before it gives way instead', () => {
    const rows = arrangeRows([row('flex', ['t1', 'a', 'b', 'c', 'd', 'e', 'f']), row('top10', ['t1', 't2'], true)], 40);
    expect(idsOf(rows[0])).toEqual(['a', 'b', 'c', 'd', 'e', 'f', 't1']);
    expect(idsOf(rows[1])).toEqual(['t1', 't2']);
  });

  it('drops conflicting titles from a row too short to push them back, and rows left empty', () => {
    const rows = arrangeRows([row('a', ['x', 'y']), row('b', ['x', 'z']), row('c', ['x']), row('d', ['x', 'w'])], 40);
    expect(rows.map((r) => [r.id, idsOf(r)])).toEqual([
      ['a', ['x', 'y']],
      ['b', ['z']],
      ['c', ['x']],
      ['d', ['w']],
    ]);
  });

  it('ignores empty rows between two rows and caps every row', () => {
    const rows = arrangeRows([row('a', seq('x', 8)), row('empty', []), row('b', seq('x', 50))], 40);
    expect(rows.map((r) => r.id)).toEqual(['a', 'b']);
    expect(rows[1]!.items).toHaveLength(40);
    expect(idsOf(rows[1])!.slice(0, FIRST_VISIBLE)).toEqual(['x6', 'x7', 'x8', 'x9', 'x10', 'x11']);
  });
});

describe('demoteFinished', () => {
  it('keeps order within unfinished and finished titles, finished last', () => {
    const items = ['a', 'b', 'c', 'd'].map((id) => ({ title: title(id) }));
    expect(demoteFinished(items, new Set(['a', 'c'])).map((i) => i.title.id)).toEqual(['b', 'd', 'a', 'c']);
    expect(demoteFinished(items, new Set())).toBe(items);
  });
});
