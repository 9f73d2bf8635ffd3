import { describe, expect, it } from 'vitest';
import { buildVocabulary, maxTypos, withinOneEdit } from './typos.js';

const NAME = 1;
const SYNOPSIS = 2;
const ANY = NAME | SYNOPSIS;
const built = buildVocabulary(
  [
    ...['lantern', 'lanterns', 'lane', 'ledger', 'adventure', 'adventures', 'harbor', 'cat', '2048', 'lantern'].map((w) => [w, NAME] as const),
    ['lantern', SYNOPSIS],
    ['ledgers', SYNOPSIS],
  ],
);
// Most tests look at every field.
const vocabulary = {
  has: (word: string) => built.has(word, ANY),
  hasPrefix: (prefix: string) => built.hasPrefix(prefix, ANY),
  typos: (word: string) => built.typos(word, ANY),
};

describe('typo tolerance', () => {
  it('allows none under 4 chars, 1 from 4, 2 from 8, and none in numbers', () => {
    expect([maxTypos('cat'), maxTypos('cats'), maxTypos('lantern'), maxTypos('lanterns'), maxTypos('2049')]).toEqual([0, 1, 1, 2, 0]);
  });

  it('finds words one substitution, insertion or deletion away', () => {
    expect([...vocabulary.typos('harbur')]).toEqual([['harbor', 1]]);
    expect(vocabulary.typos('ledgr').get('ledger')).toBe(1);
    expect([...vocabulary.typos('ledgerx')].sort()).toEqual([['ledger', 1], ['ledgers', 1]]);
    expect(vocabulary.typos('ledgerr').get('ledger')).toBe(1);
  });

  it('counts an adjacent transposition as one edit', () => {
    expect(vocabulary.typos('lantren').get('lantern')).toBe(1);
    expect(vocabulary.typos('adventrue').get('adventure')).toBe(1);
    expect(vocabulary.typos('advemture').get('adventures')).toBe(2);
  });

  it('rejects words beyond the budget and leaves short words and numbers exact', () => {
    expect(vocabulary.typos('lnatren').has('lantern')).toBe(false);
    expect(vocabulary.typos('lantxrx').size).toBe(0);
    expect(vocabulary.typos('cta').size).toBe(0);
    expect(vocabulary.typos('2049').size).toBe(0);
  });

  it('restricts answers to the fields asked about', () => {
    expect([...built.typos('ledgerx', NAME)]).toEqual([['ledger', 1]]);
    expect([...built.typos('ledgerx', SYNOPSIS)]).toEqual([['ledgers', 1]]);
    expect([built.has('lane', SYNOPSIS), built.has('lantern', SYNOPSIS), built.hasPrefix('lan', SYNOPSIS), built.hasPrefix('ha', SYNOPSIS)]).toEqual([
      false, true, true, false,
    ]);
  });

  it('answers membership and prefix questions', () => {
    expect([vocabulary.has('lane'), vocabulary.has('lan'), vocabulary.hasPrefix('lan'), vocabulary.hasPrefix('lx')]).toEqual([true, false, true, false]);
  });

  it('checks one edit exactly', () => {
    const pairs: [string, string, boolean][] = [
      ['abcd', 'abcd', true], ['abcd', 'abxd', true], ['abcd', 'abdc', true], ['abcd', 'bacd', true], ['abcd', 'abc', true],
      ['abcd', 'bcd', true], ['abcd', 'abcde', true], ['abcd', 'xbcx', false], ['abcd', 'badc', false], ['abcd', 'ab', false],
      ['abcd', 'acbd', true], ['abcd', 'adcb', false],
    ];
    for (const [a, b, expected] of pairs) {
      expect([a, b, withinOneEdit(a, b)]).toEqual([a, b, expected]);
      expect(withinOneEdit(b, a)).toBe(expected);
    }
  });
});
