import { describe, expect, it } from 'vitest';
import { ANYONE, type Viewer } from '../model.js';
import { buildSearchIndex } from './index.js';
import { buildSuggestIndex, type PrefixMatch } from './suggest.js';
import { makeTitle, NOW, snapshotOf } from './test-titles.js';

const all = (): boolean => true;
const ranks = (matches: PrefixMatch[]): number[] => matches.map((m) => m.rank);

describe('prefix map', () => {
  // Rank = position = popularity order, as in a snapshot.
  const names = ['the little lantern', 'night of the thorn', 'thorn valley', 'other things', 'thessaloniki nights extended cut'];
  const prefixes = buildSuggestIndex(names);

  it('puts names starting with the prefix before later-word matches, each most popular first', () => {
    expect(ranks(prefixes.lookup('th', all, 10))).toEqual([0, 2, 4, 1, 3]);
    expect(ranks(prefixes.lookup('thorn', all, 10))).toEqual([2, 1]);
  });

  it('matches across words and respects a finished word', () => {
    expect(ranks(prefixes.lookup('the l', all, 10))).toEqual([0]);
    expect(ranks(prefixes.lookup('the ', all, 10))).toEqual([0, 1]);
    expect(ranks(prefixes.lookup('nights', all, 10))).toEqual([4]);
  });

  it('checks prefixes longer than a key against the whole name', () => {
    expect(ranks(prefixes.lookup('thessaloniki nights ext', all, 10))).toEqual([4]);
    expect(ranks(prefixes.lookup('thessaloniki nights exit', all, 10))).toEqual([]);
  });

  it('stops at the limit and skips what the filter rejects', () => {
    expect(ranks(prefixes.lookup('th', all, 2))).toEqual([0, 2]);
    expect(ranks(prefixes.lookup('th', (rank) => rank % 2 === 1, 10))).toEqual([1, 3]);
    expect(ranks(prefixes.lookup('zz', all, 10))).toEqual([]);
  });

  it('keeps every match, so a strict filter still finds the least popular ones', () => {
    const many = Array.from({ length: 300 }, (_, i) => (i % 2 === 0 ? `star ${i}` : `a star ${i}`));
    const index = buildSuggestIndex(many);
    expect(index.lookup('sta', (rank) => rank >= 296, 8)).toEqual([
      { rank: 296, later: false },
      { rank: 298, later: false },
      { rank: 297, later: true },
      { rank: 299, later: true },
    ]);
  });

  it('finds prefixes one typo away: substituted, missing, extra or swapped chars', () => {
    // "thirn" is also one deletion from "thin" (other things).
    expect(ranks(prefixes.lookupWithTypo('thirn', all, 10))).toEqual([2, 1, 3]);
    for (const typo of ['tgorn', 'thoorn', 'htorn', 'thornn']) expect([typo, ranks(prefixes.lookupWithTypo(typo, all, 10))]).toEqual([typo, [2, 1]]);
    expect(ranks(prefixes.lookupWithTypo('the lx', all, 10))).toEqual([0]);
    expect(prefixes.lookupWithTypo('qqqq', all, 10)).toEqual([]);
  });
});

describe('suggest', () => {
  const index = buildSearchIndex(
    snapshotOf([
      makeTitle({ id: 'mv-lantern', name: 'The Little Lantern', maturityRating: 'G', popularity: 0.9, releaseYear: 2019 }),
      makeTitle({ id: 'mv-ledger', name: 'The Night Ledger', maturityRating: 'R', popularity: 0.8 }),
      makeTitle({ id: 'sh-thorn', kind: 'show', name: 'Thorn Valley', maturityRating: 'TV-MA', popularity: 0.7 }),
      makeTitle({ id: 'mv-other', name: 'Other Thrones', maturityRating: 'TV-Y', popularity: 0.95 }),
      makeTitle({
        id: 'mv-thames',
        name: 'Thames Quiet',
        maturityRating: 'G',
        popularity: 0.2,
        availability: [{ country: 'GB', from: '2000-01-01T00:00:00.000Z', until: null }],
      }),
      makeTitle({ id: 'mv-amelie', name: 'Amélie', popularity: 0.4, people: [{ name: 'Yannick Brossard', role: 'director' }] }),
    ]),
  );
  const kid: Viewer = { maxMaturityLevel: 2, country: undefined };
  const suggested = (prefix: string, viewer: Viewer = ANYONE, limit?: number): string[] =>
    index.suggest(prefix, viewer, NOW, limit).map((s) => s.id);

  it('returns small rows, name starts first, then later words, by popularity', () => {
    expect(index.suggest('thorn', ANYONE, NOW)).toEqual([{ id: 'sh-thorn', name: 'Thorn Valley', kind: 'show', releaseYear: 2020 }]);
    expect(suggested('th')).toEqual(['mv-lantern', 'mv-ledger', 'sh-thorn', 'mv-thames', 'mv-other']);
    expect(suggested('th', ANYONE, 2)).toEqual(['mv-lantern', 'mv-ledger']);
  });

  it('never suggests a title above the viewer maturity ceiling', () => {
    expect(suggested('th', kid)).toEqual(['mv-lantern', 'mv-thames', 'mv-other']);
    for (const prefix of ['t', 'th', 'the', 'thorn', 'thron', 'the night', 'ledger', 'ledgre', 'valley']) {
      expect(suggested(prefix, kid)).not.toEqual(expect.arrayContaining(['mv-ledger']));
      expect(suggested(prefix, kid)).not.toContain('sh-thorn');
    }
  });

  it('suggests only titles available in the viewer country', () => {
    expect(suggested('tha', { ...ANYONE, country: 'US' })).toEqual([]);
    expect(suggested('tha', { ...ANYONE, country: 'GB' })).toEqual(['mv-thames']);
  });

  it('ignores case and diacritics', () => {
    expect(suggested('AMÉ')).toEqual(['mv-amelie']);
    expect(suggested('ame')).toEqual(['mv-amelie']);
  });

  it('forgives one typo in what was typed, from 4 characters', () => {
    expect(suggested('lnat')).toEqual(['mv-lantern']);
    expect(suggested('thorm')).toEqual(['sh-thorn']);
    expect(suggested('thenig')).toEqual(['mv-ledger']);
    // An exact prefix ("thron" → "Thrones") wins; typos are only tried when nothing matches.
    expect(suggested('thron')).toEqual(['mv-other']);
    expect(suggested('lnt')).toEqual([]);
  });

  it('falls back to typo-tolerant search of names when no name is one typo away', () => {
    expect(suggested('litle lanten')).toEqual(['mv-lantern']);
    expect(suggested('lantern litt')).toEqual(['mv-lantern']);
    // Cast is searched by /search, not suggested.
    expect(suggested('brossard')).toEqual([]);
  });

  it('falls back to typo-tolerant search from 4 characters when nothing starts with the prefix', () => {
    expect(suggested('lantren')).toEqual(['mv-lantern']);
    expect(suggested('tnh')).toEqual([]);
    expect(suggested('lantren', kid)).toEqual(['mv-lantern']);
    expect(suggested('ldeger', kid)).toEqual([]);
  });

  it('handles empty input and odd limits', () => {
    expect(suggested('  ')).toEqual([]);
    expect(suggested('th', ANYONE, 0)).toEqual([]);
  });
});
