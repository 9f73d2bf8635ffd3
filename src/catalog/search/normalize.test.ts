import { describe, expect, it } from 'vitest';
import { foldText, normalizePhrase, normalizePrefix, tokenize } from './normalize.js';

describe('normalisation', () => {
  it('lowercases and strips diacritics, including letters NFD cannot split', () => {
    expect(foldText('Amélie À Bientôt')).toBe('amelie a bientot');
    expect(tokenize('Straße Ærø Łódź')).toEqual(['strasse', 'aero', 'lodz']);
  });

  it('splits on punctuation and drops apostrophes inside words', () => {
    expect(tokenize("Schindler's List: Spider-Man 2")).toEqual(['schindlers', 'list', 'spider', 'man', '2']);
    expect(tokenize('  ')).toEqual([]);
  });

  it('keeps letters of non-Latin scripts', () => {
    expect(tokenize('Москва слезам')).toEqual(['москва', 'слезам']);
  });

  it('joins words with single spaces and keeps one trailing space for a finished word', () => {
    expect(normalizePhrase('  The   Little, Lantern ')).toBe('the little lantern');
    expect(normalizePrefix('The ')).toBe('the ');
    expect(normalizePrefix('The')).toBe('the');
    expect(normalizePrefix("don'")).toBe('don');
    expect(normalizePrefix('   ')).toBe('');
  });
});
