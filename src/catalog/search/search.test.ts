import { describe, expect, it } from 'vitest';
import { ANYONE, type Viewer } from '../model.js';
import { buildSearchIndex } from './index.js';
import { makeTitle, NOW, snapshotOf } from './test-titles.js';
import type { SearchParams } from './types.js';

const index = buildSearchIndex(
  snapshotOf([
    makeTitle({
      id: 'mv-lantern',
      name: 'The Little Lantern',
      maturityRating: 'G',
      genres: ['kids', 'comedy'],
      popularity: 0.9,
      releaseYear: 2019,
      synopsis: 'A small light guides lost children home.',
      people: [{ name: 'Bo Ferris', role: 'director' }],
    }),
    makeTitle({
      id: 'mv-ledger',
      name: 'The Night Ledger',
      maturityRating: 'R',
      genres: ['thriller'],
      popularity: 0.8,
      releaseYear: 2024,
      synopsis: 'An accountant finds a lantern in the vault.',
      people: [{ name: 'Carmen Oyelaran', role: 'actor' }],
    }),
    makeTitle({ id: 'mv-harbor', name: 'Harbor Lights', popularity: 0.3, releaseYear: 2010, synopsis: 'A keeper tends the light.' }),
    makeTitle({
      id: 'mv-thames',
      name: 'Thames Quiet',
      popularity: 0.2,
      availability: [{ country: 'GB', from: '2000-01-01T00:00:00.000Z', until: null }],
    }),
    makeTitle({ id: 'sh-thorn', kind: 'show', name: 'Thorn Valley', maturityRating: 'TV-MA', genres: ['drama', 'thriller'], popularity: 0.7 }),
    makeTitle({
      id: 'mv-amelie',
      name: 'Amélie Returns',
      genres: ['comedy'],
      originalLanguage: 'fr',
      audioLanguages: ['fr', 'en-GB'],
      popularity: 0.4,
      releaseYear: 2001,
    }),
    makeTitle({ id: 'mv-echo-a', name: 'Echo One', popularity: 0.15 }),
    makeTitle({ id: 'mv-echo-b', name: 'Echo Two', popularity: 0.65 }),
    makeTitle({
      id: 'mv-gone',
      name: 'Gone Tomorrow',
      popularity: 0.95,
      availability: [{ country: 'US', from: '2000-01-01T00:00:00.000Z', until: '2025-01-01T00:00:00.000Z' }],
    }),
  ]),
);

const kid: Viewer = { maxMaturityLevel: 2, country: undefined };
const inUS: Viewer = { maxMaturityLevel: 6, country: 'US' };

function search(params: Partial<SearchParams>, viewer: Viewer = ANYONE) {
  return index.search({ q: '', offset: 0, limit: 20, ...params }, viewer, NOW);
}
function ids(params: Partial<SearchParams>, viewer: Viewer = ANYONE): string[] {
  return search(params, viewer).results.map((hit) => hit.title.id);
}

describe('search: matching', () => {
  it('prefix-matches the last word while typing', () => {
    expect(ids({ q: 'lant' })[0]).toBe('mv-lantern');
    expect(ids({ q: 'little lan' })).toEqual(['mv-lantern']);
  });

  it('treats a trailing space as a finished word', () => {
    expect(ids({ q: 'lant ' })).toEqual([]);
  });

  it('tolerates typos, transpositions included', () => {
    expect(ids({ q: 'lantren' })[0]).toBe('mv-lantern');
    expect(ids({ q: 'harbur lights' })).toEqual(['mv-harbor']);
  });

  it('matches cast and crew names and reports the field', () => {
    const [hit] = search({ q: 'carmen oyelaran' }).results;
    expect(hit?.title.id).toBe('mv-ledger');
    expect(hit?.matchedFields).toEqual(['people']);
    expect(ids({ q: 'ferris' })).toEqual(['mv-lantern']);
  });

  it('matches genre names and ids', () => {
    expect(ids({ q: 'thriller' }).sort()).toEqual(['mv-ledger', 'sh-thorn']);
    expect(ids({ q: 'science fiction' })).toEqual([]);
    expect(ids({ q: 'family' })).toEqual(['mv-lantern']);
  });

  it('ranks a name match above a synopsis match', () => {
    const hits = search({ q: 'lantern' }).results;
    expect(hits.map((hit) => hit.title.id)).toEqual(['mv-lantern', 'mv-ledger']);
    expect(hits[0]?.matchedFields).toEqual(['name']);
    expect(hits[1]?.matchedFields).toEqual(['synopsis']);
    expect(hits[0]!.score).toBeGreaterThan(hits[1]!.score);
  });

  it('ranks equally relevant matches by popularity', () => {
    expect(ids({ q: 'echo' })).toEqual(['mv-echo-b', 'mv-echo-a']);
  });

  it('requires every word, falling back to any word when none matches them all', () => {
    expect(ids({ q: 'night ledger' })).toEqual(['mv-ledger']);
    expect(ids({ q: 'ledger zzzzqqq' })).toEqual(['mv-ledger']);
  });

  it('drops stop words when other words remain', () => {
    expect(ids({ q: 'the ledger' })).toEqual(['mv-ledger']);
    expect(ids({ q: 'in the vault' })).toEqual(['mv-ledger']);
    expect(ids({ q: 'ledger of the' })).toEqual(['mv-ledger']);
  });

  it('answers stop words alone and one- or two-letter words from name prefixes, starts first', () => {
    expect(ids({ q: 'the' })).toEqual(['mv-lantern', 'mv-ledger']);
    expect(ids({ q: 'th' })).toEqual(['mv-lantern', 'mv-ledger', 'sh-thorn', 'mv-thames']);
    expect(ids({ q: 'li' })).toEqual(['mv-lantern', 'mv-harbor']);
    expect(search({ q: 'th' }).results[0]?.matchedFields).toEqual(['name']);
    expect(ids({ q: 'e' })).toEqual(['mv-echo-b', 'mv-echo-a']);
    expect(ids({ q: 'the n' })).toEqual(['mv-ledger']);
  });

  it('ignores diacritics on either side', () => {
    expect(ids({ q: 'amelie' })).toEqual(['mv-amelie']);
    expect(ids({ q: 'AMÉLIE retûrns' })).toEqual(['mv-amelie']);
  });
});

describe('search: filters', () => {
  it('filters by genre id or genre name', () => {
    expect(ids({ q: 'the', genre: 'thriller' })).toEqual(['mv-ledger']);
    expect(ids({ genre: 'Kids & Family' })).toEqual(['mv-lantern']);
    expect(ids({ genre: 'no-such-genre' })).toEqual([]);
  });

  it('filters by a year range, bounds included', () => {
    expect(ids({ yearFrom: 2019, yearTo: 2024, genre: 'comedy' })).toEqual(['mv-lantern']);
    expect(ids({ yearTo: 2010 })).toEqual(['mv-amelie', 'mv-harbor']);
  });

  it('filters by kind and by original or audio language', () => {
    expect(ids({ kind: 'show' })).toEqual(['sh-thorn']);
    expect(ids({ language: 'FR' })).toEqual(['mv-amelie']);
    expect(ids({ language: 'en', q: 'amelie' })).toEqual(['mv-amelie']);
  });

  it('never shows a maturity-capped viewer a title above the ceiling', () => {
    expect(ids({ q: 'the' }, kid)).toEqual(['mv-lantern']);
    expect(ids({ q: 'ledger' }, kid)).toEqual([]);
    expect(ids({}, kid)).toEqual(['mv-lantern']);
  });

  it('applies an explicit maturity ceiling on top of the viewer', () => {
    expect(ids({ q: 'the' })).toContain('mv-ledger');
    expect(ids({ q: 'the', maxMaturityLevel: 4 })).toEqual(['mv-lantern']);
  });

  it('shows only titles available now in the viewer country or the requested one', () => {
    expect(ids({ q: 'thames' }, inUS)).toEqual([]);
    expect(ids({ q: 'thames' }, { ...inUS, country: 'GB' })).toEqual(['mv-thames']);
    expect(ids({ q: 'th', country: 'gb' })).toContain('mv-thames');
    expect(ids({ country: 'GB' })).not.toContain('mv-gone');
    expect(ids({ q: 'gone' })).not.toContain('mv-gone');
  });
});

describe('search: browsing and paging', () => {
  it('lists every match by popularity for an empty query', () => {
    const result = search({ q: '  ' });
    expect(result.total).toBe(8);
    expect(result.results.map((hit) => hit.title.id)).toEqual([
      'mv-lantern', 'mv-ledger', 'sh-thorn', 'mv-echo-b', 'mv-amelie', 'mv-harbor', 'mv-thames', 'mv-echo-a',
    ]);
    expect(result.results[0]).toMatchObject({ score: 0.9, matchedFields: [] });
  });

  it('pages by offset and limit with a total over all pages', () => {
    const all = ids({});
    const pages = [0, 3, 6].map((offset) => search({ offset, limit: 3 }));
    expect(pages.map((page) => page.total)).toEqual([8, 8, 8]);
    expect(pages.flatMap((page) => page.results.map((hit) => hit.title.id))).toEqual(all);
    expect(search({ q: 'the', offset: 1, limit: 1 })).toMatchObject({ total: ids({ q: 'the' }).length, results: [{}] });
    expect(search({ offset: 50 }).results).toEqual([]);
  });
});
