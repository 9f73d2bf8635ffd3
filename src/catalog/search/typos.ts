import SearchableMap from 'minisearch/SearchableMap';

const HAS_DIGIT = /\d/;
/** Shortest word a one-typo query (≥ 4 chars) can reach with a deletion. */
const MIN_INDEXED_LENGTH = 3;

/** How many typos a query word tolerates: none under 4 chars, 1 from 4, 2 from 8; never in numbers. */
export function maxTypos(word: string): number {
  // "2049" must not match "2048": digits are exact by nature.
  if (HAS_DIGIT.test(word)) return 0;
  return word.length >= 8 ? 2 : word.length >= 4 ? 1 : 0;
}

/**
 * The indexed words, each with a bit mask of the fields it occurs in, answering the questions
 * query expansion asks; `fields` masks restrict answers to words occurring in those fields.
 */
export interface Vocabulary {
  has(word: string, fields: number): boolean;
  hasPrefix(prefix: string, fields: number): boolean;
  /**
   * Words within `maxTypos(word)` edits of `word` (the word itself excluded), with their distance.
   * An adjacent transposition ("lantren" → "lantern") counts as one edit — the most common typo,
   * which plain Levenshtein (what MiniSearch's fuzzy uses) counts as two.
   */
  typos(word: string, fields: number): Map<string, number>;
}

/**
 * Builds a vocabulary from (word, field bit) pairs. One-typo lookups — the common case, and the one
 * suggest makes for every unknown 4–7 char input — use a deletion index (SymSpell): two words are
 * one edit apart only if they share a one-deletion form, so a lookup is length + 1 map reads
 * instead of a fuzzy walk of the whole tree (~100× faster). Two-typo lookups (8+ chars, rarer)
 * use MiniSearch's radix-tree fuzzy search.
 */
export function buildVocabulary(words: Iterable<readonly [word: string, field: number]>): Vocabulary {
  const masks = new Map<string, number>();
  for (const [word, field] of words) masks.set(word, (masks.get(word) ?? 0) | field);
  const tree = SearchableMap.from<number>(masks);
  // Deletion form → the word(s) having it; mostly one word, so no array then.
  const byDeletion = new Map<string, string | string[]>();
  const index = (form: string, word: string): void => {
    const existing = byDeletion.get(form);
    if (existing === undefined) byDeletion.set(form, word);
    else if (typeof existing === 'string') {
      if (existing !== word) byDeletion.set(form, [existing, word]);
    } else if (existing[existing.length - 1] !== word) existing.push(word);
  };
  for (const word of masks.keys()) {
    if (word.length < MIN_INDEXED_LENGTH) continue;
    index(word, word);
    for (let i = 0; i < word.length; i++) index(word.slice(0, i) + word.slice(i + 1), word);
  }
  const inFields = (word: string, fields: number): boolean => ((masks.get(word) ?? 0) & fields) !== 0;

  return {
    has: inFields,
    hasPrefix(prefix, fields) {
      for (const mask of tree.atPrefix(prefix).values()) if ((mask & fields) !== 0) return true;
      return false;
    },
    typos(word, fields) {
      const found = new Map<string, number>();
      const budget = maxTypos(word);
      if (budget === 1) {
        const visit = (candidates: string | string[] | undefined): void => {
          if (candidates === undefined) return;
          for (const candidate of typeof candidates === 'string' ? [candidates] : candidates) {
            if (candidate !== word && inFields(candidate, fields) && withinOneEdit(word, candidate)) found.set(candidate, 1);
          }
        };
        visit(byDeletion.get(word));
        for (let i = 0; i < word.length; i++) visit(byDeletion.get(word.slice(0, i) + word.slice(i + 1)));
      } else if (budget === 2) {
        // Levenshtein ≤ 2 already covers a transposition; it is just reported as 1 where it is one.
        for (const [term, [mask, distance]] of tree.fuzzyGet(word, 2)) {
          if (term !== word && (mask & fields) !== 0) found.set(term, distance === 2 && withinOneEdit(word, term) ? 1 : distance);
        }
      }
      return found;
    },
  };
}

/** Whether `a` becomes `b` by at most one substitution, insertion, deletion or adjacent transposition. */
export function withinOneEdit(a: string, b: string): boolean {
  if (Math.abs(a.length - b.length) > 1) return false;
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  if (a.length === b.length) {
    if (i === a.length) return true;
    if (a.slice(i + 1) === b.slice(i + 1)) return true;
    return a[i] === b[i + 1] && a[i + 1] === b[i] && a.slice(i + 2) === b.slice(i + 2);
  }
  return a.length > b.length ? a.slice(i + 1) === b.slice(i) : a.slice(i) === b.slice(i + 1);
}
